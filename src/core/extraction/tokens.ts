import type { Span } from '../model';

/** A word, a punctuation mark, or a whole quotation standing in for its text. */
export interface Token extends Span {
  readonly text: string;
  readonly kind: 'word' | 'punct' | 'quote';
  /** For `quote` tokens: index of the quotation in the caller's list. */
  readonly quote?: number;
}

const tokenPattern = /[\p{L}\p{N}](?:[\p{L}\p{N}\p{M}]|[’'.\-&](?=[\p{L}\p{N}]))*\.?|\S/gu;

/**
 * Tokens of `range`, with each quotation in `quotes` (they lie inside the range, in order)
 * replaced by one `quote` token, so that rules about attribution never look inside quoted words.
 */
export function tokenize(text: string, range: Span, quotes: readonly Span[] = []): Token[] {
  const tokens: Token[] = [];
  let from = range.start;
  const pushWords = (start: number, end: number): void => {
    tokenPattern.lastIndex = 0;
    const slice = text.slice(start, end);
    for (let m = tokenPattern.exec(slice); m; m = tokenPattern.exec(slice)) {
      let word = m[0];
      // A trailing full stop belongs to abbreviations and initials ("Sen.", "J.") only.
      // The abbreviations are listed for the reader even where the initials' pattern covers them.
      // eslint-disable-next-line regexp/no-dupe-disjunctions
      if (word.length > 1 && word.endsWith('.') && !/^(?:\p{L}\.)+$|^(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Capt|Prof|Rev|Jr|Sr|St|Inc|Co|Corp|Ltd|Art|Sec)\.$/u.test(word)) {
        word = word.slice(0, -1);
        tokenPattern.lastIndex = m.index + word.length;
      }
      const s = start + m.index;
      tokens.push({ text: word, start: s, end: s + word.length, kind: /[\p{L}\p{N}]/u.test(word[0]) ? 'word' : 'punct' });
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
  return token !== undefined && token.kind === 'word' && /^[\p{Lu}\p{Lt}]/u.test(token.text);
}

export function lower(token: Token | undefined): string {
  return token === undefined ? '' : token.text.toLowerCase();
}
