import { GramIndex } from './gramIndex';
import { IntList, Uint8List } from './lists';
import { asciiWord, charMask, wordCharAt } from './wordMatch';

/**
 * The word index's vocabulary: every distinct word of every text, speaker and source label, by
 * number, with what a query reads of each word (its letters' bits, its length, its pieces). It
 * reads a passage's text into the numbers of its distinct words.
 *
 * The words' UTF-16 units lie end to end in `chars` (word w is chars[starts[w] … starts[w + 1])),
 * found by an open-addressing hash table over them, so reading a passage creates no string for a
 * word already known and measuring typos reads a typed array.
 */
export class Vocabulary {
  /** Word w as a string. */
  readonly words: string[] = [];
  #chars = new Uint16Array(1 << 16);
  readonly starts = new IntList(1024);
  readonly #hashes = new IntList(1024);
  /** Word id + 1 by hash slot; 0 is empty. Kept at most half full. */
  #table = new Int32Array(1 << 12);
  /** Word w's letters as `charMask` gives them, and its length. */
  readonly masks = new IntList(1024);
  readonly lengths = new IntList(1024);
  /** 1 for a word of some speaker's name or source's label (in the name postings of `PassageTable`). */
  readonly inNames = new Uint8List(1024);
  /** The last passage (slot) each word was read in: a passage lists each of its words once. */
  readonly #lastSlot = new IntList(1024);
  /** The last saved vocabulary met (`idsOf`) and this vocabulary's numbers for its words. */
  #saved: { words: readonly string[]; ids: Int32Array } | undefined;
  /** The pieces of the words, for finding the words that hold a typed word or a typo of it. */
  readonly grams = new GramIndex();

  constructor() {
    this.starts.push(0);
  }

  /** Distinct words known. */
  get size(): number {
    return this.words.length;
  }

  /** Every word's UTF-16 units, end to end (see `starts`). */
  get chars(): Uint16Array {
    return this.#chars;
  }

  /** Brings the pieces' lists up to date with the words, for a query. */
  syncGrams(): void {
    this.grams.sync(this.#chars, this.starts.data, this.words.length);
  }

  /** Notes that word w is in some speaker's name or source's label. */
  nameWord(w: number): void {
    this.inNames.data[w] = 1;
  }

  /** The id of `word`, added if new. */
  id(word: string): number {
    let h = hashSeed;
    for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), hashPrime);
    return this.#idIn(word, 0, word.length, h);
  }

  /**
   * Appends to `into` the ids of the distinct words of `lower` (a lower-cased text) as
   * `wordPattern` finds them, hashed as they are read; `slot` is the passage's, new to every text.
   */
  readText(lower: string, slot: number, into: IntList): void {
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
      const id = this.#idIn(lower, start, i, h);
      // Each word once per passage: the last passage a word was seen in is kept per word.
      if (this.#lastSlot.data[id] === slot) continue;
      this.#lastSlot.data[id] = slot;
      into.push(id);
    }
  }

  /** Appends to `into` the distinct words among `ids[lists[from … to)]`, a passage's words as saved. */
  readSaved(ids: Int32Array, lists: Int32Array, from: number, to: number, slot: number, into: IntList): void {
    for (let at = from; at < to; at++) {
      const id = ids[lists[at]];
      if (this.#lastSlot.data[id] === slot) continue;
      this.#lastSlot.data[id] = slot;
      into.push(id);
    }
  }

  /** This vocabulary's number for each word of a saved vocabulary, made once per vocabulary. */
  idsOf(saved: readonly string[]): Int32Array {
    if (this.#saved?.words !== saved) {
      const ids = new Int32Array(saved.length);
      for (let i = 0; i < saved.length; i++) ids[i] = this.id(saved[i]);
      this.#saved = { words: saved, ids };
    }
    return this.#saved.ids;
  }

  /** The id of the word `text[start … end)` with hash `h`, added to the vocabulary if new. */
  #idIn(text: string, start: number, end: number, h: number): number {
    const table = this.#table;
    const mask = table.length - 1;
    const hashes = this.#hashes.data;
    const starts = this.starts.data;
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
    const id = this.words.length;
    const length = end - start;
    const at = this.starts.data[id];
    if (at + length > this.#chars.length) {
      const grown = new Uint16Array(Math.max(this.#chars.length * 2, at + length));
      grown.set(this.#chars);
      this.#chars = grown;
    }
    const chars = this.#chars;
    for (let k = 0; k < length; k++) chars[at + k] = text.charCodeAt(start + k);
    this.starts.push(at + length);
    this.#hashes.push(h);
    // A string of its own, not a slice keeping the passage's text alive.
    const word = length <= 1024 ? String.fromCharCode.apply(null, chars.subarray(at, at + length) as unknown as number[]) : text.slice(start, end);
    this.words.push(word);
    this.#table[tableSlot] = id + 1;
    this.masks.push(charMask(word));
    this.lengths.push(length);
    this.#lastSlot.push(-1);
    this.inNames.push(0);
    if (this.words.length * 2 > this.#table.length) this.#rehash();
    return id;
  }

  #rehash(): void {
    const table = new Int32Array(this.#table.length * 2);
    const mask = table.length - 1;
    const hashes = this.#hashes.data;
    for (let id = 0; id < this.words.length; id++) {
      let i = hashes[id] & mask;
      while (table[i] !== 0) i = (i + 1) & mask;
      table[i] = id + 1;
    }
    this.#table = table;
  }
}

/** FNV-1a over UTF-16 units. */
const hashSeed = 0x811c9dc5 | 0;
const hashPrime = 0x01000193;
