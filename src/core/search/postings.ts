import { IntList } from './lists';
import type { PassageTable } from './passages';

/**
 * Word → passages (slots) whose text holds it. Indexing a passage only appends its words to
 * the forward lists (`PassageTable`); the posting lists are derived from those when a query
 * needs them: all at once into one array (`slots`, word w's at slots[start[w] … start[w + 1])),
 * or, for the few passages added since, into a small list per word (`tail`). One pass over the
 * forward lists costs far less than growing a list per word for every passage.
 */
export class Postings {
  #start = new Int32Array(1);
  #slots = new Int32Array(0);
  /** Words and forward entries covered by `slots`. */
  #frozenWords = 0;
  #frozenEntries = 0;
  #tail: (IntList | undefined)[] = [];
  /** Slots whose words are in `slots` or `tail`. */
  #postedSlots = 0;

  /** Where each word's slots start in `slots`, for the words below `frozenWords`. */
  get start(): Int32Array {
    return this.#start;
  }

  /** Every frozen word's slots, word after word, each list in slot order. */
  get slots(): Int32Array {
    return this.#slots;
  }

  /** Words below this number have their slots in `slots`. */
  get frozenWords(): number {
    return this.#frozenWords;
  }

  /** By word, the slots added since `slots` was built. */
  get tail(): readonly (IntList | undefined)[] {
    return this.#tail;
  }

  /**
   * Brings the posting lists up to date with the passages added (`words` in the vocabulary):
   * rebuilt in one pass when the passages not yet posted hold a quarter of all words or more
   * (so the rebuilds of a growing library cost a constant per word), appended to the lists of
   * their words otherwise.
   */
  flush(table: PassageTable, words: number): void {
    const slots = table.slots;
    if (this.#postedSlots === slots) return;
    const forward = table.forward.data;
    const entries = table.forward.length;
    const pending = entries - table.forwardStart.data[this.#postedSlots];
    if (pending * 4 >= this.#frozenEntries) {
      const forwardStart = table.forwardStart.data;
      const slotDoc = table.slotDoc.data;
      const docs = table.docSource;
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
      this.#start = start;
      this.#slots = postings;
      this.#frozenWords = words;
      this.#frozenEntries = entries;
      this.#tail = [];
    } else {
      const forwardStart = table.forwardStart.data;
      const tail = this.#tail;
      for (let slot = this.#postedSlots; slot < slots; slot++) {
        for (let i = forwardStart[slot]; i < forwardStart[slot + 1]; i++) (tail[forward[i]] ??= new IntList(2)).push(slot);
      }
    }
    this.#postedSlots = slots;
  }

  /** How many slots word w's posting lists hold. */
  count(w: number): number {
    const frozen = w < this.#frozenWords ? this.#start[w + 1] - this.#start[w] : 0;
    return frozen + (this.#tail[w]?.length ?? 0);
  }
}
