import Fuse, { type Expression, type FuseResult, type IFuseOptions } from 'fuse.js';
import type { Passage, PassageKind, SourceDoc } from '../model';
import { normalize } from '../text/normalize';
import { WordIndex, type Candidate, type CandidateQuery, type CandidateResult, type Scoring } from './wordIndex';

/** What fuse.js ranks for each candidate passage: the fields searched, and the way back. */
interface Entry {
  readonly text: string;
  readonly speaker: string;
  readonly source: string;
  readonly passage: Passage;
  readonly doc: SourceDoc;
}

/** One search result. */
export interface SearchHit {
  readonly passage: Passage;
  readonly source: SourceDoc;
  /** 0 is a perfect match, 1 no match at all (fuse.js's scale). */
  readonly score: number;
}

export interface SearchOptions {
  readonly limit?: number;
  /** Only these kinds of passage. */
  readonly kinds?: readonly PassageKind[];
  /** Only passages matching every word (no partial matches after the full ones). */
  readonly allWords?: boolean;
}

/**
 * The one place fuse.js is configured. Each option says why it has its value.
 */
const fuseOptions: IFuseOptions<Entry> = Object.freeze({
  keys: [
    // What a writer remembers is mostly the words of the passage; the speaker, outlet or
    // title narrow it down ("pen lifeline") without outweighing the words themselves.
    { name: 'text', weight: 0.75 },
    { name: 'speaker', weight: 0.15 },
    { name: 'source', weight: 0.1 },
  ],
  // Remembered words may stand anywhere in a long passage: location must not cost anything.
  ignoreLocation: true,
  // Long passages would otherwise rank below short ones holding the same words.
  ignoreFieldNorm: true,
  // Words in any order, each one fuzzy: extended search ANDs white-space separated terms.
  useExtendedSearch: true,
  // 0.4 lets one typo in a five-letter word through ("lifline"), and rejects unrelated words.
  threshold: 0.4,
  includeScore: true,
  // Single letters match everywhere and only add noise to the score.
  minMatchCharLength: 2,
  shouldSort: true,
});

const searchedKeys = ['text', 'speaker', 'source'] as const;

/**
 * How many candidates fuse.js ranks to find `needed` more results. fuse.js costs about 0.1 ms
 * per passage for a four-word query, so it sees only the best candidates by the word index's
 * estimate, which follows fuse.js's own formula; the margin covers matches only fuse.js sees
 * (two edits, words run together) and duplicates dropped after ranking. When too few results
 * survive, the phase asks for four times as many.
 */
function rankedFor(needed: number): number {
  return needed + Math.max(4, Math.ceil(needed / 4));
}

/**
 * The most candidates one phase asks for when repeats and filtered kinds keep the list short:
 * fuse.js is not asked to read thousands of near-identical passages for one query.
 */
const maxNeeded = 2_000;

/**
 * fuse.js reads at most this many characters of a passage (a paragraph of several pages): its
 * cost grows with the text, and a source of one 5 MB line can make a passage of megabytes. A
 * longer text is given as the stretch around the first word of the query it holds.
 */
const maxRankedChars = 4_000;

function rankedText(text: string, terms: readonly string[]): string {
  if (text.length <= maxRankedChars) return text;
  const lower = text.toLowerCase();
  let at = -1;
  for (const term of terms) {
    at = lower.indexOf(term);
    if (at >= 0) break;
  }
  const start = Math.max(0, Math.min(text.length - maxRankedChars, at - maxRankedChars / 2));
  return text.slice(start, start + maxRankedChars);
}

/** fuse.js's scoring as configured above, for the candidate estimate (weights sum to 1 as fuse.js makes them). */
const scoring: Scoring = (() => {
  const keys = fuseOptions.keys as readonly { name: string; weight: number }[];
  const total = keys.reduce((sum, key) => sum + key.weight, 0);
  const weight = (name: string): number => (keys.find((key) => key.name === name)?.weight ?? 0) / total;
  return { weights: { text: weight('text'), speaker: weight('speaker'), source: weight('source') }, threshold: fuseOptions.threshold! };
})();

/**
 * The searchable index of every passage of every source. Sources are replaced or removed one
 * at a time, without rebuilding the rest.
 *
 * fuse.js ranks; it never reads the whole library. A word index (`wordIndex.ts`) proposes the
 * passages that hold every query word as typed or within one typo, best first by an estimate of
 * fuse.js's own score, and fuse.js scores and orders those few with the options above. The cost
 * of a query thus follows the number of passages holding its rarest word, not the library's size.
 */
export class PassageIndex {
  readonly #words = new WordIndex(scoring);

  /** Number of passages indexed. */
  get size(): number {
    return this.#words.size;
  }

  /** Number of distinct words in the index (texts, speakers and source labels). */
  get vocabulary(): number {
    return this.#words.vocabulary;
  }

  /** Adds a source's passages, replacing any it had before. */
  setSource(doc: SourceDoc): void {
    this.#words.add(doc, sourceLabel(doc));
  }

  removeSource(uri: string): void {
    this.#words.remove(uri);
  }

  /** Makes the index ready for a search now; otherwise the first search after changes does it. */
  flush(): void {
    this.#words.flush();
  }

  /**
   * Passages for the words a writer remembers, best first. Every word must match (fuzzily);
   * when that leaves fewer results than asked for, passages matching some of the words follow.
   * A passage whose text appears twice in one source is listed once.
   */
  search(query: string, options: SearchOptions = {}): SearchHit[] {
    return inTwoReadings(query, options, (terms, opts) => this.#words.withTerms(terms, (candidatesFor) => searchWith(terms, opts, candidatesFor)));
  }
}

/**
 * fuse.js over every passage of `docs`, as Verbatim searched before the word index: what
 * `PassageIndex.search` returns, found the slow way. For tests and the benchmark.
 */
export function exhaustiveSearch(docs: readonly SourceDoc[], query: string, options: SearchOptions = {}): SearchHit[] {
  const labels = docs.map((doc) => sourceLabel(doc));
  const all: Candidate[] = docs.flatMap((doc, i) => doc.passages.map((passage) => ({ passage, doc, label: labels[i] })));
  return inTwoReadings(query, options, (terms, opts) => searchWith(terms, opts, () => ({ candidates: all, truncated: false })));
}

/**
 * A query in Chinese or Japanese is typed without spaces, so its words are not known: "数据多跑"
 * is four characters copied from the middle of a passage, "周建国试点" a speaker and a word. The
 * query is first read as typed, each run of such characters one term that must appear as it is
 * (fuse.js finds it inside the passage's text); when that leaves too few results, the runs are
 * cut into words (see `cjkWords`) and passages holding each word anywhere follow.
 */
function inTwoReadings(query: string, options: SearchOptions, run: (terms: readonly string[], options: SearchOptions) => SearchHit[]): SearchHit[] {
  const terms = queryTerms(query);
  const words = queryTerms(query, true);
  const split = words.length > 0 && words.join(' ') !== terms.join(' ');
  const hits = terms.length > 0 ? run(terms, split ? { ...options, allWords: true } : options) : [];
  const limit = options.limit ?? 20;
  if (!split || hits.length >= limit) return hits;
  const seen = new Set(hits.map((h) => h.passage));
  // A passage found only by the words, not by the run as typed, ranks after those found by it.
  const more = run(words, { ...options, limit: limit + hits.length }).filter((h) => !seen.has(h.passage) && !hits.some((k) => k.source === h.source && k.passage.text === h.passage.text));
  return [...hits, ...more.map((h) => ({ ...h, score: Math.min(1, h.score + 0.1) }))].slice(0, limit);
}

function sourceLabel(doc: SourceDoc): string {
  return [doc.meta.key, doc.meta.outlet, doc.meta.author, doc.meta.title].filter(Boolean).join(' ');
}

/**
 * The search itself: fuse.js ranks the candidates of each phase (every word, then some of the
 * words) and the results are collected best first, a text repeated in one source once.
 */
function searchWith(terms: readonly string[], options: SearchOptions, candidatesFor: (query: CandidateQuery) => CandidateResult): SearchHit[] {
  const limit = options.limit ?? 20;
  if (limit <= 0) return [];
  const kinds = options.kinds;
  const normalized = new Map<Passage, string>();
  const normal = (p: Passage): string => {
    let n = normalized.get(p);
    if (n === undefined) normalized.set(p, n = normalize(p.text).text);
    return n;
  };
  // Only results of one source can repeat each other, so texts are normalised only when two
  // results share a source.
  const repeats = (into: readonly SearchHit[], passage: Passage, doc: SourceDoc): boolean =>
    into.some((h) => h.source.meta.key === doc.meta.key && (h.passage.text === passage.text || normal(h.passage) === normal(passage)));
  const collect = (results: readonly FuseResult<Entry>[], penalty: number, into: SearchHit[]): void => {
    for (const r of results) {
      if (into.length >= limit) return;
      if (kinds && !kinds.includes(r.item.passage.kind)) continue;
      if (repeats(into, r.item.passage, r.item.doc)) continue;
      into.push({ passage: r.item.passage, source: r.item.doc, score: Math.min(1, (r.score ?? 1) + penalty) });
    }
  };
  let hits: SearchHit[] = [];
  // Ranks the candidates of one phase; asks for more when too many of them were repeats or
  // filtered out to fill the list.
  const phase = (mode: 'all' | 'some', expression: Expression, penalty: number): void => {
    for (let needed = limit - hits.length; ; needed = Math.min(maxNeeded, needed * 4)) {
      const exclude = new Set(hits.map((h) => h.passage));
      const { candidates, truncated } = candidatesFor({ kinds, mode, max: rankedFor(needed), needed, exclude });
      const entries = candidates.map(({ passage, doc, label }): Entry => ({ text: rankedText(passage.text, terms), speaker: passage.speaker ?? '', source: label, passage, doc }));
      const into = [...hits];
      collect(rank(new Fuse(entries, fuseOptions).search(expression)), penalty, into);
      if (into.length >= limit || !truncated || needed >= maxNeeded) {
        hits = into;
        return;
      }
    }
  };
  // Each word must match one of the fields, not necessarily the same one ("pen lifeline").
  const anyField = (term: string): Expression => ({ $or: searchedKeys.map((key) => ({ [key]: term })) });
  phase('all', { $and: terms.map(anyField) }, 0);
  if (hits.length < limit && terms.length > 1 && !options.allWords) phase('some', { $or: terms.map(anyField) }, 0.25);
  return hits;
}

/** Direct quotations first among equals: they are what a writer most often looks for. */
function rank(results: FuseResult<Entry>[]): FuseResult<Entry>[] {
  const boost = (r: FuseResult<Entry>): number => (r.score ?? 1) - (r.item.passage.kind === 'quote' ? 0.02 : 0);
  return results.sort((a, b) => boost(a) - boost(b));
}

/**
 * The query's words, lower-cased, without punctuation or the characters fuse.js's extended
 * search reads as operators (' = ! ^ $ |), so that what a writer types is always words. A
 * term of one character is dropped: fuse.js (`minMatchCharLength: 2`) never matches it.
 * With `cutCjk`, runs of Chinese and Japanese characters are cut into words (`cjkWords`).
 */
export function queryTerms(query: string, cutCjk = false): string[] {
  const terms = normalize(query).text.toLowerCase().split(/[^\p{L}\p{N}]+/u);
  return (cutCjk ? terms.flatMap((t) => (cjkRun.test(t) ? cjkWords(t) : [t])) : terms)
    .filter((w) => w.length >= 2)
    .slice(0, 12);
}

const cjkRun = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
let wordSegmenter: Intl.Segmenter | undefined;

/**
 * The words of a run of Chinese or Japanese characters, by the dictionary of Unicode's word
 * segmentation (ICU, built into JavaScript). A name the dictionary does not know comes out as
 * single characters ("周|建国", "王|丽"): neighbouring single characters are joined, and a single
 * one left over joins the word after it (before it at the end), since fuse.js never matches a
 * term of one character. Every word is a stretch of the run as typed.
 */
export function cjkWords(run: string): string[] {
  wordSegmenter ??= new Intl.Segmenter('zh', { granularity: 'word' });
  const pieces: string[] = [];
  let singles = '';
  for (const { segment } of wordSegmenter.segment(run)) {
    if (segment.length === 1) { singles += segment; continue; }
    if (singles.length === 1) pieces.push(singles + segment);
    else { if (singles) pieces.push(singles); pieces.push(segment); }
    singles = '';
  }
  if (singles.length === 1 && pieces.length) pieces[pieces.length - 1] += singles;
  else if (singles) pieces.push(singles);
  return pieces;
}
