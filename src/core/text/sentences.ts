import type { Span } from '../model';

/**
 * Sentences by Unicode's rules (`Intl.Segmenter`), then mended where those rules are known to
 * cut too early in news and policy text: after abbreviations ("Mr.", "U.S.", "Art."), after
 * initials ("J. Smith"), and inside a quotation that has not closed yet.
 */
/**
 * The longest passage Verbatim reads as one sentence or quotation, about 1,300 words: far
 * beyond any real one, and short enough that a page of abbreviations or a quotation mark
 * never closed cannot make a passage of megabytes for search and completion to carry.
 */
export const maxPassageChars = 8000;

export function splitSentences(text: string, range: Span, locale = 'en'): Span[] {
  const segmenter = segmenterFor(locale);
  const raw: Span[] = [];
  for (const chunk of chunks(text, range)) {
    const slice = text.slice(chunk.start, chunk.end);
    for (const part of segmenter.segment(slice)) {
      const start = chunk.start + part.index;
      raw.push(trim(text, start, start + part.segment.length));
    }
  }
  const merged: Span[] = [];
  // Open “ marks of the last merged sentence, kept as sentences grow so that long texts
  // (a 5 MB line of one quotation never closed) are read in linear time.
  let balance = 0;
  for (const span of raw) {
    if (span.start >= span.end) continue;
    const previous = merged[merged.length - 1];
    if (previous && span.end - previous.start <= maxPassageChars && shouldJoin(text, previous, span, balance)) {
      merged[merged.length - 1] = { start: previous.start, end: span.end };
      balance = quoteBalance(text, span, balance);
    } else {
      merged.push(span);
      balance = quoteBalance(text, span, 0);
    }
  }
  return merged;
}

const chunkSize = 4000;

/**
 * The range in pieces of about `chunkSize` characters, cut after a sentence's end where one
 * is near. V8's sentence segmenter slows down quadratically on long strings (a 200 kB
 * paragraph takes seconds), so it is fed pieces; a cut at a false end ("Mr. Smith") is mended
 * like the segmenter's own.
 */
function chunks(text: string, range: Span): Span[] {
  const pieces: Span[] = [];
  let start = range.start;
  while (range.end - start > chunkSize * 2) {
    let cut = -1;
    for (let i = start + chunkSize; i < start + chunkSize * 2 && cut < 0; i++) {
      if (/[.!?]/.test(text[i]) && /\s/.test(text[i + 1] ?? '')) cut = i + 1;
      else if (/[。！？]/.test(text[i])) {
        // Chinese and Japanese put no space after a sentence: the cut follows the mark and
        // the closing quotation marks after it.
        let k = i + 1;
        while (k < range.end && /[”」』’）)]/.test(text[k])) k++;
        if (!/[。！？…]/.test(text[k] ?? '')) cut = k;
      }
    }
    if (cut < 0) {
      // No sentence ends here: cut at a space, or where text without spaces has none near.
      cut = start + chunkSize;
      const limit = Math.min(range.end, cut + 200);
      while (cut < limit && !/\s/.test(text[cut])) cut++;
      if (cut === limit && limit < range.end) cut = start + chunkSize + (/[\udc00-\udfff]/.test(text[start + chunkSize]) ? 1 : 0);
    }
    pieces.push({ start, end: cut });
    start = cut;
  }
  pieces.push({ start, end: range.end });
  return pieces;
}

const segmenters = new Map<string, Intl.Segmenter>();
function segmenterFor(locale: string): Intl.Segmenter {
  let segmenter = segmenters.get(locale);
  if (!segmenter) {
    // A front matter's `language` may be no language tag at all ("English", "zh_CN").
    try {
      segmenter = new Intl.Segmenter(locale, { granularity: 'sentence' });
    } catch {
      segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });
    }
    segmenters.set(locale, segmenter);
  }
  return segmenter;
}

function trim(text: string, start: number, end: number): Span {
  while (start < end && isSpaceAt(text, start)) start++;
  while (end > start && isSpaceAt(text, end - 1)) end--;
  return { start, end };
}

/** Whether the code unit at `i` is white space as `\s` reads it; ASCII is told without a string or a regex. */
function isSpaceAt(text: string, i: number): boolean {
  const code = text.charCodeAt(i);
  if (code < 128) return code === 32 || (code >= 9 && code <= 13);
  return /\s/.test(text[i]);
}

/**
 * Titles written before a name with a full stop ("Sen.", "Supt."), which ends no sentence: one
 * list for the sentence splitter, the tokenizer and the reader of a draft's attributions.
 */
export const nameTitleAbbreviations: readonly string[] = ['Mr', 'Mrs', 'Ms', 'Dr', 'Sen', 'Rep', 'Gov', 'Gen', 'Lt', 'Col', 'Sgt', 'Capt',
  'Cmdr', 'Adm', 'Prof', 'Rev', 'Jr', 'Sr', 'St', 'Del', 'Pres', 'Supt', 'Atty'];

const abbreviations = new Set([
  ...nameTitleAbbreviations.map((t) => t.toLowerCase()),
  'reps', 'inc', 'co', 'corp', 'ltd', 'no', 'nos', 'vs', 'v', 'art', 'arts', 'sec', 'para',
  'paras', 'p', 'pp', 'fig', 'vol', 'ch', 'cf', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept',
  'oct', 'nov', 'dec', 'mt', 'ft', 'dept', 'est', 'approx', 'ave', 'blvd',
]);

function shouldJoin(text: string, previous: Span, next: Span, openQuotes: number): boolean {
  // Only the end of the previous sentence matters; a bounded tail keeps this linear.
  const before = text.slice(Math.max(previous.start, previous.end - 40), previous.end);
  const last = before.charCodeAt(before.length - 1);
  // Each rule below needs its own last character: most sentences are let go without a regex.
  if (last !== 0x2e && last !== 0x201d && last !== 0x22 && last !== 0x2019) return openQuotes > 0 && closesBeforeOpening(text, next);
  const word = last === 0x2e ? wordBeforeStop(before) : undefined;
  if (word !== undefined) {
    // Titles ("Mr.", "Sen.") and single initials ("John F. Kennedy") precede a name; they
    // almost never end a sentence in news or policy text.
    if (abbreviations.has(word.toLowerCase()) || /^\p{Lu}$/u.test(word)) return true;
  }
  // "chants of “Bobby!” at a labor conference": after a quotation's ! or ?, a lower-case word
  // goes on with the sentence that quotes it.
  if (/[!?][”"’]$/.test(before) && /^\p{Ll}/u.test(text.slice(next.start, next.start + 1))) return true;
  // A sentence cannot end inside an open double quotation that closes further on in the paragraph.
  return openQuotes > 0 && closesBeforeOpening(text, next);
}

/**
 * The letters and dots (1 to 30 of them) that `before`'s final full stop ends, standing at its
 * start or after another character; ASCII is read by hand, the rest by the pattern.
 */
function wordBeforeStop(before: string): string | undefined {
  const stop = before.length - 1;
  let k = stop;
  while (k > 0) {
    const c = before.charCodeAt(k - 1);
    if (c >= 128) return /(?:^|[^\p{L}.])([\p{L}.]{1,30})\.$/u.exec(before)?.[1];
    if (c === 0x2e || ((c | 32) >= 97 && (c | 32) <= 122)) k--;
    else break;
  }
  return stop - k >= 1 && stop - k <= 30 ? before.slice(k, stop) : undefined;
}

/** Whether a closing mark (” " 」 』) comes in `span` before any opening one (“ 「 『). */
function closesBeforeOpening(text: string, span: Span): boolean {
  for (let i = span.start; i < span.end; i++) {
    const ch = text[i];
    if (ch === '“' || ch === '「' || ch === '『') return false;
    if (ch === '”' || ch === '"' || ch === '」' || ch === '』') return true;
  }
  return false;
}

/** The count of open “ (and CJK 「 『) marks after reading `span`, starting from `balance`. */
function quoteBalance(text: string, span: Span, balance: number): number {
  for (let i = span.start; i < span.end; i++) {
    const ch = text[i];
    if (ch === '“' || ch === '「' || ch === '『') balance++;
    else if (ch === '”' || ch === '」' || ch === '』') balance = Math.max(0, balance - 1);
  }
  return balance;
}
