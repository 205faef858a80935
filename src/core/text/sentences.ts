import type { Span } from '../model';

/**
 * Sentences by Unicode's rules (`Intl.Segmenter`), then mended where those rules are known to
 * cut too early in news and policy text: after abbreviations ("Mr.", "U.S.", "Art."), after
 * initials ("J. Smith"), and inside a quotation that has not closed yet.
 */
export function splitSentences(text: string, range: Span, locale = 'en'): Span[] {
  const segmenter = segmenterFor(locale);
  const slice = text.slice(range.start, range.end);
  const raw: Span[] = [];
  for (const part of segmenter.segment(slice)) {
    const start = range.start + part.index;
    raw.push(trim(text, { start, end: start + part.segment.length }));
  }
  const merged: Span[] = [];
  for (const span of raw) {
    if (span.start >= span.end) continue;
    const previous = merged[merged.length - 1];
    if (previous && shouldJoin(text, previous, span)) {
      merged[merged.length - 1] = { start: previous.start, end: span.end };
    } else {
      merged.push(span);
    }
  }
  return merged;
}

const segmenters = new Map<string, Intl.Segmenter>();
function segmenterFor(locale: string): Intl.Segmenter {
  let segmenter = segmenters.get(locale);
  if (!segmenter) {
    segmenter = new Intl.Segmenter(locale, { granularity: 'sentence' });
    segmenters.set(locale, segmenter);
  }
  return segmenter;
}

function trim(text: string, span: Span): Span {
  let { start, end } = span;
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return { start, end };
}

const abbreviations = new Set([
  'mr', 'mrs', 'ms', 'dr', 'st', 'gov', 'sen', 'rep', 'reps', 'gen', 'lt', 'col', 'sgt', 'capt', 'cmdr', 'adm',
  'prof', 'rev', 'jr', 'sr', 'inc', 'co', 'corp', 'ltd', 'no', 'nos', 'vs', 'v', 'art', 'arts', 'sec', 'para',
  'paras', 'p', 'pp', 'fig', 'vol', 'ch', 'cf', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept',
  'oct', 'nov', 'dec', 'mt', 'ft', 'pres', 'supt', 'atty', 'dept', 'est', 'approx', 'ave', 'blvd',
]);

function shouldJoin(text: string, previous: Span, next: Span): boolean {
  const before = text.slice(previous.start, previous.end);
  const lastWord = /([\p{L}.]+)\.$/u.exec(before);
  if (lastWord) {
    const word = lastWord[1];
    // Titles ("Mr.", "Sen.") and single initials ("John F. Kennedy") precede a name; they
    // almost never end a sentence in news or policy text.
    if (abbreviations.has(word.toLowerCase()) || /^\p{Lu}$/u.test(word)) return true;
  }
  // A sentence cannot end inside an open double quotation that closes further on in the paragraph.
  return openQuoteBalance(before) > 0 && /^[^“"]*[”"]/.test(text.slice(next.start, next.end));
}

function openQuoteBalance(s: string): number {
  let balance = 0;
  for (const ch of s) {
    if (ch === '“') balance++;
    else if (ch === '”') balance = Math.max(0, balance - 1);
  }
  return balance;
}
