import type { SourceDoc } from '../model';
import type { Normalized } from '../text/normalize';

/**
 * Which sources can hold a text, without reading them: every word of each source's normalised
 * text, and the sources holding it. A quotation found in a source by `indexOf` (as typed or
 * normalised) has each of its inner words (not its first or last, which may be cut from a
 * longer word) as a whole word of that source; so only the sources holding all of them need
 * reading, and the answer is the one a scan of every source gives. A quotation of one or two
 * words says only that some word of the source contains them; the vocabulary is searched for
 * that instead.
 *
 * Words are runs of letters, digits and combining marks of the normalised text (a combining
 * mark normalisation could not compose stays beside its letter in both texts). Sources are
 * read on the first question after they change, not when they are indexed.
 */
export class SourceWords {
  readonly #normalized: (doc: SourceDoc) => Normalized;
  /** The number of each source in the posting lists; numbers only grow, so lists stay sorted. */
  readonly #ids = new Map<string, { doc: SourceDoc; id: number }>();
  readonly #docs: (SourceDoc | undefined)[] = [];
  readonly #postings = new Map<string, number[]>();
  readonly #pending = new Map<string, SourceDoc>();
  /** Posting entries of removed sources, dropped when they outnumber the live ones. */
  #stale = 0;
  #live = 0;
  /** Words holding a fragment, remembered until the sources change (a draft repeats its short quotations). */
  readonly #fragments = new Map<string, ReadonlySet<SourceDoc>>();

  constructor(normalized: (doc: SourceDoc) => Normalized) {
    this.#normalized = normalized;
  }

  /** Adds or replaces a source (by URI); it is read on the next question. */
  set(doc: SourceDoc): void {
    this.remove(doc.uri);
    this.#pending.set(doc.uri, doc);
  }

  remove(uri: string): void {
    this.#fragments.clear();
    if (this.#pending.delete(uri)) return;
    const entry = this.#ids.get(uri);
    if (!entry) return;
    this.#ids.delete(uri);
    this.#docs[entry.id] = undefined;
    this.#stale++;
    this.#live--;
  }

  /**
   * The sources that can hold `text` (normalised) as a substring, or undefined when the text
   * holds no word to narrow them by. A source left out cannot hold it.
   */
  holding(text: string): ReadonlySet<SourceDoc> | undefined {
    this.#update();
    const found = [...text.matchAll(wordPattern)];
    if (found.length === 0) return undefined;
    const inner = found.slice(1, -1).map((m) => m[0]);
    if (inner.length === 0) {
      const longest = found.map((m) => m[0]).reduce((a, b) => (b.length > a.length ? b : a));
      return this.#holdingFragment(longest);
    }
    // The rarest words first: their lists are shortest, and the intersection only shrinks.
    const lists = [...new Set(inner)].map((w) => this.#postings.get(w));
    if (lists.some((l) => !l)) return new Set();
    const sorted = (lists as number[][]).sort((a, b) => a.length - b.length).slice(0, 4);
    let ids = sorted[0];
    for (const other of sorted.slice(1)) ids = intersect(ids, other);
    const docs = new Set<SourceDoc>();
    for (const id of ids) {
      const doc = this.#docs[id];
      if (doc) docs.add(doc);
    }
    return docs;
  }

  /** The sources holding at least `least` of `words` as whole words (each with its first letter in either case). */
  withAtLeast(words: readonly string[], least: number): ReadonlySet<SourceDoc> {
    this.#update();
    const counts = new Map<number, number>();
    for (const word of words) {
      for (const id of new Set(this.#variants(word).flatMap((w) => this.#postings.get(w) ?? []))) counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    const found = new Set<SourceDoc>();
    for (const [id, n] of counts) {
      const doc = this.#docs[id];
      if (n >= least && doc) found.add(doc);
    }
    return found;
  }

  #variants(word: string): string[] {
    const lower = word.toLowerCase();
    return [...new Set([word, lower, lower.charAt(0).toUpperCase() + lower.slice(1)])];
  }

  /** How many sources hold `word` as a whole word, in its case or with its first letter in the other. */
  frequency(word: string): number {
    this.#update();
    return this.#variants(word).reduce((n, w) => n + (this.#postings.get(w)?.length ?? 0), 0);
  }

  #holdingFragment(fragment: string): ReadonlySet<SourceDoc> {
    let docs = this.#fragments.get(fragment);
    if (docs) return docs;
    const found = new Set<SourceDoc>();
    for (const [word, ids] of this.#postings) {
      if (!word.includes(fragment)) continue;
      for (const id of ids) {
        const doc = this.#docs[id];
        if (doc) found.add(doc);
      }
    }
    docs = found;
    if (this.#fragments.size >= maxRememberedFragments) this.#fragments.clear();
    this.#fragments.set(fragment, docs);
    return docs;
  }

  #update(): void {
    if (this.#stale > 0 && this.#stale > this.#live) this.#rebuild();
    if (this.#pending.size === 0) return;
    for (const doc of this.#pending.values()) this.#add(doc);
    this.#pending.clear();
  }

  #add(doc: SourceDoc): void {
    const id = this.#docs.length;
    this.#docs.push(doc);
    this.#ids.set(doc.uri, { doc, id });
    this.#live++;
    const normalized = this.#normalized(doc);
    // Front matter is no source text: words are read from where the body starts.
    const from = firstIndexAtOrAfter(normalized.map, doc.bodyStart);
    const words = new Set<string>();
    for (const m of normalized.text.slice(from).matchAll(wordPattern)) words.add(m[0]);
    for (const word of words) {
      const list = this.#postings.get(word);
      if (list) list.push(id);
      else this.#postings.set(word, [id]);
    }
  }

  /** Drops the lists' entries of removed sources by reading the live ones again. */
  #rebuild(): void {
    const live = this.#docs.filter((d): d is SourceDoc => d !== undefined);
    this.#postings.clear();
    this.#ids.clear();
    this.#docs.length = 0;
    this.#stale = 0;
    this.#live = 0;
    for (const doc of live) if (!this.#pending.has(doc.uri)) this.#add(doc);
  }
}

const wordPattern = /[\p{L}\p{N}\p{M}]+/gu;

/** Fragments (quotations of one or two words) whose containing words are remembered at once. */
const maxRememberedFragments = 2_000;

function intersect(a: readonly number[], b: readonly number[]): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) { out.push(a[i]); i++; j++; }
    else if (a[i] < b[j]) i++;
    else j++;
  }
  return out;
}

/** The first normalised index whose original offset is at or after `offset` (binary search). */
export function firstIndexAtOrAfter(map: readonly number[], offset: number): number {
  let lo = 0;
  let hi = map.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (map[mid] < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
