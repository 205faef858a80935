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

const singleQuotes = /[‘’‚‛′`]/;
const doubleQuotes = /[“”„‟″«»]/;
const dashes = /[‐‑‒–—―−]/;
const spaces = /[\s\u200b]/;

/** Normalises `text` and keeps the way back to original offsets. */
export function normalize(text: string, options: { stripEmphasis?: boolean } = {}): Normalized {
  const out: string[] = [];
  const map: number[] = [];
  let pendingSpace = -1;
  // NFC changes lengths, so composition happens character by character (a combining mark joins
  // the letter before it), which keeps the offset map exact.
  const chars = Array.from(text);
  let offset = 0;
  for (let i = 0; i < chars.length; i++) {
    const raw = chars[i];
    const at = offset;
    offset += raw.length;
    if (raw === '\u00ad') continue;
    if (spaces.test(raw)) {
      if (out.length && pendingSpace < 0) pendingSpace = at;
      continue;
    }
    if (options.stripEmphasis && (raw === '*' || raw === '_') && isEmphasisMarker(chars, i)) continue;
    let ch = raw;
    // Full-width forms (U+FF01–FF5E) are the ASCII characters typeset for CJK text.
    const code = ch.charCodeAt(0);
    if (code >= 0xff01 && code <= 0xff5e) ch = String.fromCharCode(code - 0xfee0);
    if (singleQuotes.test(ch)) ch = "'";
    else if (doubleQuotes.test(ch)) ch = '"';
    else if (dashes.test(ch)) ch = '-';
    else if (/[\u0300-\u036f]/.test(ch) && out.length) {
      const composed = (out[out.length - 1] + ch).normalize('NFC');
      if (composed.length === 1) { out[out.length - 1] = composed; continue; }
    }
    if (pendingSpace >= 0) {
      out.push(' ');
      map.push(pendingSpace);
      pendingSpace = -1;
    }
    out.push(ch.normalize('NFC'));
    map.push(at);
  }
  map.push(text.length);
  return { text: out.join(''), map };
}

/** `*`/`_` that open or close emphasis: next to a word on one side and not inside a word. */
function isEmphasisMarker(chars: readonly string[], i: number): boolean {
  const before = chars[i - 1] ?? ' ';
  const after = chars[i + 1] ?? ' ';
  const word = /[\p{L}\p{N}]/u;
  if (chars[i] === '_' && word.test(before) && word.test(after)) return false;
  return !(word.test(before) && word.test(after)) || chars[i] === '*';
}

/** Equal under the normalisation contract. */
export function sameUnderNormalization(a: string, b: string): boolean {
  return normalize(a).text === normalize(b).text;
}
