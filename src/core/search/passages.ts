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
  /**
   * Each passage's kind and speaker, when the index cache gives them (see `passageTag`): with
   * them the index is built without reading the passages, which a restored source reads only
   * when one is asked for.
   */
  readonly tags?: Int32Array;
  /** The speakers the tags number (speaker i is tagged i + 1). */
  readonly speakers?: readonly string[];
}

/** A passage's kind (`kindBit`) and speaker (its number in a list of speakers + 1, 0 for none) as one integer. */
export function passageTag(kind: PassageKind, speaker: number): number {
  return kindBit(kind) | ((speaker + 1) << 8);
}

/**
 * The word index's passages, by slot, with the words each holds (its forward list), and the
 * sources and speakers they belong to, with the words of their labels and names. The posting
 * lists (`Postings`) are derived from the forward lists; the queries read these tables.
 */
export class PassageTable {
  // Passages, by slot: a slot is given once and never reused, so posting lists only grow.
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
  /** The last saved list of speakers met and the ids of those looked up. */
  #savedSpeakers: { names: readonly string[]; ids: Int32Array } | undefined;

  // Documents, by number; a replaced or removed source leaves a dead number behind.
  readonly #docNumbers = new Map<string, number>();
  readonly docSource: (SourceDoc | undefined)[] = [];
  readonly docFirstSlot: number[] = [];
  readonly docPassages: number[] = [];
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

  /** Slots given. */
  get slots(): number {
    return this.slotDoc.length;
  }

  /**
   * The passage in a slot of a living source. Looked up in its source rather than kept per slot,
   * so that a source restored from the index cache reads its passages only once one is proposed.
   */
  passage(slot: number): Passage {
    const number = this.slotDoc.data[slot];
    return this.docSource[number]!.passages[slot - this.docFirstSlot[number]];
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
    const first = this.slots;
    this.docFirstSlot.push(first);
    this.docLabel.push(label);
    const labelWords = wordsOf(label).map((w) => vocabulary.id(w));
    for (const w of labelWords) {
      listIn(this.docPostings, w).push(number);
      vocabulary.nameWord(w);
    }
    const lowerLabel = label.toLowerCase();
    if (labelWords.length === 1 && vocabulary.words[labelWords[0]] === lowerLabel) pushTo(this.labelAsWord, lowerLabel, number);
    // Tags stand for the passages (the cache wrote both from the passages it saved): with word
    // lists that fit them, the passages are not read.
    const tags = words?.tags && words.speakers && validTags(words.tags, words.speakers.length) && fits(words, words.tags.length) ? words.tags : undefined;
    const count = tags ? tags.length : doc.passages.length;
    if (tags) this.#addSaved(number, tags, words!, vocabulary);
    else this.#addPassages(number, doc.passages, words && fits(words, count) ? words : undefined, vocabulary);
    this.docPassages.push(count);
    this.#alive += count;
  }

  /** Adds the slots of passages read from their source (their words from `given` when it fits, else from their texts). */
  #addPassages(number: number, passages: readonly Passage[], given: PassageWords | undefined, vocabulary: Vocabulary): void {
    const map = given ? vocabulary.idsOf(given.vocabulary) : undefined;
    let at = 0;
    // A search lists a text repeated in one source once, so repeats are not indexed at all: a
    // source of one sentence repeated 60,000 times costs a query what one sentence does.
    const texts = new Map<string, number>();
    for (const passage of passages) {
      const slot = this.slots;
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
  }

  /** Adds the slots of a restored source from its passages' tags and word lists alone, without reading a passage. */
  #addSaved(number: number, tags: Int32Array, words: PassageWords, vocabulary: Vocabulary): void {
    const map = vocabulary.idsOf(words.vocabulary);
    const lists = words.lists;
    let at = 0;
    for (let i = 0; i < tags.length; i++) {
      const slot = this.slots;
      const speaker = this.#savedSpeakerId(words.speakers!, (tags[i] >> 8) - 1, vocabulary);
      this.slotDoc.push(number);
      this.slotSpeaker.push(speaker);
      this.slotKind.push(tags[i] & 0xff);
      const listed = lists[at++];
      // A passage repeating an earlier one of its source, as `#addPassages` found it.
      this.slotSkip.push(listed < 0 ? 1 : 0);
      if (listed >= 0) {
        if (speaker >= 0) this.speakerSlots[speaker].push(slot);
        vocabulary.readSaved(map, lists, at, at + listed, slot, this.forward);
        at += listed;
      }
      this.forwardStart.push(this.forward.length);
    }
  }

  /** Forgets a source. Its slots stay in posting lists as dead entries until compaction. */
  remove(uri: string): void {
    const number = this.#docNumbers.get(uri);
    if (number === undefined) return;
    const count = this.docPassages[number];
    this.#docNumbers.delete(uri);
    this.docSource[number] = undefined;
    this.slotSkip.data.fill(2, this.docFirstSlot[number], this.docFirstSlot[number] + count);
    this.#alive -= count;
    this.#dead += count;
  }

  /** The `lists` of a source's `PassageWords`, for the index cache. */
  wordLists(uri: string): Int32Array | undefined {
    const number = this.#docNumbers.get(uri);
    const doc = number === undefined ? undefined : this.docSource[number];
    if (number === undefined || !doc) return undefined;
    const first = this.docFirstSlot[number];
    const count = this.docPassages[number];
    const starts = this.forwardStart.data;
    const lists = new Int32Array(count + starts[first + count] - starts[first]);
    let k = 0;
    for (let slot = first; slot < first + count; slot++) {
      lists[k++] = this.slotSkip.data[slot] === 1 ? -1 : starts[slot + 1] - starts[slot];
      for (let i = starts[slot]; i < starts[slot + 1]; i++) lists[k++] = this.forward.data[i];
    }
    return lists;
  }

  /** The living sources with their labels, in the order they were added. */
  living(): { doc: SourceDoc; label: string }[] {
    return this.docSource.flatMap((doc, number) => (doc ? [{ doc, label: this.docLabel[number] }] : []));
  }

  /** The id of speaker `i` of a saved list of speakers (-1 for none), each looked up once per list. */
  #savedSpeakerId(names: readonly string[], i: number, vocabulary: Vocabulary): number {
    if (i < 0) return -1;
    if (this.#savedSpeakers?.names !== names) this.#savedSpeakers = { names, ids: new Int32Array(names.length).fill(-1) };
    const ids = this.#savedSpeakers.ids;
    if (ids[i] < 0) ids[i] = this.#speakerId(names[i], vocabulary);
    return ids[i];
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

/** True when every tag names a kind and one of `speakers` speakers (or none). */
function validTags(tags: Int32Array, speakers: number): boolean {
  for (let i = 0; i < tags.length; i++) {
    const kind = tags[i] & 0xff;
    const speaker = tags[i] >> 8;
    if ((kind & (kind - 1)) !== 0 || kind === 0 || kind > 16 || speaker < 0 || speaker > speakers) return false;
  }
  return true;
}

/** The kind a `kindBit` stands for. */
export const kindOfBit: Readonly<Record<number, PassageKind>> = { 1: 'quote', 2: 'reported', 4: 'clause', 8: 'term', 16: 'highlight' };

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
