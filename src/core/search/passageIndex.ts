import Fuse, { type Expression, type FuseResult, type IFuseOptions } from 'fuse.js';
import type { Passage, PassageKind, SourceDoc } from '../model';
import { normalize } from '../text/normalize';

/** What the index stores for each passage: the fields searched, and the way back. */
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
 * The searchable index of every passage of every source. Sources are replaced or removed one
 * at a time, without rebuilding the rest.
 */
export class PassageIndex {
  readonly #fuse = new Fuse<Entry>([], fuseOptions);
  readonly #bySource = new Map<string, number>();

  /** Number of passages indexed. */
  get size(): number {
    let n = 0;
    for (const count of this.#bySource.values()) n += count;
    return n;
  }

  /** Adds a source's passages, replacing any it had before. */
  setSource(doc: SourceDoc): void {
    this.removeSource(doc.uri);
    const speakerOf = (p: Passage): string => p.speaker ?? '';
    const sourceLabel = [doc.meta.key, doc.meta.outlet, doc.meta.author, doc.meta.title].filter(Boolean).join(' ');
    for (const passage of doc.passages) {
      this.#fuse.add({ text: passage.text, speaker: speakerOf(passage), source: sourceLabel, passage, doc });
    }
    this.#bySource.set(doc.uri, doc.passages.length);
  }

  removeSource(uri: string): void {
    if (!this.#bySource.has(uri)) return;
    this.#fuse.remove((entry) => entry.doc.uri === uri);
    this.#bySource.delete(uri);
  }

  /**
   * Passages for the words a writer remembers, best first. Every word must match (fuzzily);
   * when that leaves fewer results than asked for, passages matching some of the words follow.
   * A passage whose text appears twice in one source is listed once.
   */
  search(query: string, options: SearchOptions = {}): SearchHit[] {
    const limit = options.limit ?? 20;
    const terms = queryTerms(query);
    if (terms.length === 0) return [];
    const kinds = options.kinds;
    const accept = (r: FuseResult<Entry>): boolean => !kinds || kinds.includes(r.item.passage.kind);
    const hits: SearchHit[] = [];
    const seen = new Set<string>();
    const collect = (results: readonly FuseResult<Entry>[], penalty: number): void => {
      for (const r of results) {
        if (hits.length >= limit) return;
        if (!accept(r)) continue;
        const dedupe = `${r.item.doc.meta.key}\u0000${normalize(r.item.passage.text).text}`;
        if (seen.has(dedupe)) continue;
        seen.add(dedupe);
        hits.push({ passage: r.item.passage, source: r.item.doc, score: Math.min(1, (r.score ?? 1) + penalty) });
      }
    };
    // Each word must match one of the fields, not necessarily the same one ("pen lifeline").
    const anyField = (term: string): Expression => ({ $or: searchedKeys.map((key) => ({ [key]: term })) });
    collect(rank(this.#fuse.search({ $and: terms.map(anyField) })), 0);
    if (hits.length < limit && terms.length > 1 && !options.allWords) collect(rank(this.#fuse.search({ $or: terms.map(anyField) })), 0.25);
    return hits;
  }
}

/** Direct quotations first among equals: they are what a writer most often looks for. */
function rank(results: FuseResult<Entry>[]): FuseResult<Entry>[] {
  const boost = (r: FuseResult<Entry>): number => (r.score ?? 1) - (r.item.passage.kind === 'quote' ? 0.02 : 0);
  return results.sort((a, b) => boost(a) - boost(b));
}

/**
 * The query's words, lower-cased, without punctuation or the characters fuse.js's extended
 * search reads as operators (' = ! ^ $ |), so that what a writer types is always words.
 */
export function queryTerms(query: string): string[] {
  return normalize(query).text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length >= 2 || /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u.test(w))
    .slice(0, 12);
}
