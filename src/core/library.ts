import type { Passage, SourceDoc, SourceProblem, Span } from './model';
import { PassageIndex, type PassageWords, type SearchHit, type SearchOptions } from './search/passageIndex';
import { normalize, type Normalized } from './text/normalize';
import { messages } from '../shared/strings';
import { sourceProblemCodes } from '../shared/diagnosticCodes';
import { findCitations } from './citations/citations';
import { SourceWords } from './sourceIndex/sourceWords';

/**
 * All indexed sources: by URI, by citation key, and as a search index. Duplicate keys are
 * kept (both sources stay searchable) and reported as problems.
 */
export class Library {
  readonly #sources = new Map<string, SourceDoc>();
  readonly #failures = new Map<string, SourceProblem>();
  readonly #index = new PassageIndex();
  readonly #normalized = new WeakMap<SourceDoc, Normalized>();
  readonly #words = new SourceWords((doc) => this.normalized(doc));
  /** The sources by path, sorted once per change rather than on every question (there may be 100,000). */
  #sorted: SourceDoc[] | undefined;
  #revision = 0;

  /** Changes with every source added, replaced, failed or removed: what was checked against an older revision may differ now. */
  get revision(): number {
    return this.#revision;
  }

  /** Adds or replaces a source; `words`, from the index cache, spare the search index reading its texts. */
  set(doc: SourceDoc, words?: PassageWords): void {
    this.#revision++;
    this.#failures.delete(doc.uri);
    const last = this.#sorted?.at(-1);
    // Indexing reads files in path order, so a new source usually goes at the end.
    if (this.#sorted && !this.#sources.has(doc.uri) && (!last || last.path.localeCompare(doc.path) <= 0)) this.#sorted.push(doc);
    else this.#sorted = undefined;
    this.#sources.set(doc.uri, doc);
    this.#index.setSource(doc, words);
    this.#words.set(doc);
  }

  /** A source's passages as the search index read them, for the index cache. */
  passageWords(uri: string): PassageWords | undefined {
    return this.#index.passageWords(uri);
  }

  /** Records why a file could not be indexed, dropping what it had indexed before. */
  fail(problem: SourceProblem): void {
    this.remove(problem.uri);
    this.#failures.set(problem.uri, problem);
  }

  remove(uri: string): void {
    this.#revision++;
    if (this.#sources.delete(uri)) this.#sorted = undefined;
    this.#failures.delete(uri);
    this.#index.removeSource(uri);
    this.#words.remove(uri);
  }

  /** Forgets everything not in `keep`. */
  retain(keep: ReadonlySet<string>): void {
    for (const uri of [...this.#sources.keys(), ...this.#failures.keys()]) if (!keep.has(uri)) this.remove(uri);
  }

  get(uri: string): SourceDoc | undefined {
    return this.#sources.get(uri);
  }

  /** Why a file is not indexed, if it was skipped. */
  failure(uri: string): SourceProblem | undefined {
    return this.#failures.get(uri);
  }

  /** Sources in a stable order (by path), the order results and reports use. */
  sources(): SourceDoc[] {
    return [...this.ordered()];
  }

  /**
   * `sources()` without a copy, for callers that read it many times. The list is the library's
   * own (it may grow in place when a source is added): read it, do not keep it.
   */
  ordered(): readonly SourceDoc[] {
    this.#sorted ??= [...this.#sources.values()].sort((a, b) => a.path.localeCompare(b.path));
    return this.#sorted;
  }

  /** How many sources are indexed. */
  get size(): number {
    return this.#sources.size;
  }

  /**
   * The sources that can hold `normalizedText` (a text normalised as `normalized` is) as a
   * substring of their body's normalised text, or undefined when the text has no word to tell
   * them apart by. Any source left out cannot hold it.
   */
  holding(normalizedText: string): ReadonlySet<SourceDoc> | undefined {
    return this.#words.holding(normalizedText);
  }

  /** The sources holding at least `least` of `words` as whole words (each with its first letter in either case). */
  holdingWords(words: readonly string[], least: number): ReadonlySet<SourceDoc> {
    return this.#words.withAtLeast(words, least);
  }

  /** How many sources hold `word` as a whole word (its first letter in either case); 0 for a word no source has. */
  wordFrequency(word: string): number {
    return this.#words.frequency(word);
  }

  /** Every source with this citation key (more than one is a reported problem). */
  byKey(key: string): SourceDoc[] {
    return this.ordered().filter((s) => s.meta.key === key);
  }

  /**
   * The sources a footnote's definition names: those of the first `@key` cited in it, else
   * every source whose URL or title it contains.
   */
  sourcesNamedBy(definition: string): SourceDoc[] {
    const cited = findCitations(definition)[0];
    if (cited) return this.byKey(cited.key);
    return this.ordered().filter((s) => (s.meta.url && definition.includes(s.meta.url)) || (s.meta.title && definition.includes(s.meta.title)));
  }

  /** Skipped files, and warnings such as duplicate keys. */
  problems(): SourceProblem[] {
    const problems = [...this.#failures.values()];
    const byKey = new Map<string, SourceDoc[]>();
    for (const s of this.#sources.values()) {
      byKey.set(s.meta.key, [...(byKey.get(s.meta.key) ?? []), s]);
      for (const notice of s.notices ?? []) problems.push({ uri: s.uri, path: s.path, code: notice.code, message: notice.message, skipped: false });
    }
    for (const [key, docs] of byKey) {
      if (docs.length < 2) continue;
      docs.sort((a, b) => a.path.localeCompare(b.path));
      for (const doc of docs) {
        const others = docs.filter((d) => d !== doc).map((d) => d.path).join(', ');
        problems.push({ uri: doc.uri, path: doc.path, code: sourceProblemCodes.duplicateKey, message: messages.duplicateKey(key, others), skipped: false });
      }
    }
    return problems.sort((a, b) => a.path.localeCompare(b.path));
  }

  get passageCount(): number {
    return this.#index.size;
  }

  search(query: string, options?: SearchOptions): SearchHit[] {
    return this.#index.search(query, options);
  }

  /** The source's text under the normalisation contract, computed once per version. */
  normalized(doc: SourceDoc): Normalized {
    let n = this.#normalized.get(doc);
    if (!n) {
      n = normalize(doc.text);
      this.#normalized.set(doc, n);
    }
    return n;
  }

  /** The passage that holds `span` (a quotation before other kinds), or the one overlapping it most. */
  passageAt(doc: SourceDoc, span: Span): Passage | undefined {
    const containing = doc.passages.filter((p) => p.start <= span.start && span.end <= p.end);
    if (containing.length) return containing.sort((a, b) => (a.end - a.start) - (b.end - b.start))[0];
    let best: Passage | undefined;
    let bestOverlap = 0;
    for (const p of doc.passages) {
      const overlap = Math.min(p.end, span.end) - Math.max(p.start, span.start);
      if (overlap > bestOverlap) { best = p; bestOverlap = overlap; }
    }
    return best;
  }
}
