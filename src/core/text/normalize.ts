/**
 * The published normalisation contract (README, "What counts as the same text"): two texts are
 * equal under normalisation when they differ only in
 * - curly versus straight quotation marks and apostrophes (‘ ’ ‚ ‛ ′ → ', “ ” „ ‟ ″ « » → "),
 * - dash variants (‐ ‑ ‒ – — ― − → -),
 * - runs of white space (including no-break and zero-width spaces) → one space, trimmed,
 * - Unicode composition (NFC),
 * - full-width and half-width forms of the same ASCII character (，and , ；and ; （and ( Ａ and A),
 * - soft hyphens (removed),
 * - Markdown emphasis markers (* and _ around words) in the draft.
 * Nothing else: letter case, punctuation and words all count (。 is not a full stop, 、 not a comma).
 */
export interface Normalized {
  readonly text: string;
  /** `map[i]` is the offset in the original text of normalised character `i`; one extra entry for the end. */
  readonly map: readonly number[];
}

/** White space as JavaScript's `\s` knows it, and the zero-width space. */
function isSpace(code: number): boolean {
  return code === 0x20 || (code >= 0x09 && code <= 0x0d) || code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200b)
    || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}

/** What a quotation mark, apostrophe or dash stands for under the contract; 0 for other characters. */
function foldedPunctuation(code: number): number {
  switch (code) {
    case 0x2018: case 0x2019: case 0x201a: case 0x201b: case 0x2032: case 0x60: return 0x27; // ‘ ’ ‚ ‛ ′ ` → '
    case 0x201c: case 0x201d: case 0x201e: case 0x201f: case 0x2033: case 0xab: case 0xbb: return 0x22; // “ ” „ ‟ ″ « » → "
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015: case 0x2212: return 0x2d; // ‐ ‑ ‒ – — ― − → -
    default: return 0;
  }
}

/** Characters that NFC may change on their own (singleton decompositions): none below U+0300 or among the common CJK ideographs. */
function mayChangeUnderNfc(code: number): boolean {
  return code >= 0x300 && !(code >= 0x4e00 && code <= 0x9fff);
}

/**
 * Normalises `text` and keeps the way back to original offsets. One pass over the UTF-16 code
 * units (a 5 MB source is read in well under a second); `test/unit/core/text/normalize.test.ts`
 * checks it against the contract written character by character.
 */
export function normalize(text: string, options: { stripEmphasis?: boolean } = {}): Normalized {
  const out: string[] = [];
  const map: number[] = [];
  let pendingSpace = -1;
  const n = text.length;
  let i = 0;
  while (i < n) {
    const at = i;
    let code = text.charCodeAt(i);
    // A whole code point: a surrogate pair stays together.
    const pair = code >= 0xd800 && code <= 0xdbff && i + 1 < n && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
    i += pair ? 2 : 1;
    if (code === 0xad) continue;
    if (isSpace(code)) {
      if (out.length && pendingSpace < 0) pendingSpace = at;
      continue;
    }
    if (options.stripEmphasis && (code === 0x2a || code === 0x5f) && isEmphasisMarker(text, at)) continue;
    let ch: string;
    if (pair) ch = text.slice(at, i).normalize('NFC');
    else {
      // Full-width forms (U+FF01–FF5E) are the ASCII characters typeset for CJK text.
      if (code >= 0xff01 && code <= 0xff5e) code -= 0xfee0;
      const folded = foldedPunctuation(code);
      if (folded) code = folded;
      else if (code >= 0x300 && code <= 0x36f && out.length) {
        // NFC changes lengths, so composition happens character by character (a combining mark
        // joins the letter before it), which keeps the offset map exact.
        const composed = (out[out.length - 1] + String.fromCharCode(code)).normalize('NFC');
        if (composed.length === 1) { out[out.length - 1] = composed; continue; }
      }
      ch = String.fromCharCode(code);
      if (mayChangeUnderNfc(code)) ch = ch.normalize('NFC');
    }
    if (pendingSpace >= 0) {
      out.push(' ');
      map.push(pendingSpace);
      pendingSpace = -1;
    }
    out.push(ch);
    map.push(at);
  }
  map.push(n);
  return { text: out.join(''), map };
}

/** The code point that ends just before `end`, or a space at the start. */
function codePointBefore(text: string, end: number): string {
  if (end <= 0) return ' ';
  const low = text.charCodeAt(end - 1);
  if ((low & 0xfc00) === 0xdc00 && end >= 2 && (text.charCodeAt(end - 2) & 0xfc00) === 0xd800) return text.slice(end - 2, end);
  return text[end - 1];
}

/** The code point that starts at `start`, or a space at the end. */
function codePointAt(text: string, start: number): string {
  if (start >= text.length) return ' ';
  return String.fromCodePoint(text.codePointAt(start)!);
}

const wordChar = /[\p{L}\p{N}]/u;

/** `*`/`_` at `i` that open or close emphasis: next to a word on one side and not inside a word. */
function isEmphasisMarker(text: string, i: number): boolean {
  const before = codePointBefore(text, i);
  const after = codePointAt(text, i + 1);
  if (text[i] === '_' && wordChar.test(before) && wordChar.test(after)) return false;
  return !(wordChar.test(before) && wordChar.test(after)) || text[i] === '*';
}

/** Equal under the normalisation contract. */
export function sameUnderNormalization(a: string, b: string): boolean {
  return normalize(a).text === normalize(b).text;
}
