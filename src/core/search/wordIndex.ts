import type { SourceDoc } from '../model';
import { Candidates, type CandidateQuery, type CandidateResult } from './candidates';
import type { Scoring } from './estimate';
import { PassageTable, type PassageWords } from './passages';
import { Postings } from './postings';
import { Vocabulary } from './vocabulary';

export type { Candidate, CandidateQuery, CandidateResult } from './candidates';
export type { Scoring } from './estimate';
export type { PassageWords } from './passages';

/**
 * The candidate generator in front of fuse.js. fuse.js reads every passage for every query,
 * which is fine for an article and far too slow for a desk's library; this index finds the few
 * passages worth handing to fuse.js, by looking up each typed word in the library's vocabulary
 * and following posting lists from the words it matches to the passages that hold them.
 *
 * A typed word matches a vocabulary word that holds it as typed (a prefix, a part or the whole
 * word: fuse.js matches inside words too), or, when it has four characters or more, within one
 * typo of it (a letter left out, added, replaced, or two neighbours swapped) as long as fuse.js
 * would accept that match as well. fuse.js tolerates more (two or three edits in long words),
 * but such matches rank below these; they are ignored here, and the test suite compares the
 * results with an exhaustive fuse.js search to keep that claim true.
 *
 * Typo matches are looked for where a typo is likely: for a word no passage holds as typed,
 * and for every word when no passage holds them all. A word that passages hold as typed, next
 * to the others, is taken as meant: passages holding one of its neighbours instead ("cast" for
 * "cost"; a four-letter word has hundreds) then come with those holding some of the words,
 * after the passages holding all of them.
 *
 * Each candidate gets an estimate of fuse.js's score computed from the same formula fuse.js
 * applies (per field, edits divided by length, raised to the field's weight, multiplied over
 * terms and fields), from word-level distances. Only the best candidates by estimate reach
 * fuse.js, which scores and orders them; the estimate only decides who is considered.
 *
 * Each part has a file of its own: the words (`vocabulary.ts`, with `gramIndex.ts` for their
 * pieces), the passages and the words each holds (`passages.ts`), the posting lists derived
 * from those (`postings.ts`), a typed word's matches in the vocabulary (`terms.ts`), the two
 * queries (`candidates.ts`) and the estimate (`estimate.ts`). This class holds them together
 * and replaces them all at once when it compacts.
 */

/** Compact the index once more passages are dead than alive, and at least this many. */
const minDeadForCompaction = 20_000;

/** Everything an index holds, replaced as a whole when it is compacted. */
class Parts {
  readonly vocabulary = new Vocabulary();
  readonly table = new PassageTable();
  readonly postings = new Postings();
  readonly candidates: Candidates;

  constructor(scoring: Scoring) {
    this.candidates = new Candidates(this.vocabulary, this.table, this.postings, scoring);
  }
}

export class WordIndex {
  readonly #scoring: Scoring;
  #parts: Parts;

  constructor(scoring: Scoring) {
    this.#scoring = scoring;
    this.#parts = new Parts(scoring);
  }

  /** Distinct words known. */
  get vocabulary(): number {
    return this.#parts.vocabulary.size;
  }

  /** Passages indexed. */
  get size(): number {
    return this.#parts.table.alive;
  }

  /**
   * Adds a source's passages; `label` is what fuse.js searches as the source field. `words`,
   * when given (from the index cache), are the passages' words as an earlier index read them;
   * lists that do not fit the passages are ignored and the texts read.
   */
  add(doc: SourceDoc, label: string, words?: PassageWords): void {
    this.remove(doc.uri);
    // Read after `remove`, which may have compacted the index into new parts.
    const { table, vocabulary } = this.#parts;
    table.add(doc, label, vocabulary, words);
  }

  /** The passages' words as this index read them (see `PassageWords`), for the index cache. */
  passageWords(uri: string): PassageWords | undefined {
    const { table, vocabulary } = this.#parts;
    const lists = table.wordLists(uri);
    return lists && { vocabulary: vocabulary.words, lists };
  }

  /** Brings the vocabulary's pieces and the posting lists up to date with the passages added. */
  flush(): void {
    const { vocabulary, table, postings } = this.#parts;
    vocabulary.syncGrams();
    postings.flush(table, vocabulary.size);
  }

  /** Forgets a source. Its slots stay in posting lists as dead entries until compaction. */
  remove(uri: string): void {
    const { table } = this.#parts;
    table.remove(uri);
    // Dead entries cost memory and query time; once they outnumber the living, rebuilding
    // from the living costs no more than the additions that made them, so it is amortised.
    if (table.dead >= minDeadForCompaction && table.dead > table.alive) this.#compact();
  }

  /**
   * Looks the terms up in the vocabulary once, then lets `use` ask for candidates (for both
   * phases of a search) while the lookup holds.
   */
  withTerms<T>(typed: readonly string[], use: (candidates: (query: CandidateQuery) => CandidateResult) => T): T {
    this.flush();
    return this.#parts.candidates.withTerms(typed, use);
  }

  /** Rebuilds every part from the living sources, in the order they were added. */
  #compact(): void {
    const fresh = new WordIndex(this.#scoring);
    for (const { doc, label } of this.#parts.table.living()) fresh.add(doc, label);
    this.#parts = fresh.#parts;
  }
}
