import { EQUAL, NONE, factorTable, type Scoring } from './estimate';
import type { PassageTable } from './passages';
import type { Postings } from './postings';
import type { Vocabulary } from './vocabulary';
import { TermPattern, charMask, popcount } from './wordMatch';

/**
 * A typed word looked up in the vocabulary: the words that hold it as typed (a prefix, a part or
 * the whole word: fuse.js matches inside words too), or, once it is widened, those within one
 * typo of it that fuse.js would accept as well; and the speakers and sources whose names and
 * labels hold those words. Each is marked with its distance to the term, for the queries to
 * test passages against and for the estimate.
 */

/** Terms this short match only as typed: one edit in three letters matches half the vocabulary. */
const minTypoLength = 4;

/** Byte marks over ids (words, speakers, documents) that are cheap to clear after a query. */
export class Marks {
  values = new Uint8Array(0);
  readonly #touched: number[] = [];
  ensure(size: number): void {
    if (this.values.length < size) {
      const grown = new Uint8Array(Math.max(size, this.values.length * 2));
      grown.fill(NONE);
      grown.set(this.values);
      this.values = grown;
    }
  }
  /** Keeps the smallest distance marked for `id`. */
  mark(id: number, value: number): void {
    const old = this.values[id];
    if (old === NONE) {
      this.#touched.push(id);
      this.values[id] = value;
    } else if (old !== EQUAL && (value === EQUAL || value < old)) {
      this.values[id] = value;
    }
  }
  clear(): void {
    for (const id of this.#touched) this.values[id] = NONE;
    this.#touched.length = 0;
  }
}

/** What the query learnt about one term. */
export interface TermMatch {
  readonly term: string;
  /** Which of the query's terms: its bit in a passage's terms is 1 << k. */
  readonly k: number;
  readonly words: number[];
  readonly speakers: Set<number>;
  readonly docs: Set<number>;
  /** Passages reachable from this term: the length of the posting lists to follow. */
  reach: number;
  /** True once words within one typo of the term are included, not only words holding it. */
  widened: boolean;
  /** ln of fuse.js's factor for a match of d edits in each field, by d (EQUAL last). */
  readonly text: Float64Array;
  readonly speaker: Float64Array;
  readonly source: Float64Array;
  /** The term's distance to each word, speaker and source (NONE where it does not match). */
  readonly wordMarks: Marks;
  readonly speakerMarks: Marks;
  readonly docMarks: Marks;
}

/** Looks terms up in the vocabulary; the marks of the k-th term of a query are kept between queries, so a query allocates little. */
export class TermMatcher {
  readonly #vocabulary: Vocabulary;
  readonly #table: PassageTable;
  readonly #postings: Postings;
  readonly #scoring: Scoring;
  readonly #wordMarks: Marks[] = [];
  readonly #speakerMarks: Marks[] = [];
  readonly #docMarks: Marks[] = [];

  constructor(vocabulary: Vocabulary, table: PassageTable, postings: Postings, scoring: Scoring) {
    this.#vocabulary = vocabulary;
    this.#table = table;
    this.#postings = postings;
    this.#scoring = scoring;
  }

  /**
   * Finds the vocabulary words, speakers and documents holding the k-th term as typed, and
   * marks them; `widen` adds those within one typo when they are needed.
   */
  match(term: string, k: number): TermMatch {
    for (const list of [this.#wordMarks, this.#speakerMarks, this.#docMarks]) while (list.length <= k) list.push(new Marks());
    this.#wordMarks[k].ensure(this.#vocabulary.size);
    this.#speakerMarks[k].ensure(this.#table.speakerSlots.length);
    this.#docMarks[k].ensure(this.#table.docSource.length);
    const m = term.length;
    const { weights } = this.#scoring;
    const match: TermMatch = {
      term, k, words: [], speakers: new Set(), docs: new Set(), reach: 0, widened: false,
      text: factorTable(m, weights.text), speaker: factorTable(m, weights.speaker), source: factorTable(m, weights.source),
      wordMarks: this.#wordMarks[k], speakerMarks: this.#speakerMarks[k], docMarks: this.#docMarks[k],
    };
    const { speakerMarks, docMarks } = match;
    for (const s of this.#table.speakerAsWord.get(term) ?? []) { speakerMarks.mark(s, EQUAL); match.speakers.add(s); }
    for (const d of this.#table.labelAsWord.get(term) ?? []) { docMarks.mark(d, EQUAL); match.docs.add(d); }
    const masks = this.#vocabulary.masks.data;
    const lengths = this.#vocabulary.lengths.data;
    const vocabulary = this.#vocabulary.words;
    const termMask = charMask(term);
    const found: number[] = [];
    const consider = (w: number): void => {
      if (lengths[w] >= m && (masks[w] & termMask) === termMask && vocabulary[w].includes(term)) found.push(w);
    };
    if (m >= 2) {
      const grams = this.#vocabulary.grams;
      const range = grams.rarest(term);
      const words = range ? grams.words(range) : new Int32Array(0);
      for (let i = 0; i < words.length; i++) consider(words[i]);
    } else {
      for (let w = 0; w < vocabulary.length; w++) consider(w);
    }
    this.#take(match, found, found.map(() => 0));
    if (m < minTypoLength || m > 32) match.widened = true;
    return match;
  }

  /** Adds the words within one typo of the term (as fuse.js would also accept them). */
  widen(match: TermMatch): void {
    match.widened = true;
    const { term } = match;
    const m = term.length;
    const termMarks = match.wordMarks;
    const termMask = charMask(term);
    const needBits = popcount(termMask) - 1;
    const { threshold } = this.#scoring;
    const masks = this.#vocabulary.masks.data;
    const lengths = this.#vocabulary.lengths.data;
    const vocabulary = this.#vocabulary.words;
    const chars = this.#vocabulary.chars;
    const starts = this.#vocabulary.starts.data;
    const pattern = new TermPattern(term);
    const found: number[] = [];
    const edits: number[] = [];
    // Called for words sharing all but one of the term's letter bits, each once.
    const consider = (w: number): void => {
      if (lengths[w] < m - 1 || termMarks.values[w] !== NONE) return;
      const d = pattern.editsIn(chars, starts[w], starts[w + 1]);
      // One typo as a writer makes it, and only where fuse.js itself would see a match.
      if (d > 1 && (d > 2 || d / m > threshold || !pattern.swappedIn(vocabulary[w]))) return;
      found.push(w);
      edits.push(d);
    };
    // A word sharing a piece with the term by chance mostly lacks two of its letter bits: it is
    // rejected before the distance is measured.
    const candidates = this.#vocabulary.grams.typoCandidates(term, Math.floor(threshold * m + 1e-9) >= 2);
    for (let i = 0; i < candidates.length; i++) {
      const w = candidates[i];
      const shared = masks[w] & termMask;
      if (shared !== termMask && popcount(shared) < needBits) continue;
      consider(w);
    }
    this.#take(match, found, edits);
  }

  /** Clears the marks of a query's terms, for the next query. */
  release(matches: readonly TermMatch[]): void {
    for (const m of matches) {
      m.wordMarks.clear();
      m.speakerMarks.clear();
      m.docMarks.clear();
    }
  }

  /** Marks matched words (with their edits), and the speakers and sources holding them. */
  #take(match: TermMatch, words: readonly number[], edits: readonly number[]): void {
    const { wordMarks, speakerMarks, docMarks } = match;
    const inNames = this.#vocabulary.inNames;
    const table = this.#table;
    for (let i = 0; i < words.length; i++) {
      const w = words[i];
      const d = edits[i];
      wordMarks.mark(w, d);
      match.words.push(w);
      // Most words are in no name or label: the maps are not asked about them.
      if (inNames.data[w] === 0) continue;
      const bySpeaker = table.speakerPostings.get(w);
      if (bySpeaker) for (let j = 0; j < bySpeaker.length; j++) { speakerMarks.mark(bySpeaker.data[j], d); match.speakers.add(bySpeaker.data[j]); }
      const byDoc = table.docPostings.get(w);
      if (byDoc) for (let j = 0; j < byDoc.length; j++) { docMarks.mark(byDoc.data[j], d); match.docs.add(byDoc.data[j]); }
    }
    // Reach through speakers and sources is counted once per speaker or source.
    match.reach = match.words.reduce((sum, w) => sum + this.#postings.count(w), 0);
    for (const s of match.speakers) match.reach += table.speakerSlots[s].length;
    for (const d of match.docs) match.reach += table.docSource[d] ? table.docPassages[d] : 0;
  }
}
