/**
 * Growable typed lists for the word index's tables, one class per element type, so that the
 * loops reading a list's `data` each see one kind of typed array.
 */

/** A growable list of 32-bit integers: postings and forward lists without per-entry objects. */
export class IntList {
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
export class Uint8List {
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

/** The list under `key`, made empty when there is none yet. */
export function listIn(map: Map<number, IntList>, key: number): IntList {
  let list = map.get(key);
  if (!list) map.set(key, list = new IntList());
  return list;
}

/** Appends `value` to the list under `key`. */
export function pushTo(map: Map<string, number[]>, key: string, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
