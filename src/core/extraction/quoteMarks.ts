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

/**
 * Which marks delimit a source's top-level quotations. American and most news prose quotes
 * with double marks and keeps single ones for quotations inside quotations (and for
 * headlines); British prose does the reverse. Guillemets and CJK corner brackets are
 * top-level in either style.
 */
export type QuoteStyle = 'double' | 'single';

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
const space = /\s/;
/** What may stand right before an opening mark: a space, a bracket, a dash, a slash, another mark. */
const beforeOpening = /[\s([{\-–—―/:>*_“”"'‘’«»]/;
/** What may stand right after a closing mark: a space, punctuation, a bracket, a dash, another mark. */
const afterClosing = /[\s.,;:!?)\]}\-–—―…<*_'‘’“”"»]/;

/**
 * Pairs quotation marks inside one block and returns the outermost quotations, in order.
 *
 * Writers and typesetters mix and misuse marks, so a mark's role comes from where it stands
 * before what it looks like: a mark after a space (or a bracket, a dash, the block's start)
 * and before a word opens; one after a word and before a space or punctuation closes. Only
 * when its neighbours leave the role open does the glyph decide (“ opens, ” closes, a
 * straight " closes when a quotation is open). So `“…"`, `"…”`, a paragraph opening with
 * ” and `her here,“ said` all pair as a reader pairs them. A closing mark with nothing open
 * is a mistyped opening mark when the next mark closes too (`He says,” there … to.”`), and
 * is ignored otherwise.
 *
 * Quotations inside quotations stay part of the outer one. Which marks are top-level depends
 * on the source's style (see `QuoteStyle`; by default it is read off the whole text): in a
 * double-quoting source, single marks are nested quotations, headline quotes or apostrophes,
 * never quotations of their own. Marks inside HTML-like tags (`<tweet author="…">`) are not
 * quotation marks.
 */
export function findMarkedQuotes(text: string, block: Span, style: QuoteStyle = quoteStyleOf(text)): MarkedQuote[] {
  const found: MarkedQuote[] = [];
  const stack: Opener[] = [];
  const primary: Family = style;
  // Open marks per family, so that asking whether one is open costs nothing even when a
  // hostile block leaves 100,000 marks open.
  const openCount = new Map<Family, number>();
  const hasOpen = (family: Family): boolean => (openCount.get(family) ?? 0) > 0;
  const open = (at: number, mark: string, family: Family): void => {
    stack.push({ at, mark, family });
    openCount.set(family, (openCount.get(family) ?? 0) + 1);
  };
  const close = (family: Family, at: number, mark: string): boolean => {
    if (!hasOpen(family)) return false;
    let index = stack.length - 1;
    while (stack[index].family !== family) index--;
    const opener = stack[index];
    // Every mark scanned here leaves the stack, so the scans add up to the number of marks.
    for (let k = index; k < stack.length; k++) openCount.set(stack[k].family, openCount.get(stack[k].family)! - 1);
    stack.length = index;
    if (stack.length === 0) {
      found.push({ open: opener.at, close: at, inner: trimmed(text, opener.at + 1, at), openMark: opener.mark, closeMark: mark, unclosed: false });
    }
    return true;
  };

  for (let i = block.start; i < block.end; i++) {
    const ch = text[i];
    if (ch === '<') {
      const tagEnd = markupTagEnd(text, i, block.end);
      if (tagEnd > i) i = tagEnd - 1;
      continue;
    }
    const family = familyOf(ch);
    if (family === undefined) continue;
    // Marks of the other style are nested quotations or apostrophes: part of the text.
    if ((family === 'double' || family === 'single') && family !== primary) continue;
    // An attribute's value in markup that a line break splits (`<tweet date="March 9⏎">`) is
    // no quotation: skip it, to its closing mark or the block's end, and a `">` that ends one.
    if (ch === '"' && text[i - 1] === '=') {
      const valueEnd = text.indexOf('"', i + 1);
      i = valueEnd >= 0 && valueEnd < block.end ? valueEnd : block.end;
      continue;
    }
    if (ch === '"' && text[i + 1] === '>') continue;
    if (family === 'double' || family === 'single') {
      let role: Role | 'none' = roleOf(text, i, block);
      if (family === 'single') role = singleRole(text, i, role, hasOpen('single'));
      if (role === 'none') continue;
      if (role === 'either') {
        if (ch === '„' || ch === '‘' || ch === '“') role = ch === '“' && stack[stack.length - 1]?.mark === '„' ? 'close' : 'open';
        else role = hasOpen(family) || ch !== '"' ? 'close' : 'open';
      }
      if (role === 'open') open(i, ch, family);
      else if (role === 'close' && !close(family, i, ch) && stack.length === 0 && nextRoleIsClose(text, i + 1, block, family)) {
        open(i, ch, family); // a stray closing mark before another closing one: a mistyped opening mark
      }
      continue;
    }
    // Guillemets and corner brackets have distinct opening and closing glyphs.
    if ('«‹「『'.includes(ch)) open(i, ch, family);
    else close(family, i, ch);
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

let styleCache: { readonly text: string; readonly style: QuoteStyle } | undefined;

/**
 * The quoting style of a whole text: single when marks that open a single quotation (‘ or '
 * at a word's start) outnumber those that open a double one. A single mark inside a double
 * quotation is a quotation inside it, no evidence of style: a short draft quoting someone who
 * quotes two words (“… the word ‘urban’ or ‘city’ …”) is written in double marks. Computed once
 * per text, since callers ask block by block.
 */
export function quoteStyleOf(text: string): QuoteStyle {
  if (styleCache?.text === text) return styleCache.style;
  let doubles = 0;
  let singles = 0;
  // Whether a double quotation is open; a blank line closes what was left open.
  let inDouble = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\n' && text[i + 1] === '\n') inDouble = false;
    if (ch !== '“' && ch !== '"' && ch !== '‘' && ch !== '„' && ch !== '”') continue;
    const before = i > 0 ? text[i - 1] : ' ';
    const after = text[i + 1] ?? ' ';
    const opens = beforeOpening.test(before) && !space.test(after);
    if (ch !== '‘' && inDouble && !space.test(before) && afterClosing.test(after)) {
      inDouble = false;
      continue;
    }
    if (!opens || ch === '”') continue;
    if (ch !== '‘') {
      doubles++;
      inDouble = true;
    } else if (!inDouble) singles++;
  }
  const style: QuoteStyle = singles > doubles ? 'single' : 'double';
  styleCache = { text, style };
  return style;
}

function familyOf(ch: string): Family | undefined {
  switch (ch) {
    case '“': case '”': case '"': case '„': return 'double';
    case '‘': case '’': return 'single';
    case '«': case '»': return 'guillemet';
    case '‹': case '›': return 'angle';
    case '「': case '」': return 'corner';
    case '『': case '』': return 'whiteCorner';
    default: return undefined;
  }
}

type Role = 'open' | 'close' | 'either';

/** Whether the mark at `i` opens or closes, judged by its neighbours inside the block. */
function roleOf(text: string, i: number, block: Span): Role {
  const before = i > block.start ? text[i - 1] : undefined;
  const after = i + 1 < block.end ? text[i + 1] : undefined;
  const canOpen = after !== undefined && !space.test(after) && (before === undefined || beforeOpening.test(before));
  const canClose = before !== undefined && !space.test(before) && (after === undefined || afterClosing.test(after));
  if (canOpen && !canClose) return 'open';
  if (canClose && !canOpen) return 'close';
  return 'either';
}

/**
 * ’ is far more often an apostrophe than a closing mark: inside a word (don’t) it is one,
 * and after a word (voters’) it closes only a single quotation that is open.
 */
function singleRole(text: string, i: number, role: Role, open: boolean): Role | 'none' {
  if (text[i] === '’' || text[i] === "'") {
    if (letterOrDigit.test(text[i - 1] ?? '') && letterOrDigit.test(text[i + 1] ?? '')) return 'none';
    if (role !== 'open' && !open) return 'none';
  }
  if (text[i] === '‘' && letterOrDigit.test(text[i - 1] ?? '')) return 'none';
  return role;
}

/** Whether the next mark of `family` in the block reads as a closing one. */
function nextRoleIsClose(text: string, from: number, block: Span, family: Family): boolean {
  for (let k = from; k < block.end; k++) {
    if (familyOf(text[k]) !== family) continue;
    const role = roleOf(text, k, block);
    return role === 'close' || (role === 'either' && text[k] !== '“' && text[k] !== '‘');
  }
  return false;
}

/** The end of an HTML-like tag starting at `i` (`<tweet author="…">`, `</a>`), or -1. */
function markupTagEnd(text: string, i: number, end: number): number {
  const next = text[i + 1] ?? '';
  if (!/[A-Z/]/i.test(next)) return -1;
  // Tags are short; a lone "<" in prose must not swallow the paragraph.
  const limit = Math.min(end, i + 400);
  for (let k = i + 1; k < limit; k++) {
    if (text[k] === '>') return k + 1;
    if (text[k] === '<' || text[k] === '\n') return -1;
  }
  return -1;
}

function trimmed(text: string, start: number, end: number): Span {
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return { start, end };
}
