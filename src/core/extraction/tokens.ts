import type { Span } from '../model';
import { nameTitleAbbreviations } from '../text/sentences';

/** Words whose full stop is part of them: initials ("J.", "U.S.") and abbreviations ("Sen.", "Corp."). */
const keepsFullStop = new RegExp(`^(?:\\p{L}\\.)+$|^(?:${[...nameTitleAbbreviations, 'Inc', 'Co', 'Corp', 'Ltd', 'Art', 'Sec'].join('|')})\\.$`, 'u');

/** A word, a punctuation mark, or a whole quotation standing in for its text. */
export interface Token extends Span {
  readonly text: string;
  readonly kind: 'word' | 'punct' | 'quote';
  /** For `quote` tokens: index of the quotation in the caller's list. */
  readonly quote?: number;
}

// Invisible format characters (a soft hyphen, a zero-width space or joiner) inside a word leave
// it whole ("Mül\u00adler" is one name); standing alone they are no token at all.
const tokenPattern = /[\p{L}\p{N}](?:[\p{L}\p{N}\p{M}\p{Cf}]|[’'.\-&](?=[\p{L}\p{N}]))*\.?|[^\s\p{Cf}]/gu;
const formatCharacters = /\p{Cf}/gu;

function isAsciiLetterOrDigit(code: number): boolean {
  return (code >= 48 && code <= 57) || ((code | 32) >= 97 && (code | 32) <= 122);
}

/**
 * Where `tokenPattern`'s word starting at the ASCII letter or digit at `p` ends, reading no
 * further than `end`; -1 when a character beyond ASCII follows, which may go on with the word.
 */
function asciiWordEnd(text: string, p: number, end: number): number {
  let i = p + 1;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c >= 128) return -1;
    if (isAsciiLetterOrDigit(c)) {
      i++;
      continue;
    }
    // ' . - & join two parts of a word ("O'Brien", "U.S", "co-op", "AT&T").
    if ((c === 39 || c === 46 || c === 45 || c === 38) && i + 1 < end) {
      const next = text.charCodeAt(i + 1);
      if (next >= 128) return -1;
      if (isAsciiLetterOrDigit(next)) {
        i += 2;
        continue;
      }
    }
    break;
  }
  return i < end && text.charCodeAt(i) === 46 ? i + 1 : i;
}

/** Whether `word` has a character at or above U+00AD, the first format character: ASCII words need no regex. */
function mayHoldFormat(word: string): boolean {
  for (let i = 0; i < word.length; i++) if (word.charCodeAt(i) >= 0xad) return true;
  return false;
}

/** Whether `word`'s first code unit is a letter or a digit, told without a regex for ASCII. */
function startsWord(word: string): boolean {
  const code = word.charCodeAt(0);
  if (code < 128) return isAsciiLetterOrDigit(code);
  return /[\p{L}\p{N}]/u.test(word[0]);
}

/**
 * Tokens of `range`, with each quotation in `quotes` (they lie inside the range, in order)
 * replaced by one `quote` token, so that rules about attribution never look inside quoted words.
 */
export function tokenize(text: string, range: Span, quotes: readonly Span[] = []): Token[] {
  const tokens: Token[] = [];
  let from = range.start;
  const pushWords = (start: number, end: number): void => {
    // ASCII words and marks are read by hand (most of a page's text); where a character beyond
    // ASCII starts or may go on with a token, the pattern reads it, on the range alone as before.
    let slice: string | undefined;
    let p = start;
    while (p < end) {
      const code = text.charCodeAt(p);
      if (code === 32 || (code >= 9 && code <= 13)) {
        p++;
        continue;
      }
      const asciiEnd = code < 128 ? (isAsciiLetterOrDigit(code) ? asciiWordEnd(text, p, end) : p + 1) : -1;
      let index: number;
      let word: string;
      if (asciiEnd >= 0) {
        index = p;
        word = text.slice(p, asciiEnd);
      } else {
        slice ??= text.slice(start, end);
        tokenPattern.lastIndex = p - start;
        const m = tokenPattern.exec(slice);
        if (!m) break;
        index = start + m.index;
        word = m[0];
      }
      // A trailing full stop belongs to abbreviations and initials ("Sen.", "J.") only.
      if (word.length > 1 && word.endsWith('.') && !keepsFullStop.test(word)) {
        word = word.slice(0, -1);
      }
      // The token's text is the word as read, without invisible characters; its span is where it stands.
      tokens.push({ text: mayHoldFormat(word) ? word.replace(formatCharacters, '') : word, start: index, end: index + word.length, kind: startsWord(word) ? 'word' : 'punct' });
      p = index + word.length;
    }
  };
  quotes.forEach((quote, index) => {
    if (quote.start < from || quote.end > range.end) return;
    pushWords(from, quote.start);
    tokens.push({ text: '\u201cQUOTE\u201d', start: quote.start, end: quote.end, kind: 'quote', quote: index });
    from = quote.end;
  });
  pushWords(from, range.end);
  return tokens;
}

export function isCapitalized(token: Token | undefined): boolean {
  if (token === undefined || token.kind !== 'word') return false;
  const code = token.text.charCodeAt(0);
  // ASCII is told without a regex; the rest of Unicode's capitals by their category.
  if (code < 128) return code >= 65 && code <= 90;
  return /^[\p{Lu}\p{Lt}]/u.test(token.text);
}

export function lower(token: Token | undefined): string {
  return token === undefined ? '' : token.text.toLowerCase();
}
