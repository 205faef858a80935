/**
 * Two-, three- and four-unit pieces of the vocabulary's words → the words holding them: how the
 * word index finds the words that hold a typed word (`rarest`), or a stretch within one typo
 * of it (`typoCandidates`), without reading the whole vocabulary.
 *
 * The pieces are kept as one sorted array of (piece hash × 2^22 + word id), built in one pass
 * when a search needs it, with a directory on the hashes' top bits so that a piece's list is
 * found in a few steps. Words added since the last build are listed by piece hash in a map
 * until they are a quarter of the vocabulary. A hash shared by two pieces only adds words that
 * the exact test after it rejects: every list is a superset of the words holding its piece.
 */

/** One piece's list: #sorted[from … to) and the tail's list under `hash`, `count` words in all. */
export interface GramRange {
  readonly hash: number;
  readonly from: number;
  readonly to: number;
  readonly count: number;
}

/** Piece hashes are 31 bits; word ids below 2^22 fit beside them in a double. */
const gramScale = 2 ** 22;

/**
 * What a piece lookup costs against reading one entry of a list, for choosing how typo
 * candidates are found (measured: a lookup is a hash and a few probes, an entry read is
 * followed by a distance computation more often than not).
 */
const lookupCost = 1;

export class GramIndex {
  #sorted = new Float64Array(0);
  /** Words covered by #sorted. */
  #indexed = 0;
  /** #sorted's first entry for each value of a hash's top bits (and its end last). */
  #directory = new Int32Array(2);
  #shift = 31;
  #tail = new Map<number, number[]>();
  /** Words covered by #sorted and #tail. */
  #synced = 0;
  /** Every UTF-16 unit the vocabulary's words are made of, once. */
  readonly #alphabet: number[] = [];
  readonly #inAlphabet = new Uint8Array(65536);
  #stamp = new Int32Array(0);
  #stampValue = 0;

  /**
   * Brings the lists up to date with the vocabulary (word w is chars[starts[w] … starts[w + 1])):
   * rebuilt and sorted in one pass when a quarter of the words or more are new, the new words'
   * pieces put in the tail otherwise.
   */
  sync(chars: Uint16Array, starts: Int32Array, words: number): void {
    if (this.#synced === words) return;
    for (let i = starts[this.#synced]; i < starts[words]; i++) {
      if (this.#inAlphabet[chars[i]] === 0) {
        this.#inAlphabet[chars[i]] = 1;
        this.#alphabet.push(chars[i]);
      }
    }
    if ((words - this.#indexed) * 4 >= this.#indexed) {
      let size = 0;
      for (let w = 0; w < words; w++) size += 3 * Math.max(0, starts[w + 1] - starts[w] - 1);
      const all = new Float64Array(size);
      let k = 0;
      for (let w = 0; w < words; w++) {
        const end = starts[w + 1];
        for (let n = 2; n <= 4; n++) {
          for (let i = starts[w]; i + n <= end; i++) all[k++] = gramHashIn(chars, i, n) * gramScale + w;
        }
      }
      const sorted = all.subarray(0, k).sort();
      // A word holding a piece twice is listed once.
      let unique = 0;
      for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[unique++] = sorted[i];
      this.#sorted = sorted.slice(0, unique);
      this.#buildDirectory();
      this.#indexed = words;
      this.#tail = new Map();
    } else {
      for (let w = this.#synced; w < words; w++) {
        const seen = new Set<number>();
        const end = starts[w + 1];
        for (let n = 2; n <= 4; n++) {
          for (let i = starts[w]; i + n <= end; i++) {
            const h = gramHashIn(chars, i, n);
            if (seen.has(h)) continue;
            seen.add(h);
            const list = this.#tail.get(h);
            if (list) list.push(w);
            else this.#tail.set(h, [w]);
          }
        }
      }
    }
    this.#synced = words;
  }

  /** About four entries per directory slot. */
  #buildDirectory(): void {
    const sorted = this.#sorted;
    const bits = Math.max(1, Math.min(24, Math.ceil(Math.log2(Math.max(2, sorted.length / 4)))));
    const shift = 31 - bits;
    const directory = new Int32Array((1 << bits) + 1);
    let i = 0;
    for (let b = 0; b < 1 << bits; b++) {
      directory[b] = i;
      while (i < sorted.length && Math.floor(sorted[i] / gramScale) >>> shift === b) i++;
    }
    directory[1 << bits] = sorted.length;
    this.#directory = directory;
    this.#shift = shift;
  }

  /** The list of the piece with hash `h`. */
  range(h: number): GramRange {
    const b = h >>> this.#shift;
    const from = lowerBound(this.#sorted, h * gramScale, this.#directory[b], this.#directory[b + 1]);
    const to = lowerBound(this.#sorted, (h + 1) * gramScale, from, this.#directory[b + 1]);
    return { hash: h, from, to, count: to - from + (this.#tail.get(h)?.length ?? 0) };
  }

  /** The shortest list among the pieces of `piece` (2 units or more): every word holding `piece` is on it. */
  rarest(piece: string): GramRange | undefined {
    const n = Math.min(4, piece.length);
    let best: GramRange | undefined;
    for (let i = 0; i + n <= piece.length; i++) {
      const range = this.range(gramHash(piece, i, n));
      if (!best || range.count < best.count) best = range;
    }
    return best;
  }

  /** The words on a list (a word more than once only if the hash is shared). */
  words(range: GramRange): Int32Array {
    const tail = this.#tail.get(range.hash) ?? [];
    const words = new Int32Array(range.to - range.from + tail.length);
    const base = range.hash * gramScale;
    let k = 0;
    for (let i = range.from; i < range.to; i++) words[k++] = this.#sorted[i] - base;
    for (const w of tail) words[k++] = w;
    return words;
  }

  /**
   * Every word that may hold a stretch within one typo of `term` (a unit left out, added or
   * replaced, or with `swaps` two neighbours swapped), each once; the caller measures them.
   * Words holding the term as typed may be among them. Two ways, the cheaper one taken:
   *
   * - cut the term in two: a word holding a stretch within one typo of it holds the part
   *   before the cut or the part after it intact (the typo lies in the other), or, for two
   *   units swapped across the cut, what lies beyond them on one side. The lists of those parts
   *   are read; for a short term they are long (the parts are pieces of two or three letters);
   * - spell out the stretches within one typo: the term with each unit left out, with each
   *   unit inside it replaced by, or preceded by, each unit of the vocabulary's alphabet, and
   *   with each pair of neighbours swapped. (A unit replaced or added at either end leaves a
   *   stretch that holds the term with its end unit left out, or the term itself.) Each
   *   spelling's list is that of its piece of four around the typo, or of the whole spelling
   *   when it is shorter, so the lists hold little but the words sought. It costs a lookup per
   *   spelling: the way for short terms over a small alphabet.
   */
  typoCandidates(term: string, swaps: boolean, way?: 'cut' | 'spell'): Int32Array {
    const m = term.length;
    const cut = this.#cutRanges(term, swaps);
    const cutCount = cut ? cut.reduce((sum, r) => sum + r.count, 0) : Infinity;
    const letters = this.#alphabet.length;
    const lookups = m + (2 * m - 3) * letters + (swaps ? m - 1 : 0);
    const found: number[] = [];
    if (this.#stamp.length < this.#synced) this.#stamp = new Int32Array(Math.max(1024, this.#synced * 1.5));
    const stamp = ++this.#stampValue;
    const stamps = this.#stamp;
    const sorted = this.#sorted;
    const take = (range: GramRange): void => {
      const base = range.hash * gramScale;
      for (let i = range.from; i < range.to; i++) {
        const w = sorted[i] - base;
        if (stamps[w] !== stamp) { stamps[w] = stamp; found.push(w); }
      }
      const tail = this.#tail.get(range.hash);
      if (tail) for (const w of tail) if (stamps[w] !== stamp) { stamps[w] = stamp; found.push(w); }
    };
    if (cut && (way === 'cut' || (way === undefined && lookups * lookupCost >= cutCount))) {
      for (const range of cut) take(range);
      return Int32Array.from(found);
    }
    // A spelling is written into `v` (at most m + 1 units) and only its piece around `at` hashed.
    const v = new Uint16Array(m + 1);
    const piece = (length: number, at: number): void => {
      const n = Math.min(4, length);
      const start = Math.max(0, Math.min(at - 1, length - n));
      const h = gramHashIn(v, start, n);
      const range = this.range(h);
      if (range.count > 0) take(range);
    };
    const alphabet = this.#alphabet;
    const t = (i: number): number => term.charCodeAt(i);
    // Left out: the junction of the two sides.
    for (let i = 0; i < m; i++) {
      for (let j = 0, k = 0; j < m; j++) if (j !== i) v[k++] = t(j);
      piece(m - 1, Math.max(0, i - 1));
    }
    // Replaced inside.
    for (let j = 0; j < m; j++) v[j] = t(j);
    for (let i = 1; i < m - 1; i++) {
      for (const x of alphabet) {
        if (x === t(i)) continue;
        v[i] = x;
        piece(m, i);
      }
      v[i] = t(i);
    }
    // Added inside, before unit i.
    for (let i = 1; i < m; i++) {
      for (let j = 0; j < i; j++) v[j] = t(j);
      for (let j = i; j < m; j++) v[j + 1] = t(j);
      for (const x of alphabet) {
        v[i] = x;
        piece(m + 1, i);
      }
    }
    // Neighbours swapped.
    if (swaps) {
      for (let i = 0; i + 1 < m; i++) {
        if (t(i) === t(i + 1)) continue;
        for (let j = 0; j < m; j++) v[j] = t(j);
        v[i] = t(i + 1);
        v[i + 1] = t(i);
        piece(m, i);
      }
    }
    return Int32Array.from(found);
  }

  /**
   * The lists to read for the cut that leaves the fewest words (see `typoCandidates`); each
   * part has two units or more. None when no cut can be made (a term of four units with swaps:
   * the units beyond a swap across the cut are too few to look up).
   */
  #cutRanges(term: string, swaps: boolean): GramRange[] | undefined {
    const m = term.length;
    const memo = new Map<string, GramRange | undefined>();
    const rangeOf = (piece: string): GramRange | undefined => {
      if (!memo.has(piece)) memo.set(piece, this.rarest(piece));
      return memo.get(piece);
    };
    let best: GramRange[] | undefined;
    let bestCount = Infinity;
    for (let cut = 2; cut <= m - 2; cut++) {
      const ranges = [rangeOf(term.slice(0, cut)), rangeOf(term.slice(cut))];
      if (swaps) {
        if (cut - 1 < 2 && m - cut - 1 < 2) continue;
        const left = cut - 1 >= 2 ? rangeOf(term.slice(0, cut - 1)) : undefined;
        const right = m - cut - 1 >= 2 ? rangeOf(term.slice(cut + 1)) : undefined;
        ranges.push(left && (!right || left.count <= right.count) ? left : right);
      }
      // A part no word holds has no list: nothing to read for it.
      const present = ranges.filter((r): r is GramRange => r !== undefined && r.count > 0);
      const count = present.reduce((sum, r) => sum + r.count, 0);
      if (count < bestCount) {
        best = present;
        bestCount = count;
      }
    }
    return best;
  }
}

/** FNV-1a over UTF-16 units, seeded with the piece's length. */
const hashSeed = 0x811c9dc5 | 0;
const hashPrime = 0x01000193;

function gramHash(word: string, i: number, n: number): number {
  let h = hashSeed ^ n;
  for (let k = i; k < i + n; k++) h = Math.imul(h ^ word.charCodeAt(k), hashPrime);
  return h >>> 1;
}

function gramHashIn(chars: Uint16Array, i: number, n: number): number {
  let h = hashSeed ^ n;
  for (let k = i; k < i + n; k++) h = Math.imul(h ^ chars[k], hashPrime);
  return h >>> 1;
}

/** The first index in [lo, hi) of the sorted `values` holding `value` or more (hi if none). */
function lowerBound(values: Float64Array, value: number, lo: number, hi: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
