import { provisionStart } from '../text/paragraphs';
import { trimWhere } from '../text/trim';

/** A run of text on a PDF page, as pdf.js reports it (only the fields Verbatim reads). */
export interface PdfTextItem {
  readonly str: string;
  /** Where the run's baseline starts, in page units; y grows upwards. */
  readonly x: number;
  readonly y: number;
  /** Advance width of the run. */
  readonly width: number;
  /** Font size. */
  readonly size: number;
  /** pdf.js saw a line end after this run. */
  readonly hasEOL: boolean;
}

/** The text of a PDF as Verbatim indexes it. */
export interface PdfText {
  /**
   * One paragraph (or heading) per line, a blank line between them and between pages. A
   * paragraph that runs over a page break is written whole where it starts; running headers,
   * footers and bare page numbers are left out; words hyphenated at a line end are joined.
   */
  readonly text: string;
  /** Offset in `text` where each page starts, page 1 first (an empty page starts where the next does). */
  readonly pageStarts: readonly number[];
}

interface Line {
  text: string;
  x: number;
  y: number;
  /** Where the line's last run ends. */
  right: number;
  size: number;
}

/** Rebuilds lines and paragraphs from the text runs of every page. */
export function pdfPagesToText(pages: readonly (readonly PdfTextItem[])[]): PdfText {
  const pageLines = dropRunningLines(pages.map(buildLines));
  const keepHyphen = hyphenatedWords(pageLines);
  const spacing = lineSpacing(pageLines);
  const pageParagraphs = pageLines.map((lines) => paragraphsOf(lines, spacing, keepHyphen));
  // A paragraph cut by a page break continues on the next page without a break of its own.
  for (let p = 1; p < pageParagraphs.length; p++) {
    const previous = pageParagraphs.slice(0, p).reverse().find((paras) => paras.length > 0);
    const first = pageParagraphs[p][0];
    if (!previous || first === undefined) continue;
    const last = previous[previous.length - 1];
    if (!continuesOnNextPage(last, first)) continue;
    previous[previous.length - 1] = joinLines(last, first, keepHyphen);
    pageParagraphs[p].shift();
  }
  let text = '';
  const pageStarts: number[] = [];
  for (const paragraphs of pageParagraphs) {
    if (paragraphs.length && text) text += '\n\n';
    pageStarts.push(text.length);
    text += paragraphs.join('\n\n');
  }
  return { text, pageStarts };
}

/** The page (1-based) of an offset into a PDF's text. */
export function pageAt(pageStarts: readonly number[], offset: number): number {
  let page = 1;
  for (let i = 0; i < pageStarts.length; i++) {
    // An empty page starts where the next one does; the offset belongs to the last of them.
    if (pageStarts[i] <= offset) page = i + 1;
    else break;
  }
  return page;
}

const space = /\s/;

/** Runs → lines, in the order the page draws them: a new line where pdf.js saw one or the baseline moves. */
function buildLines(items: readonly PdfTextItem[]): Line[] {
  const lines: Line[] = [];
  let line: Line | undefined;
  let breakNext = true;
  for (const item of items) {
    const size = Math.abs(item.size) || 1;
    if (item.str === '') {
      if (item.hasEOL) breakNext = true;
      continue;
    }
    // A superscript or a subscript moves the baseline by less than half the size: same line.
    if (!line || breakNext || Math.abs(item.y - line.y) > Math.max(size, line.size) / 2) {
      line = { text: item.str, x: item.x, y: item.y, right: item.x + item.width, size };
      lines.push(line);
    } else {
      const gap = item.x - line.right;
      // Words placed one by one leave a gap instead of a space character.
      const before = line.text[line.text.length - 1];
      const after = item.str[0];
      if (gap > size * 0.15 && !space.test(before) && !space.test(after) && !(wideScript.test(before) && wideScript.test(after))) line.text += ' ';
      line.text += item.str;
      line.right = Math.max(line.right, item.x + item.width);
      line.size = Math.max(line.size, size);
    }
    breakNext = item.hasEOL;
  }
  for (const l of lines) l.text = l.text.replace(/\s+/g, ' ').trim();
  return lines.filter((l) => l.text !== '');
}

/** "3", "Page 3", "3 of 12", "- 3 -", "iv": a page number standing alone. */
const barePageNumber = /^(?:(?:page|p\.)\s*)?(?:\d{1,4}(?:\s*(?:of|\/)\s*\d{1,4})?|[ivxlc]{1,7})$|^[-–—]\s*\d{1,4}\s*[-–—]$/i;

/**
 * Running headers and footers: the top and bottom line of each page (and the line next to it
 * when that one stands apart from the text, as a two-line header does) that stand at the same
 * height with the same words (numbers aside) on at least half the pages; and bare page numbers
 * wherever they stand there. A numbered provision is never one.
 */
function dropRunningLines(pages: readonly Line[][]): Line[][] {
  const edgeLines = pages.map((lines) => {
    const byHeight = [...lines].sort((a, b) => b.y - a.y);
    const edges = new Set<Line>();
    const n = byHeight.length;
    if (n === 0) return edges;
    edges.add(byHeight[0]).add(byHeight[n - 1]);
    // The second line from an edge counts when a gap of more than two lines parts it from the text.
    if (n >= 3 && byHeight[1].y - byHeight[2].y > byHeight[1].size * 2.4) edges.add(byHeight[1]);
    if (n >= 3 && byHeight[n - 3].y - byHeight[n - 2].y > byHeight[n - 2].size * 2.4) edges.add(byHeight[n - 2]);
    return edges;
  });
  const signature = (l: Line): string => `${Math.round(l.y)}|${l.text.toLowerCase().replace(/\d+/g, '#')}`;
  const counts = new Map<string, number>();
  for (const edges of edgeLines) {
    for (const s of new Set([...edges].map(signature))) counts.set(s, (counts.get(s) ?? 0) + 1);
  }
  const enough = Math.max(2, Math.ceil(pages.length / 2));
  return pages.map((lines, p) => lines.filter((l) => {
    if (!edgeLines[p].has(l) || provisionStart.test(l.text)) return true;
    if (barePageNumber.test(l.text)) return false;
    return (counts.get(signature(l)) ?? 0) < enough;
  }));
}

/** Words written with a hyphen inside a line somewhere in the document ("long-term"): a line-end hyphen in them is kept. */
function hyphenatedWords(pages: readonly Line[][]): Set<string> {
  const words = new Set<string>();
  for (const lines of pages) {
    for (const l of lines) {
      for (const token of l.text.split(' ')) {
        const word = trimWhere(token, (c) => !/\p{L}/u.test(c));
        if (/^\p{L}+(?:-\p{L}+)+$/u.test(word)) words.add(word.toLowerCase());
      }
    }
  }
  return words;
}

/** The usual distance between the baselines of two lines of a paragraph (the median step). */
function lineSpacing(pages: readonly Line[][]): number {
  const steps: number[] = [];
  for (const lines of pages) {
    for (let i = 1; i < lines.length; i++) {
      const step = lines[i - 1].y - lines[i].y;
      if (step > lines[i].size * 0.5 && step < lines[i].size * 3) steps.push(step);
    }
  }
  if (steps.length === 0) return 0;
  steps.sort((a, b) => a - b);
  return steps[Math.floor((steps.length - 1) / 2)];
}

const sentenceEnd = /[.!?…。！？:;][\s"'”’»」』)\]]*$/;

function isShortUnpunctuated(text: string): boolean {
  return !sentenceEnd.test(text) && text.split(' ').length <= 12;
}

/** A page's lines → its paragraphs, each on one line. */
function paragraphsOf(lines: readonly Line[], spacing: number, keepHyphen: ReadonlySet<string>): string[] {
  if (lines.length === 0) return [];
  const margin = Math.min(...lines.map((l) => l.x));
  const rights = lines.map((l) => l.right).sort((a, b) => a - b);
  // The right edge of a full line: most lines of a page of prose reach it.
  const fullRight = rights[Math.floor(rights.length * 0.75)];
  const paragraphs: string[] = [];
  let current = lines[0].text;
  for (let i = 1; i < lines.length; i++) {
    const previous = lines[i - 1];
    const line = lines[i];
    const step = previous.y - line.y;
    const usual = spacing || previous.size * 1.2;
    const breaks =
      step <= 0 // back up the page: a new column or a box
      || step > usual * 1.4 // space between paragraphs
      || Math.abs(line.size - previous.size) > 1 // a heading in another size
      || provisionStart.test(line.text)
      || (line.x - margin > line.size * 0.8 && previous.x - margin < line.size * 0.5) // first-line indent
      || (isShortUnpunctuated(previous.text) && !/[-,\u00ad\u2010]$/.test(previous.text) && previous.right < fullRight * 0.8 && !isShortUnpunctuated(line.text)) // a heading line
      || (sentenceEnd.test(previous.text) && previous.right < fullRight - line.size * 4); // the short last line of a paragraph
    if (breaks) {
      paragraphs.push(current);
      current = line.text;
    } else {
      current = joinLines(current, line.text, keepHyphen);
    }
  }
  paragraphs.push(current);
  return paragraphs;
}

/** Whether the last paragraph of a page goes on at the top of the next: it ends mid-sentence and the next page starts in lower case. */
function continuesOnNextPage(last: string, first: string): boolean {
  return !sentenceEnd.test(last) && !isShortUnpunctuated(last) && /^\p{Ll}/u.test(first);
}

/**
 * Joins two lines of a paragraph. A word broken by a hyphen at the line end is joined
 * ("pub-" "lish" → "publish") unless the document writes that word with a hyphen elsewhere
 * ("long-" "term" → "long-term"); a soft hyphen is always dropped. Lines of Chinese or Japanese
 * are joined without a space.
 */
export function joinLines(first: string, second: string, keepHyphen: ReadonlySet<string> = new Set()): string {
  const mark = first[first.length - 1];
  const head = first.slice(0, -1);
  const next = /^\p{Ll}\p{L}*/u.exec(second);
  if ((mark === '-' || mark === '\u00ad' || mark === '\u2010') && next && /\p{L}$/u.test(head)) {
    const broken = trimWhere(head.slice(head.lastIndexOf(' ') + 1), (c) => !/\p{L}/u.test(c));
    if (mark !== '\u00ad' && keepHyphen.has(`${broken}-${next[0]}`.toLowerCase())) return `${head}-${second}`;
    return head + second;
  }
  // Chinese and Japanese run on from line to line without a space.
  if (wideScript.test(first[first.length - 1] ?? '') && wideScript.test(second[0] ?? '')) return first + second;
  return `${first} ${second}`;
}

const wideScript = /[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]/;
