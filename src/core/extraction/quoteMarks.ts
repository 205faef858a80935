import type { Span } from '../model';

/** A top-level quotation found by its marks. */
export interface MarkedQuote {
  /** Position of the opening mark. */
  readonly open: number;
  /** Position of the closing mark, or the block's end when the quotation does not close in it. */
  readonly close: number;
  /** The text inside the marks, trimmed of white space. */
  readonly inner: Span;
  readonly openMark: string;
  readonly closeMark: string;
  /** True when no closing mark was found before the end of the block. */
  readonly unclosed: boolean;
}

type Family = 'double' | 'single' | 'guillemet' | 'angle' | 'corner' | 'whiteCorner';

interface Opener {
  readonly at: number;
  readonly mark: string;
  readonly family: Family;
}

/** The closing mark that matches an opening one, for inserting and for display. */
export function closingMarkFor(open: string): string {
  switch (open) {
    case '“': return '”';
    case '„': return '“';
    case '‘': return '’';
    case '«': return '»';
    case '‹': return '›';
    case '「': return '」';
    case '『': return '』';
    case '”': return '”';
    default: return open;
  }
}

const letterOrDigit = /[\p{L}\p{N}]/u;
const opensBefore = /[\s([{\u2014\u2013\-:/>*_]/u;

/**
 * Pairs quotation marks inside one block and returns the outermost quotations, in order.
 * Nested quotations (‘…’ inside “…”, 『…』 inside 「…」) stay part of their outer quotation.
 * Apostrophes (don’t, voters’) are told apart from closing single quotes by what follows them.
 * Straight quotes open after a space or the start and close otherwise. A closing ” that stands
 * where only an opening mark can stand (start of a paragraph, after a space, before a letter)
 * is read as an opening mark, a common typesetting slip.
 */
export function findMarkedQuotes(text: string, block: Span): MarkedQuote[] {
  const found: MarkedQuote[] = [];
  const stack: Opener[] = [];
  const top = (): Opener | undefined => stack[stack.length - 1];
  const hasOpen = (family: Family): boolean => stack.some((o) => o.family === family);
  const atWordStart = (i: number): boolean =>
    (i === block.start || opensBefore.test(text[i - 1]) || isOpeningMark(text[i - 1])) && i + 1 < block.end && !/\s/.test(text[i + 1]);

  const close = (family: Family, at: number, mark: string): void => {
    let index = stack.length - 1;
    while (index >= 0 && stack[index].family !== family) index--;
    if (index < 0) return;
    const opener = stack[index];
    stack.length = index;
    if (stack.length === 0) {
      found.push({ open: opener.at, close: at, inner: trimmed(text, opener.at + 1, at), openMark: opener.mark, closeMark: mark, unclosed: false });
    }
  };

  for (let i = block.start; i < block.end; i++) {
    const ch = text[i];
    switch (ch) {
      case '“':
        if (top()?.mark === '„') close('double', i, ch);
        else stack.push({ at: i, mark: ch, family: 'double' });
        break;
      case '„':
        stack.push({ at: i, mark: ch, family: 'double' });
        break;
      case '”':
        if (hasOpen('double')) close('double', i, ch);
        else if (atWordStart(i) && laterInBlock(text, i + 1, block.end, '”')) stack.push({ at: i, mark: ch, family: 'double' });
        break;
      case '"':
        // Straight quotes do not nest in practice: one closes whatever double quotation is open.
        if (hasOpen('double')) close('double', i, ch);
        else if (atWordStart(i)) stack.push({ at: i, mark: ch, family: 'double' });
        break;
      case '‘':
        if (i === block.start || !letterOrDigit.test(text[i - 1])) stack.push({ at: i, mark: ch, family: 'single' });
        break;
      case '’':
        // An apostrophe is followed by a letter (don’t) or closes a plural possessive that no
        // single quotation is waiting for; a closing mark is followed by anything else.
        if (hasOpen('single') && !letterOrDigit.test(text[i + 1] ?? '')) close('single', i, ch);
        break;
      case '«': stack.push({ at: i, mark: ch, family: 'guillemet' }); break;
      case '»': close('guillemet', i, ch); break;
      case '‹': stack.push({ at: i, mark: ch, family: 'angle' }); break;
      case '›': close('angle', i, ch); break;
      case '「': stack.push({ at: i, mark: ch, family: 'corner' }); break;
      case '」': close('corner', i, ch); break;
      case '『': stack.push({ at: i, mark: ch, family: 'whiteCorner' }); break;
      case '』': close('whiteCorner', i, ch); break;
      default: break;
    }
  }
  const outer = stack[0];
  if (outer) {
    found.push({ open: outer.at, close: block.end, inner: trimmed(text, outer.at + 1, block.end), openMark: outer.mark, closeMark: '', unclosed: true });
  }
  return found.filter((q) => q.inner.end > q.inner.start);
}

/** True for a mark that can open a quotation. */
export function isOpeningMark(ch: string | undefined): boolean {
  return ch !== undefined && '“„‘«‹「『"'.includes(ch);
}

function laterInBlock(text: string, from: number, end: number, mark: string): boolean {
  const at = text.indexOf(mark, from);
  return at >= 0 && at < end;
}

function trimmed(text: string, start: number, end: number): Span {
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return { start, end };
}
