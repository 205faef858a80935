import type { Passage, PassageKind, SourceDoc } from '../model';
import { NONE, estimate, type Scoring } from './estimate';
import { IntList } from './lists';
import { kindBit, type PassageTable } from './passages';
import type { Postings } from './postings';
import { TermMatcher, type TermMatch } from './terms';
import type { Vocabulary } from './vocabulary';
import { popcount } from './wordMatch';

/** A passage proposed for ranking. */
export interface Candidate {
  /** Where the index keeps it, for asking not to propose it again. */
  readonly slot: number;
  readonly passage: Passage;
  readonly doc: SourceDoc;
  /** The words fuse.js searches besides the text and the speaker: key, outlet, author, title. */
  readonly label: string;
}

/** What a phase of a search asks the word index for. */
export interface CandidateQuery {
  readonly kinds?: readonly PassageKind[];
  /** 'all': passages matching every term; 'some': passages matching at least one, best first. */
  readonly mode: 'all' | 'some';
  /**
   * At most this many candidates, the best by estimate.
   */
  readonly max: number;
  /**
   * Typo matches are sought ('all'), and more terms followed ('some'), until this many
   * passages qualify or nothing is left to try.
   */
  readonly needed: number;
  /** Passages not to propose again ('some' only), by slot (`Candidate.slot`). */
  readonly exclude?: ReadonlySet<number>;
}

/** The passages proposed for one phase. */
export interface CandidateResult {
  /** In the order passages were added to the index (the order fuse.js breaks ties by). */
  readonly candidates: Candidate[];
  /** True when more passages qualified than `max`. */
  readonly truncated: boolean;
}

/**
 * The word index's queries: the passages holding every term ('all'), or some of them, those
 * holding most first ('some'), reached through the posting lists of the words the terms match,
 * and the best of them by `estimate`. Per-query scratch is kept between queries, so a query
 * allocates little.
 */
export class Candidates {
  readonly #table: PassageTable;
  readonly #postings: Postings;
  readonly #terms: TermMatcher;
  #seen = new Int32Array(0);
  #stamp = 0;
  /** Per passage, a bit for each term it holds (`#someTerms`), and the passages marked. */
  #termBits = new Uint16Array(0);
  readonly #touched = new IntList(1024);
  readonly #several = new IntList(1024);

  constructor(vocabulary: Vocabulary, table: PassageTable, postings: Postings, scoring: Scoring) {
    this.#table = table;
    this.#postings = postings;
    this.#terms = new TermMatcher(vocabulary, table, postings, scoring);
  }

  /**
   * Looks the terms up in the vocabulary once, then lets `use` ask for candidates (for both
   * phases of a search) while the lookup holds. The posting lists must be up to date.
   */
  withTerms<T>(typed: readonly string[], use: (candidates: (query: CandidateQuery) => CandidateResult) => T): T {
    // A passage's terms are bits of 16 (queries hold 12 words at most).
    const terms = typed.slice(0, 16);
    const matches = terms.map((term, k) => this.#terms.match(term, k));
    try {
      return use((query) => {
        if (matches.length === 0) return { candidates: [], truncated: false };
        return query.mode === 'all' ? this.#allTerms(query, matches) : this.#someTerms(query, matches);
      });
    } finally {
      this.#terms.release(matches);
    }
  }

  /** Passages matching every term: they all hold a match of the term reaching fewest passages. */
  #allTerms(query: CandidateQuery, matches: readonly TermMatch[]): CandidateResult {
    // A word no passage holds as typed is mistyped: it is widened before anything is followed.
    for (const m of matches) if (!m.widened && m.reach === 0) this.#terms.widen(m);
    const table = this.#table;
    for (;;) {
      const best = new BestCandidates(query.max);
      let found = 0;
      const driver = matches.reduce((a, b) => (b.reach < a.reach ? b : a));
      // Most passages the driver reaches miss another term, most often the rarest: checked first.
      const others = matches.filter((m) => m !== driver).sort((a, b) => a.reach - b.reach);
      this.#visit(driver, this.#newStamp(), (slot) => {
        if (!this.#holdsAll(slot, others)) return;
        const score = estimate(table, slot, matches, query.kinds, true);
        if (Number.isNaN(score)) return;
        found++;
        best.offer(slot, score);
      });
      // When some passage holds every word (as typed, or within one typo for a word held
      // nowhere as typed), the words are taken as meant, and passages holding most of them
      // follow in the other phase. When none does, one of them is likely mistyped into another
      // word ("form" for "from"): the words are widened one at a time, the one reaching fewest
      // passages as typed first (a word mistyped is most often rare as typed), until some
      // passage holds them all. A short common word has hundreds of neighbours; it is widened
      // only when no rarer word explains the query.
      if (found > 0) return this.#result(best);
      const narrow = matches.filter((m) => !m.widened);
      // A word found nowhere even within a typo leaves no passage holding them all.
      if (narrow.length === 0 || matches.some((m) => m.widened && m.reach === 0)) return this.#result(best);
      this.#terms.widen(narrow.reduce((a, b) => (b.reach < a.reach ? b : a)));
    }
  }

  /**
   * Passages matching some of the terms, those matching most first. Each passage reached is
   * marked with a bit for each term it holds, and a count is kept of how many passages hold how
   * many terms (no estimate yet); then only the passages of the best counts, enough of them to
   * fill the list, are estimated and the best of those proposed.
   *
   * Terms are followed from the one reaching fewest passages on. After following i + 1 of n
   * terms, every passage holding n − i of them or more has been reached (it misses at most i,
   * so it holds one of those followed). When asking the terms not yet followed of the passages
   * reached (reading their word lists) costs less than following those terms' posting lists,
   * they are asked, which gives those passages their full counts; if enough hold n − i terms,
   * the rest of the library is not read. A common word ("said", a name in many sources' titles,
   * a short word widened to hundreds of neighbours) is thus asked of a few thousand passages
   * instead of being followed to hundreds of thousands.
   */
  #someTerms(query: CandidateQuery, matches: readonly TermMatch[]): CandidateResult {
    const table = this.#table;
    const n = matches.length;
    const slots = table.slots;
    if (this.#termBits.length < slots) this.#termBits = new Uint16Array(Math.max(1024, slots * 1.5));
    const bits = this.#termBits;
    const touched = this.#touched;
    touched.length = 0;
    // Passages holding two terms or more, listed again each time they hold one more: most
    // passages reached hold one, and are read again only when the list needs them.
    const several = this.#several;
    several.length = 0;
    const byCount = new Array<number>(n + 1).fill(0);
    const skip = table.slotSkip.data;
    // Passages of kinds not asked for are not marked at all: they are neither counted nor proposed.
    const slotKind = table.slotKind.data;
    const kindMask = query.kinds ? query.kinds.reduce((mask, kind) => mask | kindBit(kind), 0) : 0xff;
    const mark = (slot: number, bit: number): void => {
      const held = bits[slot];
      if ((held & bit) !== 0 || skip[slot] !== 0 || (slotKind[slot] & kindMask) === 0) return;
      if (held === 0) touched.push(slot);
      else several.push(slot);
      bits[slot] = held | bit;
      const count = popcount(held);
      byCount[count]--;
      byCount[count + 1]++;
    };
    // The same walk over a term's lists as `#visit`, written out: one walk shared by both
    // callbacks makes its call sites polymorphic, and queries measured 10–15% slower.
    const follow = (match: TermMatch): void => {
      const bit = 1 << match.k;
      const { slots: postings, start: postStart, frozenWords, tail } = this.#postings;
      for (const w of match.words) {
        if (w < frozenWords) for (let i = postStart[w]; i < postStart[w + 1]; i++) mark(postings[i], bit);
        const list = tail[w];
        if (list) for (let i = 0; i < list.length; i++) mark(list.data[i], bit);
      }
      for (const sp of match.speakers) {
        const list = table.speakerSlots[sp];
        for (let i = 0; i < list.length; i++) mark(list.data[i], bit);
      }
      for (const d of match.docs) {
        if (!table.docSource[d]) continue;
        const first = table.docFirstSlot[d];
        for (let slot = first; slot < first + table.docPassages[d]; slot++) mark(slot, bit);
      }
    };
    const wanted = query.needed + (query.exclude?.size ?? 0);
    // Reading a passage's words for a term costs about an eighth of a posting followed per word.
    const askCost = table.forward.length / Math.max(1, slots) / 8;
    try {
      const order = [...matches].sort((a, b) => a.reach - b.reach);
      let asked = 0;
      let settled = 0;
      for (let i = 0; i < n && settled === 0; i++) {
        follow(order[i]);
        const rest = order.slice(i + 1);
        // After one term, only passages holding every term are known to have been reached.
        if (i === 0 || rest.length === 0) continue;
        if ((touched.length - asked) * rest.length * askCost >= rest.reduce((sum, m) => sum + m.reach, 0)) continue;
        for (; asked < touched.length; asked++) {
          const slot = touched.data[asked];
          for (const m of rest) if (this.#holds(slot, m)) mark(slot, 1 << m.k);
        }
        let known = 0;
        for (let count = n - 1; count >= n - i && settled === 0; count--) if ((known += byCount[count]) >= wanted) settled = count;
      }
      // The fewest terms a passage must hold for the list to be filled by the best counts
      // (passages excluded, a few, are among those counted; those holding every term are the
      // other phase's).
      let floor = n - 1;
      for (let known = byCount[n - 1]; floor > 1 && known < wanted; ) known += byCount[--floor];
      floor = Math.max(floor, settled);
      const best = new BestCandidates(query.max);
      const list = floor >= 2 ? several : touched;
      const stamp = this.#newStamp();
      const seen = this.#seen;
      for (let i = 0; i < list.length; i++) {
        const slot = list.data[i];
        const held = bits[slot];
        const count = popcount(held);
        if (count < floor || count === n || seen[slot] === stamp) continue;
        seen[slot] = stamp;
        if (query.exclude?.has(slot)) continue;
        best.offer(slot, estimate(table, slot, matches, undefined, false, held));
      }
      let left = 0;
      for (let count = 1; count < floor; count++) left += byCount[count];
      // Passages holding fewer terms are there, or may be when the library was not all read.
      return this.#result(best, left > 0 || settled > 0);
    } finally {
      for (let i = 0; i < touched.length; i++) bits[touched.data[i]] = 0;
    }
  }

  #result(best: BestCandidates, more = false): CandidateResult {
    const table = this.#table;
    const slots = best.slots().sort((a, b) => a - b);
    const candidates = slots.map((slot) => {
      const number = table.slotDoc.data[slot];
      return { slot, passage: table.passage(slot), doc: table.docSource[number]!, label: table.docLabel[number] };
    });
    return { candidates, truncated: best.truncated || more };
  }

  /** A mark for `#visit`'s passages seen, new to every slot. */
  #newStamp(): number {
    const slots = this.#table.slots;
    if (this.#seen.length < slots) this.#seen = new Int32Array(Math.max(1024, slots * 1.5));
    return ++this.#stamp;
  }

  /** Calls `f` once for each living passage the term reaches through any field, not yet seen under `stamp`. */
  #visit(match: TermMatch, stamp: number, f: (slot: number) => void): void {
    const table = this.#table;
    const seen = this.#seen;
    const skip = table.slotSkip.data;
    const visitSlot = (slot: number): void => {
      if (seen[slot] === stamp || skip[slot] !== 0) return;
      seen[slot] = stamp;
      f(slot);
    };
    const { slots: postings, start: postStart, frozenWords, tail } = this.#postings;
    for (const w of match.words) {
      if (w < frozenWords) for (let i = postStart[w]; i < postStart[w + 1]; i++) visitSlot(postings[i]);
      const list = tail[w];
      if (list) for (let i = 0; i < list.length; i++) visitSlot(list.data[i]);
    }
    for (const s of match.speakers) {
      const list = table.speakerSlots[s];
      for (let i = 0; i < list.length; i++) visitSlot(list.data[i]);
    }
    for (const d of match.docs) {
      if (!table.docSource[d]) continue;
      const first = table.docFirstSlot[d];
      for (let slot = first; slot < first + table.docPassages[d]; slot++) visitSlot(slot);
    }
  }

  /** True when the passage matches each of the terms in some field. */
  #holdsAll(slot: number, terms: readonly TermMatch[]): boolean {
    for (const m of terms) if (!this.#holds(slot, m)) return false;
    return true;
  }

  /** True when the passage matches the term in some field. */
  #holds(slot: number, m: TermMatch): boolean {
    const table = this.#table;
    const speaker = table.slotSpeaker.data[slot];
    if (speaker >= 0 && m.speakerMarks.values[speaker] !== NONE) return true;
    if (m.docMarks.values[table.slotDoc.data[slot]] !== NONE) return true;
    const marks = m.wordMarks.values;
    const forward = table.forward.data;
    const to = table.forwardStart.data[slot + 1];
    for (let i = table.forwardStart.data[slot]; i < to; i++) if (marks[forward[i]] !== NONE) return true;
    return false;
  }
}

/**
 * The `max` lowest-scoring slots seen, in a binary max-heap on the score. Among equal scores the
 * earlier slot is kept, as fuse.js, which breaks ties by order, would list it first.
 */
class BestCandidates {
  readonly #max: number;
  readonly #scores: number[] = [];
  readonly #slots: number[] = [];
  truncated = false;

  constructor(max: number) {
    this.#max = max;
  }

  /** True when the entry at i ranks below the one at j. */
  #worse(i: number, j: number): boolean {
    const a = this.#scores[i];
    const b = this.#scores[j];
    return a > b || (a === b && this.#slots[i] > this.#slots[j]);
  }

  offer(slot: number, score: number): void {
    const scores = this.#scores;
    const slots = this.#slots;
    if (scores.length < this.#max) {
      let i = scores.length;
      scores.push(score);
      slots.push(slot);
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!this.#worse(i, parent)) break;
        swap(scores, slots, i, parent);
        i = parent;
      }
      return;
    }
    this.truncated = true;
    if (this.#max === 0 || score > scores[0] || (score === scores[0] && slot > slots[0])) return;
    scores[0] = score;
    slots[0] = slot;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let largest = i;
      if (left < scores.length && this.#worse(left, largest)) largest = left;
      if (right < scores.length && this.#worse(right, largest)) largest = right;
      if (largest === i) break;
      swap(scores, slots, i, largest);
      i = largest;
    }
  }

  slots(): number[] {
    return [...this.#slots];
  }
}

function swap(scores: number[], slots: number[], i: number, j: number): void {
  const s = scores[i]; scores[i] = scores[j]; scores[j] = s;
  const t = slots[i]; slots[i] = slots[j]; slots[j] = t;
}
