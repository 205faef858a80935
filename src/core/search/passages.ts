import type { Passage, PassageKind, SourceDoc } from '../model';
import { IntList, Uint8List, listIn, pushTo } from './lists';
import type { Vocabulary } from './vocabulary';
import { wordsOf } from './wordMatch';

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

/**
 * The word index's passages, by slot, with the words each holds (its forward list), and the
 * sources and speakers they belong to, with the words of their labels and names. The posting
 * lists (`Postings`) are derived from the forward lists; the queries read these tables.
 */
export class PassageTable {
  // Passages, by slot: a slot is given once and never reused, so posting lists only grow.
  readonly slotPassage: Passage[] = [];
  readonly slotDoc = new IntList(1024);
  readonly slotSpeaker = new IntList(1024);
  /**
   * Passages never proposed: 1 for one repeating an earlier one of its source (same text and
   * kind), 2 for one of a source removed.
   */
  readonly slotSkip = new Uint8List(1024);
  /** The passage's kind, as `kindBit` gives it. */
  readonly slotKind = new Uint8List(1024);
  /** The distinct words of slot s's text are forward[forwardStart[s] … forwardStart[s + 1]). */
  readonly forwardStart = new IntList(1024);
  readonly forward = new IntList(16384);

  // Speakers, by id.
  readonly #speakerIds = new Map<string, number>();
  readonly speakerSlots: IntList[] = [];
  /** Speakers whose whole name is one word, by that word: fuse.js scores such a match 0. */
  readonly speakerAsWord = new Map<string, number[]>();

  // Documents, by number; a replaced or removed source leaves a dead number behind.
  readonly #docNumbers = new Map<string, number>();
  readonly docSource: (SourceDoc | undefined)[] = [];
  readonly docFirstSlot: number[] = [];
  readonly docLabel: string[] = [];
  readonly labelAsWord = new Map<string, number[]>();

  /** Word → speakers / documents whose name or label holds it (see `Vocabulary.inNames`). */
  readonly speakerPostings = new Map<number, IntList>();
  readonly docPostings = new Map<number, IntList>();

  #alive = 0;
  #dead = 0;

  constructor() {
    this.forwardStart.push(0);
  }

  /** Passages of living sources. */
  get alive(): number {
    return this.#alive;
  }

  /** Passages of sources removed, still in the posting lists. */
  get dead(): number {
    return this.#dead;
  }

  /**
   * Adds a source's passages; `label` is what fuse.js searches as the source field, `words` the
   * passages' words as an earlier index read them (`wordLists`), used when they fit.
   */
  add(doc: SourceDoc, label: string, vocabulary: Vocabulary, words?: PassageWords): void {
    const number = this.docSource.length;
    this.#docNumbers.set(doc.uri, number);
    this.docSource.push(doc);
    this.docFirstSlot.push(this.slotPassage.length);
    this.docLabel.push(label);
    const labelWords = wordsOf(label).map((w) => vocabulary.id(w));
    for (const w of labelWords) {
      listIn(this.docPostings, w).push(number);
      vocabulary.nameWord(w);
    }
    const lowerLabel = label.toLowerCase();
    if (labelWords.length === 1 && vocabulary.words[labelWords[0]] === lowerLabel) pushTo(this.labelAsWord, lowerLabel, number);
    const given = words && fits(words, doc.passages.length) ? words : undefined;
    const map = given ? vocabulary.idsOf(given.vocabulary) : undefined;
    let at = 0;
    // A search lists a text repeated in one source once, so repeats are not indexed at all: a
    // source of one sentence repeated 60,000 times costs a query what one sentence does.
    const texts = new Map<string, number>();
    for (const passage of doc.passages) {
      const slot = this.slotPassage.length;
      this.slotPassage.push(passage);
      this.slotDoc.push(number);
      this.slotSpeaker.push(passage.speaker ? this.#speakerId(passage.speaker, vocabulary) : -1);
      const kind = kindBit(passage.kind);
      this.slotKind.push(kind);
      const listed = given ? given.lists[at++] : 0;
      let copy = listed < 0;
      if (!given) {
        const seen = texts.get(passage.text) ?? 0;
        copy = (seen & kind) !== 0;
        texts.set(passage.text, seen | kind);
      }
      this.slotSkip.push(copy ? 1 : 0);
      if (copy) {
        this.forwardStart.push(this.forward.length);
        continue;
      }
      if (passage.speaker) this.speakerSlots[this.slotSpeaker.data[slot]].push(slot);
      if (given && map) {
        vocabulary.readSaved(map, given.lists, at, at + listed, slot, this.forward);
        at += listed;
      } else {
        vocabulary.readText(passage.text.toLowerCase(), slot, this.forward);
      }
      this.forwardStart.push(this.forward.length);
    }
    this.#alive += doc.passages.length;
  }

  /** Forgets a source. Its slots stay in posting lists as dead entries until compaction. */
  remove(uri: string): void {
    const number = this.#docNumbers.get(uri);
    if (number === undefined) return;
    const doc = this.docSource[number]!;
    this.#docNumbers.delete(uri);
    this.docSource[number] = undefined;
    this.slotSkip.data.fill(2, this.docFirstSlot[number], this.docFirstSlot[number] + doc.passages.length);
    this.#alive -= doc.passages.length;
    this.#dead += doc.passages.length;
  }

  /** The `lists` of a source's `PassageWords`, for the index cache. */
  wordLists(uri: string): Int32Array | undefined {
    const number = this.#docNumbers.get(uri);
    const doc = number === undefined ? undefined : this.docSource[number];
    if (number === undefined || !doc) return undefined;
    const first = this.docFirstSlot[number];
    const starts = this.forwardStart.data;
    const lists = new Int32Array(doc.passages.length + starts[first + doc.passages.length] - starts[first]);
    let k = 0;
    for (let slot = first; slot < first + doc.passages.length; slot++) {
      lists[k++] = this.slotSkip.data[slot] === 1 ? -1 : starts[slot + 1] - starts[slot];
      for (let i = starts[slot]; i < starts[slot + 1]; i++) lists[k++] = this.forward.data[i];
    }
    return lists;
  }

  /** The living sources with their labels, in the order they were added. */
  living(): { doc: SourceDoc; label: string }[] {
    return this.docSource.flatMap((doc, number) => (doc ? [{ doc, label: this.docLabel[number] }] : []));
  }

  #speakerId(speaker: string, vocabulary: Vocabulary): number {
    let id = this.#speakerIds.get(speaker);
    if (id === undefined) {
      id = this.speakerSlots.length;
      this.#speakerIds.set(speaker, id);
      const words = wordsOf(speaker).map((w) => vocabulary.id(w));
      this.speakerSlots.push(new IntList());
      for (const w of words) {
        listIn(this.speakerPostings, w).push(id);
        vocabulary.nameWord(w);
      }
      const lower = speaker.toLowerCase();
      if (words.length === 1 && vocabulary.words[words[0]] === lower) pushTo(this.speakerAsWord, lower, id);
    }
    return id;
  }
}

/** A bit for each kind of passage, for telling a repeat of a text of the same kind from the text as another kind. */
export function kindBit(kind: PassageKind): number {
  return kind === 'quote' ? 1 : kind === 'reported' ? 2 : kind === 'clause' ? 4 : kind === 'term' ? 8 : 16;
}

/** True when `words` lists exactly `passages` passages, each of words in its vocabulary. */
function fits(words: PassageWords, passages: number): boolean {
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
