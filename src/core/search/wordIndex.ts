import type { Passage, PassageKind, SourceDoc } from '../model';
import { GramIndex } from './gramIndex';
import { TermPattern, asciiWord, charMask, popcount, wordCharAt, wordsOf } from './wordMatch';

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
 */

/** How fuse.js scores, as configured in passageIndex.ts. */
export interface Scoring {
  readonly weights: { readonly text: number; readonly speaker: number; readonly source: number };
  /** fuse.js's threshold: a match is kept when edits / length ≤ threshold. */
  readonly threshold: number;
}

/**
 * A source's passages as the word index read them: for each passage in order, the number of
 * its distinct words, then those words' numbers in `vocabulary` (or −1 alone for a passage
 * repeating an earlier one of its source). Saved with the index cache, so that a reopened
 * workspace is indexed without reading every text again.
 */
export interface PassageWords {
  readonly vocabulary: readonly string[];
  readonly lists: Int32Array;
}

/** A passage proposed for ranking. */
export interface Candidate {
  readonly passage: Passage;
  readonly doc: SourceDoc;
  /** The words fuse.js searches besides the text and the speaker: key, outlet, author, title. */
  readonly label: string;
}

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
  /** Passages not to propose again ('some' only). */
  readonly exclude?: ReadonlySet<Passage>;
}

export interface CandidateResult {
  /** In the order passages were added to the index (the order fuse.js breaks ties by). */
  readonly candidates: Candidate[];
  /** True when more passages qualified than `max`. */
  readonly truncated: boolean;
}

/** A growable list of 32-bit integers: postings and forward lists without per-entry objects. */
class IntList {
  data: Int32Array;
  length = 0;
  constructor(capacity = 2) {
    this.data = new Int32Array(capacity);
  }
  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(Math.max(4, this.length * 2));
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }
}

/** A growable list of bytes. */
class Uint8List {
  data: Uint8Array;
  length = 0;
  constructor(capacity = 2) {
    this.data = new Uint8Array(capacity);
  }
  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new Uint8Array(Math.max(4, this.length * 2));
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }
}

/** Byte marks over ids (words, speakers, documents) that are cheap to clear after a query. */
class Marks {
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

/** No match. */
const NONE = 255;
/** The whole field equals the term: fuse.js scores 0, i.e. Number.EPSILON in its product. */
const EQUAL = 254;

/** Terms this short match only as typed: one edit in three letters matches half the vocabulary. */
const minTypoLength = 4;
/** Compact the index once more passages are dead than alive, and at least this many. */
const minDeadForCompaction = 20_000;

/** What the query learnt about one term. */
interface TermMatch {
  readonly term: string;
  /** Which of the query's terms (its scratch marks). */
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
}

export class WordIndex {
  readonly #scoring: Scoring;

  // Vocabulary: every distinct word of every text, speaker and source label. The words' UTF-16
  // units lie end to end in #chars (word w is #chars[#wordStart[w] … #wordStart[w + 1])), found
  // by an open-addressing hash table over them, so indexing a passage creates no string for a
  // word already known and measuring typos reads a typed array.
  #words: string[] = [];
  #chars = new Uint16Array(1 << 16);
  #wordStart = new IntList(1024);
  #wordHash = new IntList(1024);
  /** Word id + 1 by hash slot; 0 is empty. Kept at most half full. */
  #table = new Int32Array(1 << 12);
  #wordMasks = new IntList(1024);
  #wordLengths = new IntList(1024);
  #lastSlot = new IntList(1024);
  /** 1 for a word of some speaker's name or source's label (in #speakerPostings or #docPostings). */
  #inNames = new Uint8List(1024);
  /** The last saved vocabulary met (`add` with words) and this index's numbers for its words. */
  #savedVocabulary: { words: readonly string[]; ids: Int32Array } | undefined;
  /** The pieces of the vocabulary's words, for finding the words that hold a typed word or a typo of it. */
  #grams = new GramIndex();
  // Word → passages (slots) whose text holds it. Indexing a passage only appends its words to
  // the forward lists; the posting lists are derived from those when a query needs them: all
  // at once into one array (#postings, word w's slots at #postStart[w] … #postStart[w + 1]),
  // or, for the few passages added since, into a small list per word (#tail). One pass over
  // the forward lists costs far less than growing a list per word for every passage.
  #postStart = new Int32Array(1);
  #postings = new Int32Array(0);
  /** Words and forward entries covered by #postings. */
  #frozenWords = 0;
  #frozenEntries = 0;
  #tail: (IntList | undefined)[] = [];
  /** Slots whose words are in #postings or #tail. */
  #postedSlots = 0;
  /** Word → speakers / documents whose name or label holds it. */
  #speakerPostings = new Map<number, IntList>();
  #docPostings = new Map<number, IntList>();

  // Passages, by slot: a slot is given once and never reused, so posting lists only grow.
  #slotPassage: Passage[] = [];
  #slotDoc = new IntList(1024);
  #slotSpeaker = new IntList(1024);
  /**
   * Passages never proposed: 1 for one repeating an earlier one of its source (same text and
   * kind), 2 for one of a source removed.
   */
  #slotSkip = new Uint8List(1024);
  /** The passage's kind, as `kindBit` gives it. */
  #slotKind = new Uint8List(1024);
  /** The distinct words of slot s's text are #forward[#forwardStart[s] … #forwardStart[s + 1]). */
  #forwardStart = new IntList(1024);
  #forward = new IntList(16384);

  // Speakers, by id.
  #speakerIds = new Map<string, number>();
  #speakerSlots: IntList[] = [];
  /** Speakers whose whole name is one word, by that word: fuse.js scores such a match 0. */
  #speakerAsWord = new Map<string, number[]>();

  // Documents, by number; a replaced or removed source leaves a dead number behind.
  #docNumbers = new Map<string, number>();
  #docSource: (SourceDoc | undefined)[] = [];
  #docFirstSlot: number[] = [];
  #docLabel: string[] = [];
  #labelAsWord = new Map<string, number[]>();

  #alive = 0;
  #dead = 0;

  // Per-query scratch, kept between queries so a query allocates little.
  #termMarks: Marks[] = [];
  #speakerMarks: Marks[] = [];
  #docMarks: Marks[] = [];
  #seen = new Int32Array(0);
  #stamp = 0;
  /** Per passage, a bit for each term it holds (`#someTerms`), and the passages marked. */
  #termBits = new Uint16Array(0);
  readonly #touched = new IntList(1024);
  readonly #several = new IntList(1024);

  constructor(scoring: Scoring) {
    this.#scoring = scoring;
    this.#forwardStart.push(0);
    this.#wordStart.push(0);
  }

  /** Distinct words known. */
  get vocabulary(): number {
    return this.#words.length;
  }

  /** Passages indexed. */
  get size(): number {
    return this.#alive;
  }

  /**
   * Adds a source's passages; `label` is what fuse.js searches as the source field. `words`,
   * when given (from the index cache), are the passages' words as an earlier index read them;
   * lists that do not fit the passages are ignored and the texts read.
   */
  add(doc: SourceDoc, label: string, words?: PassageWords): void {
    this.remove(doc.uri);
    const number = this.#docSource.length;
    this.#docNumbers.set(doc.uri, number);
    this.#docSource.push(doc);
    this.#docFirstSlot.push(this.#slotPassage.length);
    this.#docLabel.push(label);
    const labelWords = wordsOf(label).map((w) => this.#wordId(w));
    for (const w of labelWords) {
      listIn(this.#docPostings, w).push(number);
      this.#inNames.data[w] = 1;
    }
    const lowerLabel = label.toLowerCase();
    if (labelWords.length === 1 && this.#words[labelWords[0]] === lowerLabel) pushTo(this.#labelAsWord, lowerLabel, number);
    const given = words && this.#fits(words, doc.passages.length) ? words : undefined;
    const map = given ? this.#vocabularyIds(given.vocabulary) : undefined;
    let at = 0;
    // A search lists a text repeated in one source once, so repeats are not indexed at all: a
    // source of one sentence repeated 60,000 times costs a query what one sentence does.
    const texts = new Map<string, number>();
    for (const passage of doc.passages) {
      const slot = this.#slotPassage.length;
      this.#slotPassage.push(passage);
      this.#slotDoc.push(number);
      this.#slotSpeaker.push(passage.speaker ? this.#speakerId(passage.speaker) : -1);
      const kind = kindBit(passage.kind);
      this.#slotKind.push(kind);
      const listed = given ? given.lists[at++] : 0;
      let copy = listed < 0;
      if (!given) {
        const seen = texts.get(passage.text) ?? 0;
        copy = (seen & kind) !== 0;
        texts.set(passage.text, seen | kind);
      }
      this.#slotSkip.push(copy ? 1 : 0);
      if (copy) {
        this.#forwardStart.push(this.#forward.length);
        continue;
      }
      if (passage.speaker) this.#speakerSlots[this.#slotSpeaker.data[slot]].push(slot);
      if (given && map) {
        for (const end = at + listed; at < end; at++) {
          const id = map[given.lists[at]];
          if (this.#lastSlot.data[id] === slot) continue;
          this.#lastSlot.data[id] = slot;
          this.#forward.push(id);
        }
        this.#forwardStart.push(this.#forward.length);
        continue;
      }
      // The words of the text as `wordPattern` finds them in its lower-cased form, hashed as
      // they are read.
      const lower = passage.text.toLowerCase();
      const n = lower.length;
      for (let i = 0; i < n;) {
        let c = lower.charCodeAt(i);
        let width = c < 128 ? asciiWord[c] : wordCharAt(lower, i);
        if (width === 0) {
          i++;
          continue;
        }
        const start = i;
        let h = hashSeed;
        for (;;) {
          h = Math.imul(h ^ c, hashPrime);
          if (width === 2) h = Math.imul(h ^ lower.charCodeAt(i + 1), hashPrime);
          i += width;
          if (i >= n) break;
          c = lower.charCodeAt(i);
          width = c < 128 ? asciiWord[c] : wordCharAt(lower, i);
          if (width === 0) break;
        }
        const id = this.#wordIdIn(lower, start, i, h);
        // Each word once per passage: the last passage a word was seen in is kept per word.
        if (this.#lastSlot.data[id] === slot) continue;
        this.#lastSlot.data[id] = slot;
        this.#forward.push(id);
      }
      this.#forwardStart.push(this.#forward.length);
    }
    this.#alive += doc.passages.length;
  }

  /** The passages' words as this index read them (see `PassageWords`), for the index cache. */
  passageWords(uri: string): PassageWords | undefined {
    const number = this.#docNumbers.get(uri);
    const doc = number === undefined ? undefined : this.#docSource[number];
    if (number === undefined || !doc) return undefined;
    const first = this.#docFirstSlot[number];
    const starts = this.#forwardStart.data;
    const lists = new Int32Array(doc.passages.length + starts[first + doc.passages.length] - starts[first]);
    let k = 0;
    for (let slot = first; slot < first + doc.passages.length; slot++) {
      lists[k++] = this.#slotSkip.data[slot] === 1 ? -1 : starts[slot + 1] - starts[slot];
      for (let i = starts[slot]; i < starts[slot + 1]; i++) lists[k++] = this.#forward.data[i];
    }
    return { vocabulary: this.#words, lists };
  }

  /** True when `words` lists exactly `passages` passages, each of words in its vocabulary. */
  #fits(words: PassageWords, passages: number): boolean {
    const { lists, vocabulary } = words;
    let at = 0;
    for (let p = 0; p < passages; p++) {
      if (at >= lists.length) return false;
      const count = lists[at++];
      if (count === -1) continue;
      if (count < 0 || at + count > lists.length) return false;
      for (const end = at + count; at < end; at++) if (!(lists[at] >= 0 && lists[at] < vocabulary.length)) return false;
    }
    return at === lists.length;
  }

  /** This index's number for each word of a saved vocabulary, made once per vocabulary. */
  #vocabularyIds(vocabulary: readonly string[]): Int32Array {
    if (this.#savedVocabulary?.words !== vocabulary) {
      const ids = new Int32Array(vocabulary.length);
      for (let i = 0; i < vocabulary.length; i++) ids[i] = this.#wordId(vocabulary[i]);
      this.#savedVocabulary = { words: vocabulary, ids };
    }
    return this.#savedVocabulary.ids;
  }

  /**
   * Brings the posting lists up to date with the passages added: rebuilt in one pass when the
   * passages not yet posted hold a quarter of all words or more (so the rebuilds of a growing
   * library cost a constant per word), appended to the lists of their words otherwise.
   */
  flush(): void {
    this.#grams.sync(this.#chars, this.#wordStart.data, this.#words.length);
    const slots = this.#slotPassage.length;
    if (this.#postedSlots === slots) return;
    const forward = this.#forward.data;
    const entries = this.#forward.length;
    const pending = entries - this.#forwardStart.data[this.#postedSlots];
    if (pending * 4 >= this.#frozenEntries) {
      const words = this.#words.length;
      const forwardStart = this.#forwardStart.data;
      const slotDoc = this.#slotDoc.data;
      const docs = this.#docSource;
      // Passages of removed sources are left out.
      const start = new Int32Array(words + 1);
      for (let slot = 0; slot < slots; slot++) {
        if (docs[slotDoc[slot]] === undefined) continue;
        for (let i = forwardStart[slot]; i < forwardStart[slot + 1]; i++) start[forward[i] + 1]++;
      }
      for (let w = 0; w < words; w++) start[w + 1] += start[w];
      const fill = start.slice(0, words);
      const postings = new Int32Array(start[words]);
      for (let slot = 0; slot < slots; slot++) {
        if (docs[slotDoc[slot]] === undefined) continue;
        for (let i = forwardStart[slot]; i < forwardStart[slot + 1]; i++) postings[fill[forward[i]]++] = slot;
      }
      this.#postStart = start;
      this.#postings = postings;
      this.#frozenWords = words;
      this.#frozenEntries = entries;
      this.#tail = [];
    } else {
      const forwardStart = this.#forwardStart.data;
      const tail = this.#tail;
      for (let slot = this.#postedSlots; slot < slots; slot++) {
        for (let i = forwardStart[slot]; i < forwardStart[slot + 1]; i++) (tail[forward[i]] ??= new IntList(2)).push(slot);
      }
    }
    this.#postedSlots = slots;
  }

  #postingCount(w: number): number {
    const frozen = w < this.#frozenWords ? this.#postStart[w + 1] - this.#postStart[w] : 0;
    return frozen + (this.#tail[w]?.length ?? 0);
  }

  /** Forgets a source. Its slots stay in posting lists as dead entries until compaction. */
  remove(uri: string): void {
    const number = this.#docNumbers.get(uri);
    if (number === undefined) return;
    const doc = this.#docSource[number]!;
    this.#docNumbers.delete(uri);
    this.#docSource[number] = undefined;
    this.#slotSkip.data.fill(2, this.#docFirstSlot[number], this.#docFirstSlot[number] + doc.passages.length);
    this.#alive -= doc.passages.length;
    this.#dead += doc.passages.length;
    // Dead entries cost memory and query time; once they outnumber the living, rebuilding
    // from the living costs no more than the additions that made them, so it is amortised.
    if (this.#dead >= minDeadForCompaction && this.#dead > this.#alive) this.#compact();
  }

  /**
   * Looks the terms up in the vocabulary once, then lets `use` ask for candidates (for both
   * phases of a search) while the lookup holds.
   */
  withTerms<T>(typed: readonly string[], use: (candidates: (query: CandidateQuery) => CandidateResult) => T): T {
    this.flush();
    // A passage's terms are bits of 16 (queries hold 12 words at most).
    const terms = typed.slice(0, 16);
    const matches = terms.map((term, k) => this.#matchTerm(term, k));
    try {
      return use((query) => {
        if (matches.length === 0) return { candidates: [], truncated: false };
        return query.mode === 'all' ? this.#allTerms(query, matches) : this.#someTerms(query, matches);
      });
    } finally {
      for (let k = 0; k < terms.length; k++) {
        this.#termMarks[k].clear();
        this.#speakerMarks[k].clear();
        this.#docMarks[k].clear();
      }
    }
  }

  /** Passages matching every term: they all hold a match of the term reaching fewest passages. */
  #allTerms(query: CandidateQuery, matches: readonly TermMatch[]): CandidateResult {
    // A word no passage holds as typed is mistyped: it is widened before anything is followed.
    for (const m of matches) if (!m.widened && m.reach === 0) this.#widen(m);
    for (;;) {
      const best = new BestCandidates(query.max);
      let found = 0;
      const driver = matches.reduce((a, b) => (b.reach < a.reach ? b : a));
      // Most passages the driver reaches miss another term, most often the rarest: checked first.
      const others = matches.filter((m) => m !== driver).sort((a, b) => a.reach - b.reach).map((m) => m.k);
      this.#visit(driver, this.#newStamp(), (slot) => {
        if (!this.#holdsAll(slot, others)) return;
        const score = this.#estimate(slot, matches, query.kinds, true);
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
      this.#widen(narrow.reduce((a, b) => (b.reach < a.reach ? b : a)));
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
    const n = matches.length;
    const slots = this.#slotPassage.length;
    if (this.#termBits.length < slots) this.#termBits = new Uint16Array(Math.max(1024, slots * 1.5));
    const bits = this.#termBits;
    const touched = this.#touched;
    touched.length = 0;
    // Passages holding two terms or more, listed again each time they hold one more: most
    // passages reached hold one, and are read again only when the list needs them.
    const several = this.#several;
    several.length = 0;
    const byCount = new Array<number>(n + 1).fill(0);
    const skip = this.#slotSkip.data;
    // Passages of kinds not asked for are not marked at all: they are neither counted nor proposed.
    const slotKind = this.#slotKind.data;
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
      const postings = this.#postings;
      const postStart = this.#postStart;
      for (const w of match.words) {
        if (w < this.#frozenWords) for (let i = postStart[w]; i < postStart[w + 1]; i++) mark(postings[i], bit);
        const list = this.#tail[w];
        if (list) for (let i = 0; i < list.length; i++) mark(list.data[i], bit);
      }
      for (const sp of match.speakers) {
        const list = this.#speakerSlots[sp];
        for (let i = 0; i < list.length; i++) mark(list.data[i], bit);
      }
      for (const d of match.docs) {
        const doc = this.#docSource[d];
        if (!doc) continue;
        const first = this.#docFirstSlot[d];
        for (let slot = first; slot < first + doc.passages.length; slot++) mark(slot, bit);
      }
    };
    const wanted = query.needed + (query.exclude?.size ?? 0);
    // Reading a passage's words for a term costs about an eighth of a posting followed per word.
    const askCost = this.#forward.length / Math.max(1, slots) / 8;
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
          for (const m of rest) if (this.#holds(slot, m.k)) mark(slot, 1 << m.k);
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
        if (query.exclude?.has(this.#slotPassage[slot])) continue;
        best.offer(slot, this.#estimate(slot, matches, undefined, false, held));
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
    const slots = best.slots().sort((a, b) => a - b);
    const candidates = slots.map((slot) => {
      const number = this.#slotDoc.data[slot];
      return { passage: this.#slotPassage[slot], doc: this.#docSource[number]!, label: this.#docLabel[number] };
    });
    return { candidates, truncated: best.truncated || more };
  }

  /** A mark for `#visit`'s passages seen, new to every slot. */
  #newStamp(): number {
    if (this.#seen.length < this.#slotPassage.length) this.#seen = new Int32Array(Math.max(1024, this.#slotPassage.length * 1.5));
    return ++this.#stamp;
  }

  /** Calls `f` once for each living passage the term reaches through any field, not yet seen under `stamp`. */
  #visit(match: TermMatch, stamp: number, f: (slot: number) => void): void {
    const seen = this.#seen;
    const skip = this.#slotSkip.data;
    const visitSlot = (slot: number): void => {
      if (seen[slot] === stamp || skip[slot] !== 0) return;
      seen[slot] = stamp;
      f(slot);
    };
    const postings = this.#postings;
    const postStart = this.#postStart;
    for (const w of match.words) {
      if (w < this.#frozenWords) for (let i = postStart[w]; i < postStart[w + 1]; i++) visitSlot(postings[i]);
      const list = this.#tail[w];
      if (list) for (let i = 0; i < list.length; i++) visitSlot(list.data[i]);
    }
    for (const s of match.speakers) {
      const list = this.#speakerSlots[s];
      for (let i = 0; i < list.length; i++) visitSlot(list.data[i]);
    }
    for (const d of match.docs) {
      const doc = this.#docSource[d];
      if (!doc) continue;
      const first = this.#docFirstSlot[d];
      for (let slot = first; slot < first + doc.passages.length; slot++) visitSlot(slot);
    }
  }

  /** True when the passage matches each of the terms `ks` in some field. */
  #holdsAll(slot: number, ks: readonly number[]): boolean {
    for (const k of ks) if (!this.#holds(slot, k)) return false;
    return true;
  }

  /** True when the passage matches term `k` in some field. */
  #holds(slot: number, k: number): boolean {
    const speaker = this.#slotSpeaker.data[slot];
    if (speaker >= 0 && this.#speakerMarks[k].values[speaker] !== NONE) return true;
    if (this.#docMarks[k].values[this.#slotDoc.data[slot]] !== NONE) return true;
    const marks = this.#termMarks[k].values;
    const forward = this.#forward.data;
    const to = this.#forwardStart.data[slot + 1];
    for (let i = this.#forwardStart.data[slot]; i < to; i++) if (marks[forward[i]] !== NONE) return true;
    return false;
  }

  /**
   * fuse.js's score for the passage, from word-level distances: per term, the product over the
   * fields it matches of (edits / length)^weight (0.001 at least, EPSILON for a whole-field
   * match), multiplied over terms; a direct quotation gets the same small boost as in ranking.
   * NaN when the passage is filtered out, or misses a term and `every` is asked. Terms whose
   * bit is clear in `held` are known to be missing and are not looked for.
   */
  #estimate(slot: number, matches: readonly TermMatch[], kinds: readonly PassageKind[] | undefined, every: boolean, held = -1): number {
    const passage = this.#slotPassage[slot];
    if (kinds && !kinds.includes(passage.kind)) return NaN;
    const doc = this.#slotDoc.data[slot];
    const speaker = this.#slotSpeaker.data[slot];
    const from = this.#forwardStart.data[slot];
    const to = this.#forwardStart.data[slot + 1];
    const forward = this.#forward.data;
    let log = 0;
    for (let k = 0; k < matches.length; k++) {
      if ((held & (1 << k)) === 0) continue;
      const marks = this.#termMarks[k].values;
      let d = NONE;
      for (let i = from; i < to; i++) {
        const v = marks[forward[i]];
        if (v < d) d = v;
      }
      // A text of one word equal to the term is a whole-field match.
      if (d === 0 && to - from === 1 && passage.text.toLowerCase() === matches[k].term) d = EQUAL;
      const s = speaker >= 0 ? this.#speakerMarks[k].values[speaker] : NONE;
      const l = this.#docMarks[k].values[doc];
      if (d === NONE && s === NONE && l === NONE) {
        if (every) return NaN;
        continue;
      }
      const m = matches[k];
      if (d !== NONE) log += factor(m.text, d);
      if (s !== NONE) log += factor(m.speaker, s);
      if (l !== NONE) log += factor(m.source, l);
    }
    return Math.exp(log) - (passage.kind === 'quote' ? 0.02 : 0);
  }

  /**
   * Finds the vocabulary words, speakers and documents holding a term as typed, and marks
   * them; `#widen` adds those within one typo when they are needed.
   */
  #matchTerm(term: string, k: number): TermMatch {
    for (const list of [this.#termMarks, this.#speakerMarks, this.#docMarks]) while (list.length <= k) list.push(new Marks());
    this.#termMarks[k].ensure(this.#words.length);
    this.#speakerMarks[k].ensure(this.#speakerSlots.length);
    this.#docMarks[k].ensure(this.#docSource.length);
    const m = term.length;
    const { weights } = this.#scoring;
    const table = (weight: number): Float64Array => {
      const t = new Float64Array(m + 2);
      for (let d = 0; d <= m; d++) t[d] = weight * Math.log(Math.max(0.001, d / m));
      t[m + 1] = weight * Math.log(Number.EPSILON);
      return t;
    };
    const match: TermMatch = {
      term, k, words: [], speakers: new Set(), docs: new Set(), reach: 0, widened: false,
      text: table(weights.text), speaker: table(weights.speaker), source: table(weights.source),
    };
    const speakerMarks = this.#speakerMarks[k];
    const docMarks = this.#docMarks[k];
    for (const s of this.#speakerAsWord.get(term) ?? []) { speakerMarks.mark(s, EQUAL); match.speakers.add(s); }
    for (const d of this.#labelAsWord.get(term) ?? []) { docMarks.mark(d, EQUAL); match.docs.add(d); }
    const masks = this.#wordMasks.data;
    const lengths = this.#wordLengths.data;
    const vocabulary = this.#words;
    const termMask = charMask(term);
    const found: number[] = [];
    const consider = (w: number): void => {
      if (lengths[w] >= m && (masks[w] & termMask) === termMask && vocabulary[w].includes(term)) found.push(w);
    };
    if (m >= 2) {
      const range = this.#grams.rarest(term);
      const grams = range ? this.#grams.words(range) : new Int32Array(0);
      for (let i = 0; i < grams.length; i++) consider(grams[i]);
    } else {
      for (let w = 0; w < vocabulary.length; w++) consider(w);
    }
    this.#take(match, found, found.map(() => 0));
    if (m < minTypoLength || m > 32) match.widened = true;
    return match;
  }

  /** Adds the words within one typo of the term (as fuse.js would also accept them). */
  #widen(match: TermMatch): void {
    match.widened = true;
    const { term, k } = match;
    const m = term.length;
    const termMarks = this.#termMarks[k];
    const termMask = charMask(term);
    const needBits = popcount(termMask) - 1;
    const { threshold } = this.#scoring;
    const masks = this.#wordMasks.data;
    const lengths = this.#wordLengths.data;
    const vocabulary = this.#words;
    const chars = this.#chars;
    const starts = this.#wordStart.data;
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
    const candidates = this.#grams.typoCandidates(term, Math.floor(threshold * m + 1e-9) >= 2);
    for (let i = 0; i < candidates.length; i++) {
      const w = candidates[i];
      const shared = masks[w] & termMask;
      if (shared !== termMask && popcount(shared) < needBits) continue;
      consider(w);
    }
    this.#take(match, found, edits);
  }

  /** Marks matched words (with their edits), and the speakers and sources holding them. */
  #take(match: TermMatch, words: readonly number[], edits: readonly number[]): void {
    const termMarks = this.#termMarks[match.k];
    const speakerMarks = this.#speakerMarks[match.k];
    const docMarks = this.#docMarks[match.k];
    for (let i = 0; i < words.length; i++) {
      const w = words[i];
      const d = edits[i];
      termMarks.mark(w, d);
      match.words.push(w);
      // Most words are in no name or label: the maps are not asked about them.
      if (this.#inNames.data[w] === 0) continue;
      const bySpeaker = this.#speakerPostings.get(w);
      if (bySpeaker) for (let j = 0; j < bySpeaker.length; j++) { speakerMarks.mark(bySpeaker.data[j], d); match.speakers.add(bySpeaker.data[j]); }
      const byDoc = this.#docPostings.get(w);
      if (byDoc) for (let j = 0; j < byDoc.length; j++) { docMarks.mark(byDoc.data[j], d); match.docs.add(byDoc.data[j]); }
    }
    // Reach through speakers and sources is counted once per speaker or source.
    match.reach = match.words.reduce((sum, w) => sum + this.#postingCount(w), 0);
    for (const s of match.speakers) match.reach += this.#speakerSlots[s].length;
    for (const d of match.docs) match.reach += this.#docSource[d]?.passages.length ?? 0;
  }

  #wordId(word: string): number {
    let h = hashSeed;
    for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), hashPrime);
    return this.#wordIdIn(word, 0, word.length, h);
  }

  /** The id of the word `text[start … end)` with hash `h`, added to the vocabulary if new. */
  #wordIdIn(text: string, start: number, end: number, h: number): number {
    const table = this.#table;
    const mask = table.length - 1;
    const hashes = this.#wordHash.data;
    const starts = this.#wordStart.data;
    const chars = this.#chars;
    const length = end - start;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const entry = table[i];
      if (entry === 0) return this.#newWord(text, start, end, h, i);
      const id = entry - 1;
      if (hashes[id] !== h) continue;
      const at = starts[id];
      if (starts[id + 1] - at !== length) continue;
      let k = 0;
      while (k < length && chars[at + k] === text.charCodeAt(start + k)) k++;
      if (k === length) return id;
    }
  }

  #newWord(text: string, start: number, end: number, h: number, tableSlot: number): number {
    const id = this.#words.length;
    const length = end - start;
    const at = this.#wordStart.data[id];
    if (at + length > this.#chars.length) {
      const grown = new Uint16Array(Math.max(this.#chars.length * 2, at + length));
      grown.set(this.#chars);
      this.#chars = grown;
    }
    const chars = this.#chars;
    for (let k = 0; k < length; k++) chars[at + k] = text.charCodeAt(start + k);
    this.#wordStart.push(at + length);
    this.#wordHash.push(h);
    // A string of its own, not a slice keeping the passage's text alive.
    const word = length <= 1024 ? String.fromCharCode.apply(null, chars.subarray(at, at + length) as unknown as number[]) : text.slice(start, end);
    this.#words.push(word);
    this.#table[tableSlot] = id + 1;
    this.#wordMasks.push(charMask(word));
    this.#wordLengths.push(length);
    this.#lastSlot.push(-1);
    this.#inNames.push(0);
    if (this.#words.length * 2 > this.#table.length) this.#rehash();
    return id;
  }

  #rehash(): void {
    const table = new Int32Array(this.#table.length * 2);
    const mask = table.length - 1;
    const hashes = this.#wordHash.data;
    for (let id = 0; id < this.#words.length; id++) {
      let i = hashes[id] & mask;
      while (table[i] !== 0) i = (i + 1) & mask;
      table[i] = id + 1;
    }
    this.#table = table;
  }

  #speakerId(speaker: string): number {
    let id = this.#speakerIds.get(speaker);
    if (id === undefined) {
      id = this.#speakerSlots.length;
      this.#speakerIds.set(speaker, id);
      const words = wordsOf(speaker).map((w) => this.#wordId(w));
      this.#speakerSlots.push(new IntList());
      for (const w of words) {
        listIn(this.#speakerPostings, w).push(id);
        this.#inNames.data[w] = 1;
      }
      const lower = speaker.toLowerCase();
      if (words.length === 1 && this.#words[words[0]] === lower) pushTo(this.#speakerAsWord, lower, id);
    }
    return id;
  }

  /** Rebuilds every structure from the living sources, in the order they were added. */
  #compact(): void {
    const living = this.#docSource.map((doc, number) => ({ doc, label: this.#docLabel[number] })).filter((d) => d.doc !== undefined);
    const fresh = new WordIndex(this.#scoring);
    for (const { doc, label } of living) fresh.add(doc!, label);
    this.#words = fresh.#words; this.#chars = fresh.#chars; this.#wordStart = fresh.#wordStart;
    this.#wordHash = fresh.#wordHash; this.#table = fresh.#table; this.#grams = fresh.#grams;
    this.#wordMasks = fresh.#wordMasks;
    this.#wordLengths = fresh.#wordLengths; this.#lastSlot = fresh.#lastSlot; this.#inNames = fresh.#inNames;
    this.#postStart = fresh.#postStart; this.#postings = fresh.#postings; this.#frozenWords = fresh.#frozenWords;
    this.#frozenEntries = fresh.#frozenEntries; this.#tail = fresh.#tail; this.#postedSlots = fresh.#postedSlots;
    this.#speakerPostings = fresh.#speakerPostings; this.#docPostings = fresh.#docPostings;
    this.#slotPassage = fresh.#slotPassage; this.#slotDoc = fresh.#slotDoc; this.#slotSpeaker = fresh.#slotSpeaker; this.#slotSkip = fresh.#slotSkip;
    this.#slotKind = fresh.#slotKind;
    this.#forwardStart = fresh.#forwardStart; this.#forward = fresh.#forward;
    this.#speakerIds = fresh.#speakerIds; this.#speakerSlots = fresh.#speakerSlots;
    this.#speakerAsWord = fresh.#speakerAsWord;
    this.#docNumbers = fresh.#docNumbers; this.#docSource = fresh.#docSource; this.#docFirstSlot = fresh.#docFirstSlot;
    this.#docLabel = fresh.#docLabel; this.#labelAsWord = fresh.#labelAsWord;
    this.#alive = fresh.#alive;
    this.#dead = 0;
    this.#termMarks = []; this.#speakerMarks = []; this.#docMarks = [];
    this.#seen = new Int32Array(0);
    this.#termBits = new Uint16Array(0);
    this.#savedVocabulary = undefined;
  }
}

/** FNV-1a over UTF-16 units. */
const hashSeed = 0x811c9dc5 | 0;
const hashPrime = 0x01000193;

/** A bit for each kind of passage, for telling a repeat of a text of the same kind from the text as another kind. */
function kindBit(kind: PassageKind): number {
  return kind === 'quote' ? 1 : kind === 'reported' ? 2 : kind === 'clause' ? 4 : 8;
}

function listIn(map: Map<number, IntList>, key: number): IntList {
  let list = map.get(key);
  if (!list) map.set(key, list = new IntList());
  return list;
}

function factor(table: Float64Array, d: number): number {
  return d === EQUAL ? table[table.length - 1] : table[Math.min(d, table.length - 2)];
}

function pushTo(map: Map<string, number[]>, key: string, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
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
