/**
 * How far a typed word is from a word of a source, measured the way fuse.js measures it, so
 * that the candidates the word index proposes are the passages fuse.js would rank well.
 *
 * fuse.js (Bitap, `ignoreLocation`) scores a typed word against a field by the fewest edits
 * (insertions, deletions, substitutions) that turn it into some stretch of the field, divided
 * by the word's length; a stretch found as typed scores 0. That is the "semi-global" edit
 * distance computed here, restricted to one word of the field at a time.
 */

/** Words are runs of letters and digits, the characters a query term is made of. */
export const wordPattern = /[\p{L}\p{N}]+/gu;

/** The distinct words of a text as fuse.js sees it (lower-cased), in order of first use. */
export function wordsOf(text: string): string[] {
  const found = text.toLowerCase().match(wordPattern);
  return found ? [...new Set(found)] : [];
}

/** `wordCharAt` for ASCII: 1 for the letters and digits, 0 for the rest (a lookup, for loops that read every character). */
export const asciiWord = Uint8Array.from({ length: 128 }, (_, c) => ((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90) ? 1 : 0));

/** Per BMP character: 0 not yet known, 1 a letter or digit, 2 neither. */
const bmpClass = new Uint8Array(65536);
const astralClass = new Map<number, boolean>();
const letterOrDigit = /^[\p{L}\p{N}]$/u;

/**
 * How many UTF-16 units of a word character start at `i` of `text`: 1 or 2 (a letter or digit
 * outside the BMP), 0 when the character is not part of a word. Agrees with `wordPattern`.
 */
export function wordCharAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 128) return asciiWord[c];
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
    const low = text.charCodeAt(i + 1);
    if (low >= 0xdc00 && low <= 0xdfff) {
      const point = (c - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
      let known = astralClass.get(point);
      if (known === undefined) astralClass.set(point, known = letterOrDigit.test(String.fromCodePoint(point)));
      return known ? 2 : 0;
    }
  }
  let known = bmpClass[c];
  if (known === 0) bmpClass[c] = known = letterOrDigit.test(String.fromCharCode(c)) ? 1 : 2;
  return known === 1 ? 1 : 0;
}

/**
 * A 32-bit summary of which characters a word holds: letters a–z have a bit each, the rest
 * share a few. A word holding a stretch within one typo of a term shares all but one of the
 * term's bits, so most of the vocabulary is rejected with one AND and a popcount.
 */
export function charMask(word: string): number {
  let mask = 0;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    const bit = c >= 97 && c <= 122 ? c - 97 : c >= 48 && c <= 57 ? 26 : 27 + (c % 5);
    mask |= 1 << bit;
  }
  // Signed, as the index stores masks (Int32Array): with bit 31 set, an unsigned mask would
  // never equal the AND of a stored one, and every word holding such a character would be missed.
  return mask | 0;
}

export function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/**
 * A typed word prepared for measuring its distance to many words: Myers' bit-parallel
 * algorithm keeps a column of the edit-distance table in two 32-bit vectors, so a word of the
 * vocabulary costs a dozen integer operations per character.
 */
export class TermPattern {
  readonly term: string;
  readonly #ascii = new Int32Array(128);
  readonly #other = new Map<number, number>();
  readonly #high: number;
  /** The term with each pair of neighbouring letters swapped. */
  readonly #swapped: string[] = [];
  /** The term read backwards, for `bestStart`. */
  #reversed: TermPattern | undefined;

  /** `term` has 1 to 32 characters (fuse.js cuts longer patterns into pieces anyway). */
  constructor(term: string) {
    this.term = term;
    for (let i = 0; i + 1 < term.length; i++) {
      if (term[i] !== term[i + 1]) this.#swapped.push(term.slice(0, i) + term[i + 1] + term[i] + term.slice(i + 2));
    }
    for (let i = 0; i < term.length; i++) {
      const c = term.charCodeAt(i);
      if (c < 128) this.#ascii[c] |= 1 << i;
      else this.#other.set(c, (this.#other.get(c) ?? 0) | (1 << i));
    }
    this.#high = 1 << (term.length - 1);
  }

  /**
   * Fewest insertions, deletions and substitutions turning the term into some stretch of
   * `word` (Sellers' semi-global distance, as fuse.js's Bitap counts errors).
   */
  edits(word: string): number {
    const units = new Uint16Array(word.length);
    for (let i = 0; i < word.length; i++) units[i] = word.charCodeAt(i);
    return this.editsIn(units, 0, units.length);
  }

  /** `edits` for the word held in `chars[start … end)`. */
  editsIn(chars: Uint16Array, start: number, end: number): number {
    const m = this.term.length;
    const high = this.#high;
    const ascii = this.#ascii;
    const other = this.#other;
    let pv = -1;
    let mv = 0;
    let score = m;
    let best = m;
    for (let j = start; j < end; j++) {
      const c = chars[j];
      const eq = c < 128 ? ascii[c] : other.get(c) ?? 0;
      const xv = eq | mv;
      const xh = (((eq & pv) + pv) ^ pv) | eq;
      let ph = mv | ~(xh | pv);
      let mh = pv & xh;
      if (ph & high) score++;
      else if (mh & high) score--;
      // The stretch may start anywhere: row 0 of the table stays 0, so nothing is shifted in.
      ph <<= 1;
      mh <<= 1;
      pv = mh | ~(xv | ph);
      mv = ph & xv;
      if (score < best) {
        best = score;
        if (best === 0) break;
      }
    }
    return best;
  }

  /**
   * The fewest edits turning the term into a stretch of `text` (as `edits`), and the leftmost
   * position where such a stretch starts: the term is matched backwards from the text's end,
   * so the distance found at each position is that of the stretches starting there.
   */
  bestStart(text: string): { edits: number; start: number } {
    const m = this.term.length;
    const reversed = this.#reversed ??= new TermPattern(this.term.split('').reverse().join(''));
    const high = reversed.#high;
    const ascii = reversed.#ascii;
    const other = reversed.#other;
    let pv = -1;
    let mv = 0;
    let score = m;
    let best = m;
    let start = -1;
    for (let j = text.length - 1; j >= 0; j--) {
      const c = text.charCodeAt(j);
      const eq = c < 128 ? ascii[c] : other.get(c) ?? 0;
      const xv = eq | mv;
      const xh = (((eq & pv) + pv) ^ pv) | eq;
      let ph = mv | ~(xh | pv);
      let mh = pv & xh;
      if (ph & high) score++;
      else if (mh & high) score--;
      ph <<= 1;
      mh <<= 1;
      pv = mh | ~(xv | ph);
      mv = ph & xv;
      if (score <= best) {
        best = score;
        start = j;
      }
    }
    return { edits: best, start };
  }

  /**
   * True when the word holds the term with two neighbouring letters swapped, the typo
   * fuse.js counts as two edits and a writer makes as one.
   */
  swappedIn(word: string): boolean {
    for (const variant of this.#swapped) if (word.includes(variant)) return true;
    return false;
  }
}
