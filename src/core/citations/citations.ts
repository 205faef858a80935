import type { CitationStyle } from '../../shared/settings';
import { pageOf, type Passage, type SourceMeta, type Span } from '../model';
import { trimStartWhere } from '../text/trim';

/**
 * Where in a source a citation points. `page` is the page of a paged source (a PDF) as the
 * reader cites it, the number printed on it where known ("125", "iv"; see `pageOf`); its
 * paragraphs are counted on each page: "p. 3, para. 2".
 */
export type Locator =
  | { readonly kind: 'paragraph'; readonly paragraph: number; readonly page?: string }
  | { readonly kind: 'provision'; readonly label: string; readonly page?: string }
  | { readonly kind: 'page'; readonly page: string };

/** The text to insert for a citation, and a footnote definition to add at the draft's end. */
export interface FormattedCitation {
  readonly inline: string;
  readonly footnote?: string;
}

/**
 * The locator that identifies a passage: its provision number for clauses of rules
 * ("art. 5(1)(a)"), otherwise its paragraph ("para. 7").
 */
export function locatorOf(passage: Passage): Locator | undefined {
  const printed = pageOf(passage);
  const page = printed ? { page: printed } : {};
  if (passage.label) return { kind: 'provision', label: passage.label, ...page };
  if (passage.paragraph > 0) return { kind: 'paragraph', paragraph: passage.paragraph, ...page };
  return printed ? { kind: 'page', page: printed } : undefined;
}

/**
 * A locator as Pandoc's citeproc reads it: "para. 7", "art. 5(1)", "sec. 3", or the label; in a
 * PDF the page comes first ("p. 3, para. 2"), which citeproc takes as the locator and the rest
 * as a suffix.
 */
export function formatLocator(locator: Locator): string {
  if (locator.kind === 'page') return `p. ${locator.page}`;
  if (locator.page !== undefined) return `p. ${locator.page}, ${formatLocator({ ...locator, page: undefined })}`;
  if (locator.kind === 'paragraph') return `para. ${locator.paragraph}`;
  const m = /^(Article|Art\.|Section|Sec\.|§+)\s*([^\s§].*)$/.exec(locator.label);
  if (!m) return locator.label;
  return `${/^Art/.test(m[1]) ? 'art.' : 'sec.'} ${m[2]}`;
}

/**
 * Formats the citation of `passage` in `style`. `footnoteNumber` is the next free footnote
 * number of the draft, used by the footnote style only.
 */
export function formatCitation(style: CitationStyle, meta: SourceMeta, locator: Locator | undefined, footnoteNumber = 1): FormattedCitation {
  const where = locator ? formatLocator(locator) : undefined;
  switch (style) {
    case 'pandoc':
      return { inline: `[@${meta.key}${where ? `, ${where}` : ''}]` };
    case 'parenthetical':
      return { inline: `(${[shortAuthor(meta), year(meta)].filter(Boolean).join(' ')}${where ? `, ${where}` : ''})` };
    case 'footnote': {
      const parts = [
        meta.author,
        meta.title ? `“${meta.title}”` : undefined,
        meta.outlet,
        meta.date ? longDate(meta.date) : undefined,
        where,
        meta.url,
      ].filter(Boolean);
      return { inline: `[^${footnoteNumber}]`, footnote: `[^${footnoteNumber}]: ${parts.join(', ')}. [@${meta.key}]` };
    }
  }
}

/** "Catherine Lai" → "Lai"; without an author, the outlet; without either, the key. */
function shortAuthor(meta: SourceMeta): string {
  if (meta.author) {
    const first = meta.author.split(/[;,]| and /)[0].trim();
    return first.split(/\s+/).pop() ?? first;
  }
  return meta.outlet ?? meta.key;
}

function year(meta: SourceMeta): string | undefined {
  return /^(\d{4})/.exec(meta.date ?? '')?.[1];
}

const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "2017-01-25" → "25 January 2017"; anything else is shown as written. */
export function longDate(date: string): string {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?/.exec(date);
  if (!m) return date;
  const month = months[Number(m[2]) - 1];
  if (!month) return date;
  return m[3] ? `${Number(m[3])} ${month} ${m[1]}` : `${month} ${m[1]}`;
}

/** A citation found in a draft. */
export interface CitationRef extends Span {
  readonly key: string;
  readonly locator?: Locator;
  /** Span of the key itself, for hover and definition. */
  readonly keySpan: Span;
}

const pandocGroup = /\[([^[\]\n@]*@[^[\]\n]*)\]/g;
const pandocItem = /(-?@)([\p{L}\p{N}_][\p{L}\p{N}_:.#$%&+?<>~/-]*[\p{L}\p{N}_]|[\p{L}\p{N}_])(?:\s*,\s*([^;\]]*))?/gu;
const bareCitation = /(?<![\p{L}\p{N}_@[])@([\p{L}\p{N}_](?:[\p{L}\p{N}_:.#$%&+?<>~/-]*[\p{L}\p{N}_])?)/gu;

/**
 * Every Pandoc citation in `text`: bracketed groups (`[@a, para. 7; @b]`, prefixes and
 * suffixes allowed) and bare `@key` references. E-mail addresses are not citations.
 */
export function findCitations(text: string): CitationRef[] {
  const refs: CitationRef[] = [];
  const covered: Span[] = [];
  pandocGroup.lastIndex = 0;
  for (let g = pandocGroup.exec(text); g; g = pandocGroup.exec(text)) {
    const groupStart = g.index + 1;
    const body = g[1];
    pandocItem.lastIndex = 0;
    for (let m = pandocItem.exec(body); m; m = pandocItem.exec(body)) {
      const keyStart = groupStart + m.index + m[1].length;
      const key = m[2];
      refs.push({ start: g.index, end: g.index + g[0].length, key, keySpan: { start: keyStart, end: keyStart + key.length }, locator: parseLocator(m[3]) });
    }
    covered.push({ start: g.index, end: g.index + g[0].length });
  }
  bareCitation.lastIndex = 0;
  // Groups are found in order and never overlap: a cursor follows them as the bare citations
  // move on, so a draft of thousands of groups is read once.
  let group = 0;
  for (let m = bareCitation.exec(text); m; m = bareCitation.exec(text)) {
    while (group < covered.length && covered[group].end <= m.index) group++;
    if (group < covered.length && covered[group].start <= m.index) continue;
    if (/[\p{L}\p{N}.]/u.test(text[m.index - 1] ?? '')) continue;
    const keyStart = m.index + 1;
    refs.push({ start: m.index, end: m.index + m[0].length, key: m[1], keySpan: { start: keyStart, end: keyStart + m[1].length } });
  }
  return refs.sort((a, b) => a.start - b.start);
}

/** Reads "para. 7", "paras. 7–8", "¶ 7", "art. 5(1)", "p. 3", "p. 3, para. 2" from a citation's suffix. */
export function parseLocator(suffix: string | undefined): Locator | undefined {
  if (!suffix) return undefined;
  // A page as printed: "p. 125", "pp. 3-4", "p. iv", "p. A-3".
  const page = /^(?:pages?|pp?\.?)\s*(\d+|[ivxlcdm]{1,7}\b|\p{Lu}-?\d{1,4})(?:\s*[-–]\s*\w+)?/iu.exec(suffix.trim());
  if (page) {
    const rest = trimStartWhere(suffix.trim().slice(page[0].length), (c) => c === ',' || /\s/.test(c));
    const within = parseLocator(rest);
    const n = page[1];
    return within && within.kind !== 'page' ? { ...within, page: n } : { kind: 'page', page: n };
  }
  const para = /^(?:para(?:graph)?s?\.?|¶+)\s*(\d+)/i.exec(suffix.trim());
  if (para) return { kind: 'paragraph', paragraph: Number(para[1]) };
  const provision = /^(art(?:icle)?\.?|sec(?:tion)?\.?|§+)\s*([^\s§].*)$/i.exec(suffix.trim());
  if (provision) return { kind: 'provision', label: `${/^art/i.test(provision[1]) ? 'Article' : 'Section'} ${provision[2]}` };
  const trimmed = suffix.trim();
  return trimmed ? { kind: 'provision', label: trimmed } : undefined;
}

/**
 * The locator written somewhere in free text, such as a footnote's definition ("Open Data
 * Policy, p. 3, para. 2."): a page with or without a paragraph, a paragraph, or (with
 * `articles`) an article.
 */
export function findLocatorIn(text: string, articles = false): Locator | undefined {
  const found = (articles ? /\bpp?\.\s*(?:\d+|[ivxlcdm]{1,7}\b|\p{Lu}-?\d{1,4})(?:\s*,\s*(?:para(?:graph)?s?\.?|¶)\s*\d+)?|(?:para(?:graph)?s?\.?|¶)\s*\d+|art(?:icle)?\.?\s*\S+/iu : /\bpp?\.\s*(?:\d+|[ivxlcdm]{1,7}\b|\p{Lu}-?\d{1,4})(?:\s*,\s*(?:para(?:graph)?s?\.?|¶)\s*\d+)?|(?:para(?:graph)?s?\.?|¶)\s*\d+/iu).exec(text);
  return parseLocator(found?.[0]);
}

/** The next free footnote number in a draft (`[^3]` used → 4). */
export function nextFootnoteNumber(text: string): number {
  let max = 0;
  for (const m of text.matchAll(/\[\^(\d+)\]/g)) max = Math.max(max, Number(m[1]));
  return max + 1;
}
