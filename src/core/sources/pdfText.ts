import type { Block, Span } from '../model';
import { provisionStart } from '../text/paragraphs';
import { trimWhere } from '../text/trim';
import { partitionPoint } from '../text/sorted';

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
  /** The run is drawn turned (vertically in a margin, say) rather than along the page. */
  readonly turned?: boolean;
}

/** The text of a PDF as Verbatim indexes it. */
export interface PdfText {
  /**
   * One paragraph (or heading) per line, a blank line between them and between pages. A
   * paragraph that runs over a page or column break is written whole where it starts; running
   * headers, footers, page and line numbers are left out; words broken at a line end are
   * joined as the document spells them. A table is one paragraph, a row per line (`tables`).
   */
  readonly text: string;
  /** Offset in `text` where each page starts, page 1 first (an empty page starts where the next does). */
  readonly pageStarts: readonly number[];
  /** Pages (1-based) whose text layer is not text (a broken font encoding, a failed OCR): left out of `text`. */
  readonly unreadablePages: readonly number[];
  /** The first page's title as printed: its largest line(s) near the top, if they read as a title. */
  readonly printedTitle?: string;
  /**
   * Where each table stands in `text`: one paragraph, a row per line, each row its label cell(s)
   * and figures as they stand on one baseline, left to right (see `tableRows`).
   */
  readonly tables: readonly Span[];
  /**
   * The number printed on each page (page 1 first), read from the page numbers in its running
   * headers and footers when they follow the pages' order; undefined for a page before the
   * first numbered one, and absent when the pages show no such numbering.
   */
  readonly printedPages?: readonly (string | undefined)[];
}

interface Line {
  text: string;
  x: number;
  y: number;
  /** Where the line's last run ends. */
  right: number;
  /** The size of the line's longest run (a bold word or a footnote mark in another size does not change it). */
  size: number;
  /** Characters of that longest run. */
  main: number;
  /** A row of a table (see `tableRows`): the table's number on its page. */
  table?: number;
}

/** Rebuilds lines and paragraphs from the text runs of every page. */
export function pdfPagesToText(pages: readonly (readonly PdfTextItem[])[]): PdfText {
  return pdfLinesToText(pages.map(pageLines));
}

/** A page's lines, in reading order, from its runs: opaque, for `pdfLinesToText`. */
export type PdfPageLines = Line[];

/**
 * The lines of a page, in reading order (`pdfLinesToText` rebuilds paragraphs from them). A
 * reader calls it as each page is read, so that the page's runs are garbage while still young
 * rather than kept, with every other page's, to the end of the document.
 */
export function pageLines(items: readonly PdfTextItem[]): PdfPageLines {
  return readingOrder(buildLines(items));
}

/** `pdfPagesToText` over the pages' lines (see `pageLines`). */
export function pdfLinesToText(allLines: readonly PdfPageLines[]): PdfText {
  const unreadablePages: number[] = [];
  const readable = allLines.map((lines, p) => {
    if (!isUnreadable(lines.map((l) => l.text))) return lines;
    unreadablePages.push(p + 1);
    return [];
  });
  const printedTitle = titleOf(readable[0] ?? []);
  const { pages: kept, numbers } = dropRunningLines(readable);
  const pageLines = kept.map(tableRows);
  const printedPages = printedPageNumbers(numbers);
  const words = vocabulary(pageLines);
  const spacing = lineSpacing(pageLines);
  const pageParagraphs = pageLines.map((lines) => joinContinued(paragraphsOf(lines, spacing, words), words));
  // A paragraph cut by a page break continues on the next page without a break of its own,
  // past the footnotes in smaller type at the foot of the page.
  for (let p = 1; p < pageParagraphs.length; p++) {
    const previous = pageParagraphs.slice(0, p).reverse().find((paras) => paras.length > 0);
    const first = pageParagraphs[p][0];
    if (!previous || first === undefined) continue;
    let k = previous.length - 1;
    while (k > 0 && smaller(previous[k], first)) k--;
    // A page all in smaller type has no text for it to go on from but its last paragraph.
    if (smaller(previous[k], first)) k = previous.length - 1;
    const last = previous[k];
    if (last.table || first.table || !continues(last.text, first.text)) continue;
    previous[k] = { text: joinLines(last.text, first.text, words.hyphenated, words.plain), size: last.size };
    pageParagraphs[p].shift();
  }
  let text = '';
  const pageStarts: number[] = [];
  const tables: Span[] = [];
  for (const paragraphs of pageParagraphs) {
    if (paragraphs.length && text) text += '\n\n';
    pageStarts.push(text.length);
    paragraphs.forEach((para, i) => {
      if (i > 0) text += '\n\n';
      if (para.table) tables.push({ start: text.length, end: text.length + para.text.length });
      text += para.text;
    });
  }
  return { text, pageStarts, unreadablePages, tables, ...(printedTitle ? { printedTitle } : {}), ...(printedPages ? { printedPages } : {}) };
}

/**
 * The printed number of every page, from the numbers in each page's running lines. A page's
 * number is one that a nearby page confirms (a page at most three away shows the number that
 * many pages later or earlier), so a date or a volume in the header is not taken for it, and a
 * book whose file leaves out blank pages keeps its numbering. A page that shows none (a
 * chapter's first page) follows the page before it, up to the next numbered one; pages before
 * the first numbered page count back to 1. Numbers may start again from 1 (a document in
 * parts). Undefined when too few pages are confirmed (two, and
 * half of those that show a number), or when the printed numbers are the counted ones.
 */
function printedPageNumbers(numbers: readonly (readonly number[])[]): (string | undefined)[] | undefined {
  const reach = 3;
  // A number many pages show (a year, a volume, a case number, the line numbers of pleading
  // paper, the "12" of "page 3 of 12") numbers no page.
  const pagesWith = new Map<number, number>();
  for (const found of numbers) for (const n of new Set(found)) pagesWith.set(n, (pagesWith.get(n) ?? 0) + 1);
  const candidates = numbers.map((found) => [...new Set(found)].filter((n) => (pagesWith.get(n) ?? 0) <= Math.max(3, numbers.length / 4)));
  // Each page's number: the one the most nearby pages confirm.
  const confirmed: (number | undefined)[] = candidates.map((found, i) => {
    let best: [number, number] | undefined;
    for (const n of found) {
      let votes = 0;
      for (let j = Math.max(0, i - reach); j <= Math.min(numbers.length - 1, i + reach); j++) if (j !== i && candidates[j].includes(n + j - i)) votes++;
      if (votes > 0 && (!best || votes > best[1])) best = [n, votes];
    }
    return best?.[0];
  });
  const numbered = numbers.filter((found) => found.length > 0).length;
  const count = confirmed.filter((n) => n !== undefined).length;
  if (count < 2 || count * 2 < numbered || confirmed.every((n, i) => n === undefined || n === i + 1)) return undefined;
  // A page between two confirmed ones may show its number alone (the blank pages around it left
  // out of the file): a number that fits between its neighbours' is its number.
  const nextConfirmed: number[] = new Array(confirmed.length);
  for (let i = confirmed.length - 1, seen = -1; i >= 0; i--) {
    nextConfirmed[i] = seen;
    if (confirmed[i] !== undefined) seen = i;
  }
  for (let i = 0, before = -1; i < confirmed.length; i++) {
    if (confirmed[i] !== undefined) { before = i; continue; }
    const after = nextConfirmed[i];
    if (before < 0 || after < 0) continue;
    const low = confirmed[before]!;
    const high = confirmed[after]!;
    const fits = candidates[i].find((n) => n > low && n < high && n - low <= i - before + 2);
    if (fits !== undefined) { confirmed[i] = fits; before = i; }
  }
  const labels: (number | undefined)[] = [...confirmed];
  // The next confirmed number after each page.
  const upcoming: (number | undefined)[] = new Array(labels.length);
  for (let i = labels.length - 1, seen: number | undefined; i >= 0; i--) {
    upcoming[i] = seen;
    if (confirmed[i] !== undefined) seen = confirmed[i];
  }
  // A page without a number follows the one before, while that stays below the next confirmed number.
  let previous: number | undefined;
  for (let i = 0; i < labels.length; i++) {
    if (confirmed[i] !== undefined) { previous = confirmed[i]; continue; }
    if (previous !== undefined) {
      const guess = previous + 1;
      if (upcoming[i] === undefined || guess < upcoming[i]!) { labels[i] = guess; previous = guess; }
    }
  }
  // Before the first numbered page: count back, down to 1.
  const first = labels.findIndex((n) => n !== undefined);
  for (let i = first - 1; i >= 0; i--) {
    const guess = labels[i + 1]! - 1;
    if (guess < 1) break;
    labels[i] = guess;
  }
  // A document in parts numbered each from 1 (a court's syllabus, opinion and dissents) keeps
  // each part's numbers: a citation of such a page finds the first page printed so.
  return labels.map((n) => (n === undefined ? undefined : String(n)));
}

/**
 * A character a PDF draws without saying which it is: a glyph whose font maps it to a control
 * character or a private-use code (a symbol font, a formula's letter), or the replacement mark.
 */
// eslint-disable-next-line no-control-regex
const unknownGlyphs = /[\u0000-\u0008\v\f\u000e-\u001f\u007f-\u009f\p{Co}\uFFFD]/gu;

/**
 * Whether a passage is mostly what a PDF draws without text: at least one character in twenty
 * a glyph whose font maps it to a control character or a private-use code (a symbol font, a
 * formula's letters), or the replacement mark. Such passages (labels of figures, fragments of
 * formulas) cannot be quoted as the page shows them and are not indexed; a sentence with a
 * bullet or one symbol of that kind is.
 */
export function isMostlyUnknownGlyphs(text: string): boolean {
  const unknown = text.match(unknownGlyphs)?.length ?? 0;
  return unknown > 0 && unknown * 20 >= text.replace(/\s+/g, '').length;
}

/**
 * The blocks of a PDF's text with each table one paragraph: the numbering rule would cut a
 * table's rows into blocks of their own (short lines that end no sentence read as headings),
 * and a reader counts a table as one block of the page.
 */
export function withTables(blocks: readonly Block[], tables: readonly Span[]): Block[] {
  if (tables.length === 0) return [...blocks];
  const out: Block[] = [];
  let t = 0;
  for (const block of blocks) {
    while (t < tables.length && tables[t].end <= block.start) t++;
    const table = tables[t];
    if (!table || block.end <= table.start || block.start < table.start || block.end > table.end) { out.push(block); continue; }
    const last = out[out.length - 1];
    if (last && last.start === table.start) continue;
    out.push({ start: table.start, end: table.end, kind: 'paragraph', number: block.number });
  }
  return out;
}

/**
 * The blocks passages are read from: each table's rows as blocks of their own, in the table's
 * paragraph and page, so that a row is a passage ("Alabama 18,870 23,022 22,650") found by its
 * label or its figures and cited where the table stands.
 */
export function rowBlocks(text: string, blocks: readonly Block[], tables: readonly Span[]): Block[] {
  if (tables.length === 0) return [...blocks];
  const starts = new Set(tables.map((t) => t.start));
  const out: Block[] = [];
  for (const block of blocks) {
    if (!starts.has(block.start)) { out.push(block); continue; }
    let start = block.start;
    while (start < block.end) {
      const newline = text.indexOf('\n', start);
      const end = newline < 0 || newline > block.end ? block.end : newline;
      if (end > start) out.push({ ...block, start, end });
      start = end + 1;
    }
  }
  return out;
}

/** The page (1-based) of an offset into a PDF's text. */
export function pageAt(pageStarts: readonly number[], offset: number): number {
  // The last page starting at or before the offset (an empty page starts where the next one
  // does; the offset belongs to the last of them), found by halving: a book has hundreds of
  // pages and thousands of blocks.
  return Math.max(1, partitionPoint(pageStarts, (start) => start <= offset));
}

const space = /\s/;

/** Runs → lines, in the order the page draws them: a new line where pdf.js saw one or the baseline moves. */
function buildLines(items: readonly PdfTextItem[]): Line[] {
  // Turned text on a page of upright text is a margin stamp, a print-shop line or an axis label.
  let turned = 0;
  let upright = 0;
  for (const item of items) {
    if (item.turned) turned += item.str.length;
    else upright += item.str.length;
  }
  const dropTurned = turned < upright;
  const lines: Line[] = [];
  let line: Line | undefined;
  let breakNext = true;
  // The line ends in a blank run of its own (not a space inside a run of words).
  let blankRun = false;
  for (const item of items) {
    if (dropTurned && item.turned) {
      breakNext = true;
      continue;
    }
    const size = Math.abs(item.size) || 1;
    if (item.str === '') {
      if (item.hasEOL) breakNext = true;
      continue;
    }
    const blank = item.str.trim() === '';
    // A superscript or a subscript moves the baseline by less than half the size: same line. A
    // gap wider than a word space by far is a gutter, a step back a column before: the run is
    // in another column.
    if (!line || breakNext || Math.abs(item.y - line.y) > Math.max(size, line.size) / 2 || (!blank && (item.x - line.right > Math.max(size, line.size) * 1.2 || item.x < line.right - Math.max(size, line.size) * 2))) {
      if (blank) {
        breakNext = item.hasEOL;
        continue;
      }
      line = { text: item.str, x: item.x, y: item.y, right: item.x + item.width, size, main: item.str.trim().length };
      lines.push(line);
      blankRun = false;
    } else {
      const gap = item.x - line.right;
      // A blank run between two letters that touch on the page is no space: small capitals
      // drawn in two sizes ("J" "USTICE") come with one.
      if (blankRun && !blank && Math.abs(gap) < size * 0.05 && /\p{L}\s+$/u.test(line.text) && /^\p{L}/u.test(item.str)) line.text = line.text.trimEnd();
      // Words placed one by one leave a gap instead of a space character.
      const before = line.text[line.text.length - 1];
      const after = item.str[0];
      if (gap > size * 0.15 && !space.test(before) && !space.test(after) && !(wideScript.test(before) && wideScript.test(after))) line.text += ' ';
      line.text += item.str;
      // A blank run may stretch over a gutter: it does not move the line's end.
      if (!blank) line.right = Math.max(line.right, item.x + item.width);
      blankRun = blank;
      const chars = item.str.trim().length;
      if (chars > line.main) {
        line.main = chars;
        line.size = size;
      }
    }
    breakNext = item.hasEOL;
  }
  for (const l of lines) l.text = l.text.replace(/\s+/g, ' ').trim();
  return lines.filter((l) => l.text !== '');
}

/**
 * Lines in reading order where the page draws columns line by line across them (a column's
 * line, then the line beside it in the next column): the page is read in bands between lines
 * that cross a gutter, each band column by column, top to bottom. A page drawn column by
 * column is left in the order it is drawn.
 */
function readingOrder(lines: Line[]): Line[] {
  let beside = 0;
  for (let i = 1; i < lines.length; i++) {
    if (Math.abs(lines[i].y - lines[i - 1].y) < lines[i].size * 0.3 && lines[i].x > lines[i - 1].right) beside++;
  }
  // Most pages stop here: the work below is a function of its own, so that V8 does not throw
  // away the compiled test of every page each time a page with columns first reaches it.
  return beside < Math.max(3, lines.length * 0.1) ? lines : readAcross(lines);
}

/** `readingOrder` for a page drawn line by line across its columns. */
function readAcross(lines: Line[]): Line[] {
  const left = Math.floor(Math.min(...lines.map((l) => l.x)));
  const right = Math.ceil(Math.max(...lines.map((l) => l.right)));
  const width = right - left;
  const sizes = lines.map((l) => l.size).sort((a, b) => a - b);
  const size = sizes[Math.floor(sizes.length / 2)];
  // Gutters: runs of the page's width that no line narrower than most of the page covers.
  const covered = new Uint8Array(width + 1);
  for (const l of lines) {
    if (l.right - l.x > width * 0.6) continue;
    for (let x = Math.max(0, Math.floor(l.x - left)); x <= Math.min(width, Math.ceil(l.right - left)); x++) covered[x] = 1;
  }
  const starts = [left];
  const ends: number[] = [];
  for (let x = 1; x < width; x++) {
    if (covered[x]) continue;
    let end = x;
    while (end < width && !covered[end]) end++;
    if (end - x >= size * 0.8) {
      ends.push(left + x);
      starts.push(left + end);
    }
    x = end;
  }
  ends.push(right);
  if (starts.length < 2) return lines;
  const columnOf = (l: Line): number => {
    let c = 0;
    while (c + 1 < starts.length && l.x >= starts[c + 1] - size * 0.5) c++;
    return c;
  };
  const crosses = (l: Line): boolean => l.right > ends[columnOf(l)] + size;
  const sorted = lines.map((l, i) => ({ l, i })).sort((a, b) => b.l.y - a.l.y || a.i - b.i).map((e) => e.l);
  const out: Line[] = [];
  let band: Line[] = [];
  const flush = (): void => {
    for (let c = 0; c < starts.length; c++) out.push(...band.filter((l) => columnOf(l) === c));
    band = [];
  };
  for (const l of sorted) {
    if (crosses(l)) {
      flush();
      out.push(l);
    } else {
      band.push(l);
    }
  }
  flush();
  return out;
}

/**
 * A cell that is a figure: a digit and no letter ("12,529", "4.5%", "$1,200", "(3.2)"); not a
 * list of numbers ("214–18, 219–21, 228"), as an index's entries go on from line to line.
 */
function isFigure(text: string): boolean {
  return /\d/.test(text) && !/\p{L}/u.test(text) && !/[,;] /.test(text);
}

/** A row being rebuilt: the cells that stand on one baseline, left to right. */
interface Band {
  readonly y: number;
  readonly size: number;
  readonly cells: Line[];
}

/**
 * A page's tables, rebuilt row by row. A page draws a table cell by cell, often column by
 * column, so its cells come as lines of their own, read one under the other ("18,870" "23,022"
 * … then "Alaska" "209" …). A row is the cells that stand on one baseline, apart from each
 * other, short, with at least one figure among them; a table is rows one under the other
 * whose figures stand in the same columns (three rows, or a row of three cells, at least),
 * with the row of column titles right above it. Each row becomes one line, its cells left to
 * right ("Alabama 18,870 23,022 22,650"), and the table stands where its first cell did. A row
 * whose label runs over several lines is left as it was. Not a table: a list of contents (a title, then a page number that grows down the list),
 * text beside a figure in another column (lines of many words). Pages without two figures
 * standing alone are returned as they are.
 */
function tableRows(lines: Line[]): Line[] {
  let figures = 0;
  for (const l of lines) if (isFigure(l.text) && ++figures >= 2) break;
  if (figures < 2) return lines;
  const bands: Band[] = [];
  for (const l of [...lines].sort((a, b) => b.y - a.y)) {
    const band = bands[bands.length - 1];
    if (band && Math.abs(band.y - l.y) <= Math.min(band.size, l.size) * 0.35) band.cells.push(l);
    else bands.push({ y: l.y, size: l.size, cells: [l] });
  }
  // The line read after each: text that goes on in lower case there is a sentence, or a cell of
  // several lines, which a row of one baseline would cut.
  const next = new Map<Line, Line>();
  for (let i = 1; i < lines.length; i++) next.set(lines[i - 1], lines[i]);
  const goesOn = (l: Line): boolean => !sentenceEnd.test(l.text) && /^\p{Ll}/u.test(next.get(l)?.text ?? '');
  const rows = bands.filter((band) => {
    if (band.cells.length < 2) return false;
    band.cells.sort((a, b) => a.x - b.x);
    let hasFigure = false;
    for (let i = 0; i < band.cells.length; i++) {
      const cell = band.cells[i];
      // Cells stand apart; the first may be a label of some words, the others are short.
      if (i > 0 && cell.x < band.cells[i - 1].right - cell.size * 0.2) return false;
      if (!spacesAtMost(cell.text, i === 0 ? 11 : 5)) return false;
      if (isFigure(cell.text)) hasFigure = true;
      // An index's entry ("Hawthorne, Nathaniel, 213, 214"), words that go on below, or a label
      // that began on the line above ("over $174,850" under "At least $100,000 but not").
      else if (/[,;] \d/.test(cell.text) || goesOn(cell) || (i === 0 && /^\p{Ll}/u.test(cell.text))) return false;
    }
    return hasFigure;
  });
  // Rows one under the other, sharing a column of figures, make a table.
  const tables: Band[][] = [];
  const sharesColumn = (a: Band, b: Band): boolean =>
    a.cells.some((p) => isFigure(p.text) && b.cells.some((q) => isFigure(q.text) && ((q.x < p.right && p.x < q.right) || Math.abs(q.right - p.right) <= Math.max(p.size, q.size))));
  for (const row of rows) {
    const table = tables[tables.length - 1];
    const last = table?.[table.length - 1];
    if (table && last && last.y - row.y <= Math.max(last.size, row.size) * 4 && sharesColumn(last, row)) table.push(row);
    else tables.push([row]);
  }
  // Two rows of two cells are as likely the lines of two columns of text (an index's page numbers).
  const kept = tables.filter((table) => (table.length >= 3 || table.some((row) => row.cells.length >= 3)) && !isContents(table));
  if (kept.length === 0) return lines;
  // The rows of column titles right above a table: short cells, each over a column of it. A
  // title may run over several lines ("At" over "least", "But" over "less" over "than"): a cell
  // that goes on in lower case under a title is read with it, and the title is one cell of one
  // row ("At least", "But less than"); a line of titles that starts anew is a row of its own.
  const parts = new Map<Line, Line[]>();
  for (const table of kept) {
    const above: Band[] = [];
    for (let b = bands.indexOf(table[0]) - 1, below = table[0]; b >= 0 && above.length < 4; b--) {
      const band = bands[b];
      const gap = band.y - below.y;
      if (gap > Math.max(band.size, below.size) * (below === table[0] ? 2.5 : 1.5) || rows.includes(band)) break;
      const overColumn = (cell: Line): boolean => spacesAtMost(cell.text, 5) && table.some((row) => row.cells.some((c) => c.x < cell.right && cell.x < c.right));
      if (!band.cells.every(overColumn)) break;
      above.unshift(band);
      below = band;
    }
    const titles: Band[] = [];
    for (const band of above) {
      const cells = [...band.cells].sort((a, b) => a.x - b.x);
      const row = titles[titles.length - 1];
      if (cells.every((c) => !/^\p{Ll}/u.test(c.text))) { titles.push({ y: band.y, size: band.size, cells }); continue; }
      // Lower-case words under no title of the row above are no title's second line.
      const under = (c: Line): Line | undefined => row?.cells.find((t) => t.x < c.right && c.x < t.right);
      if (!row || !cells.every((c) => !/^\p{Ll}/u.test(c.text) || under(c))) { titles.length = 0; continue; }
      for (const c of cells) {
        const title = under(c);
        if (!title || !/^\p{Ll}/u.test(c.text)) { titles.length = 0; break; }
        const i = row.cells.indexOf(title);
        const merged: Line = { ...title, text: `${title.text} ${c.text}`, x: Math.min(title.x, c.x), right: Math.max(title.right, c.right) };
        parts.set(merged, [...(parts.get(title) ?? [title]), c]);
        row.cells[i] = merged;
      }
    }
    table.unshift(...titles.filter((row) => row.cells.length >= 2));
  }
  const rowOf = new Map<Line, { table: number; row: Band }>();
  kept.forEach((table, t) => {
    for (const row of table) {
      // A cell in no column of the table's other rows is text beside it (a heading of the next
      // column on a row's baseline): it stays a line of its own.
      const inColumn = (cell: Line): boolean => table.some((other) => other !== row && other.cells.some((c) => c.x < cell.right && cell.x < c.right));
      row.cells.splice(0, row.cells.length, ...row.cells.filter(inColumn));
      for (const cell of row.cells) for (const part of parts.get(cell) ?? [cell]) rowOf.set(part, { table: t, row });
    }
  });
  const out: Line[] = [];
  const placed = new Set<number>();
  for (const l of lines) {
    const at = rowOf.get(l);
    if (!at) { out.push(l); continue; }
    if (placed.has(at.table)) continue;
    placed.add(at.table);
    const table = kept[at.table];
    // Copies of one table side by side are read one after the other, each row of each copy a row.
    const starts = copiesOf(table, bands);
    for (let copy = 0; copy < starts.length; copy++) {
      const from = copy === 0 ? -Infinity : starts[copy] - table[0].size;
      const to = copy + 1 < starts.length ? starts[copy + 1] - table[0].size : Infinity;
      const copy0 = out.length;
      // A row of one or two figures and no word (a tax table's "5,000" over the block of rows it
      // heads) is no passage on its own: it is read with the row below it, or above at the foot.
      let heading: Line[] = [];
      for (const row of table) {
        const cells = row.cells.filter((c) => c.x >= from && c.x < to);
        if (cells.length === 0) continue;
        if (isFigureHeading(cells)) { heading.push(...cells); continue; }
        const all = [...heading, ...cells];
        heading = [];
        out.push({
          text: all.map((c) => c.text).join(' '), x: cells[0].x, y: row.y, right: cells[cells.length - 1].right,
          size: cells[0].size, main: cells[0].main, table: at.table,
        });
      }
      const last = out[out.length - 1];
      if (heading.length && last && out.length > copy0) last.text = [last.text, ...heading.map((c) => c.text)].join(' ');
      else if (heading.length) {
        out.push({
          text: heading.map((c) => c.text).join(' '), x: heading[0].x, y: heading[0].y, right: heading[heading.length - 1].right,
          size: heading[0].size, main: heading[0].main, table: at.table,
        });
      }
    }
  }
  return out;
}

/** A table's row of one or two figures and no word ("5,000", "2019 2020"). */
function isFigureHeading(cells: readonly Line[]): boolean {
  return cells.every((c) => isFigure(c.text)) && cells.reduce((n, c) => n + c.text.trim().split(/\s+/).length, 0) <= 2;
}

/**
 * Where each copy of a table printed several times side by side starts (a tax table in three
 * parts across the page): a line of column titles on it or above it that repeats the same titles from
 * its first column on ("At" "But" "Single" "Married", "At" "But" …). One start for any other table.
 */
function copiesOf(table: readonly Band[], bands: readonly Band[]): number[] {
  // Titles of several lines are rows of their own making: the search starts at the first row drawn as it is.
  const top = table.find((row) => bands.includes(row)) ?? table[0];
  const left = Math.min(...table.map((row) => row.cells[0]?.x ?? Infinity));
  for (let b = bands.indexOf(top); b >= 0 && bands[b].y - top.y <= top.size * 8; b--) {
    const cells = [...bands[b].cells].sort((a, c) => a.x - c.x);
    const n = cells.length;
    if (n < 4 || Math.abs(cells[0].x - left) > top.size * 2) continue;
    for (let period = 2; period * 2 <= n; period++) {
      if (n % period !== 0 || !cells.every((c, i) => c.text === cells[i % period].text)) continue;
      const starts: number[] = [];
      for (let i = 0; i < n; i += period) starts.push(cells[i].x);
      return starts;
    }
  }
  return [-Infinity];
}

/** A list of contents laid out as a table: most rows a title, then one page number, the numbers growing down the list. */
function isContents(table: readonly Band[]): boolean {
  let entries = 0;
  let last = -1;
  for (const row of table) {
    const cells = row.cells;
    const page = cells[cells.length - 1].text;
    if (!/^(?:\d{1,4}|[ivxlc]{1,7})$/i.test(page) || cells.slice(0, -1).some((c) => isFigure(c.text))) continue;
    const n = /\d/.test(page) ? Number(page) : -1;
    if (n >= 0 && n < last) return false;
    if (n >= 0) last = n;
    entries++;
  }
  return entries * 3 >= table.length * 2;
}

/** Characters that never belong to text: controls, private-use code points, the replacement character. */
const notText = /[\p{Cc}\p{Co}\uFFFD]/gu;
/** A lower-case letter followed by a capital inside a word ("npVIMeHeHVIe"): OCR of another script, or glyphs mapped to the wrong letters. */
const caseFlip = /\p{Ll}\p{Lu}/u;
/** Letters and digits mixed inside a word ("3anonHHeTCH", "Ko6"), as OCR of another script gives. */
const mixedDigits = /\p{L}\d|\d\p{L}/u;

/**
 * Whether a page's text layer is not text: many characters that text never holds (a font
 * whose encoding is broken), or many words no language writes, as OCR of a poor scan or of
 * another script gives: letters spaced out one by one ("A l e t t e r"), capitals inside
 * words ("npVIMeHeHVIe"), digits inside words ("3anonHHeTCH"), brackets, quotes or bars
 * inside words ("pa3,[1", "4>aKTI!I"). A page with little text is judged on its characters alone.
 */
export function isUnreadable(lines: readonly string[]): boolean {
  let chars = 0;
  let bad = 0;
  let words = 0;
  let odd = 0;
  for (const line of lines) {
    chars += line.length - (line.match(/ /g)?.length ?? 0);
    bad += line.match(notText)?.length ?? 0;
    for (const token of line.split(' ')) {
      // Most words are letters in lower case after the first, with punctuation around: none is
      // odd (tested first: the test below is the slower one, and this one implies a letter).
      if (plainWord.test(token)) {
        if (!wideScript.test(token)) words++;
        continue;
      }
      if (!/\p{L}/u.test(token) || wideScript.test(token)) continue;
      words++;
      const word = trimWhere(token, (c) => !/[\p{L}\p{N}]/u.test(c));
      if (word.length === 1) odd += 0.5;
      else if (/[\p{L}\p{N}][[\]{}"!|\\<>]+[\p{L}\p{N}]/u.test(word) || /,\[/.test(word)) odd++;
      else if (caseFlip.test(word.slice(1)) && !/^(?:\p{Lu}+s|Mc\p{Lu}\p{Ll}+|Mac\p{Lu}\p{Ll}+|\p{Ll}+\p{Lu}\p{Ll}+)$/u.test(word)) odd++;
      else if (mixedDigits.test(word) && !/^(?:\d+(?:st|nd|rd|th|er|[eºª]|re|ème)|\p{Lu}+\d+\p{Lu}*|\d+\p{Lu}+|\p{L}+\d+)$/u.test(word)) odd++;
    }
  }
  if (chars === 0) return false;
  if (bad / chars > 0.05) return true;
  return words >= 30 && odd / words > 0.2;
}

/** A word of letters, lower case after the first, between quotes, brackets and punctuation. */
const plainWord = /^["“‘'([]?\p{L}\p{Ll}+[.,;:!?)\]"”’']*$/u;

/** A word: letters and digits, with an apostrophe, a point or a hyphen inside ("don't", "U.S", "long-term"). */
const wordPattern = /[\p{L}\p{N}]+(?:['’.-][\p{L}\p{N}]+)*/gu;

/** "3", "Page 3", "3 of 12", "- 3 -", "iv": a page number standing alone. */
const barePageNumber = /^(?:(?:page|p\.)\s*)?(?:\d{1,4}(?:\s*(?:of|\/)\s*\d{1,4})?|[ivxlc]{1,7})$|^[-–—]\s*\d{1,4}\s*[-–—]$/i;

/**
 * Running headers and footers: peeling lines from the top and the bottom of each page, every
 * line whose words (numbers aside, so a page number glued on either side does not matter) stand at the
 * same height near the top or the bottom of many pages (a quarter of them, at least three;
 * every page of a short document; or three of nine pages in a row, as a chapter's own header),
 * unless it is a sentence, and bare page numbers; even and odd pages may alternate two headers. Margin line
 * numbers (pleading paper, a printer's ruler) are numbers standing alone at the same place on
 * many pages. A numbered provision is never one.
 */
function dropRunningLines(pages: readonly Line[][]): { pages: Line[][]; numbers: number[][] } {
  const n = pages.filter((lines) => lines.length > 0).length;
  const least = n <= 3 ? Math.max(2, n) : Math.max(3, Math.ceil(n / 4));
  // Numbers left out, so a page number before the words on even pages and after them on odd ones does not matter.
  const signatures = new Map<Line, string>();
  const signature = (l: Line): string => {
    let s = signatures.get(l);
    if (s === undefined) signatures.set(l, (s = l.text.toLowerCase().replace(/[\d\s]+/g, '')));
    return s;
  };
  const place = (l: Line): string => `${l.text}|${Math.round(l.x / 3)}|${Math.round(l.y / 3)}`;
  const byHeight = pages.map((lines) => [...lines].sort((a, b) => b.y - a.y));
  // Where each page's edge lines stand, by words (also for a chapter's own header, on a few nearby pages).
  const pageEdges = byHeight.map((sorted) => {
    const edges = new Map<string, number[]>();
    for (const l of new Set([...sorted.slice(0, 3), ...sorted.slice(-3)])) {
      const ys = edges.get(signature(l));
      if (ys) ys.push(l.y);
      else edges.set(signature(l), [l.y]);
    }
    return edges;
  });
  // The heights each edge line's words stand at, page by page: a running line keeps its place.
  const heights = new Map<string, number[][]>();
  for (const edges of pageEdges) {
    for (const [s, ys] of edges) {
      const list = heights.get(s);
      if (list) list.push(ys);
      else heights.set(s, [ys]);
    }
  }
  const numbers = new Map<string, number>();
  for (const sorted of byHeight) {
    for (const s of new Set(sorted.filter((l) => /^\d{1,3}$/.test(l.text)).map(place))) numbers.set(s, (numbers.get(s) ?? 0) + 1);
  }
  const at = (ys: readonly number[] | undefined, l: Line): boolean => ys?.some((y) => Math.abs(y - l.y) <= l.size * 0.5) ?? false;
  const recurred = new Map<Line, boolean>();
  const recurs = (l: Line, p: number): boolean => {
    let found = recurred.get(l);
    if (found === undefined) recurred.set(l, (found = recursAt(l, p)));
    return found;
  };
  function recursAt(l: Line, p: number): boolean {
    const pagesYs = heights.get(signature(l)) ?? [];
    if (pagesYs.length >= least && pagesYs.filter((ys) => at(ys, l)).length >= least) return true;
    if (n < 6) return false;
    let near = 0;
    for (let q = Math.max(0, p - 4); q <= Math.min(pages.length - 1, p + 4); q++) if (at(pageEdges[q].get(signature(l)), l)) near++;
    return near >= 3;
  }
  // The sizes of the running lines found in place at each edge, by words: a page may draw the
  // same line elsewhere (a first page's footer often stands lower than the others').
  const inPlace = new Map<string, number[]>();
  // The running lines found in place on each page, for the place they hold.
  const slots: Line[][] = byHeight.map(() => []);
  byHeight.forEach((sorted, p) => {
    for (const [edge, fromEdge] of [['top', sorted], ['bottom', [...sorted].reverse()]] as const) {
      for (const l of fromEdge.slice(0, 3)) {
        if (!/\p{L}/u.test(l.text) || !recurs(l, p) || isSentence(l.text)) continue;
        if (!provisionStart.test(l.text)) slots[p].push(l);
        const key = `${edge}|${signature(l)}`;
        const sizes = inPlace.get(key);
        if (sizes) sizes.push(l.size);
        else inPlace.set(key, [l.size]);
      }
    }
  });
  // In about the same size: a title that repeats the running header is printed larger.
  const moved = (l: Line, edge: string): boolean => {
    const sizes = inPlace.get(`${edge}|${signature(l)}`) ?? [];
    if (sizes.length < least) return false;
    const usual = [...sizes].sort((a, b) => a - b)[Math.floor(sizes.length / 2)];
    return Math.abs(l.size - usual) <= usual * 0.15;
  };
  // Whether `least` pages other than page p hold a line that `fits`.
  const pagesWith = (byPage: readonly (readonly Line[])[], p: number, fits: (l: Line) => boolean): boolean => {
    let count = 0;
    for (let q = 0; q < byPage.length && count < least; q++) if (q !== p && byPage[q].some(fits)) count++;
    return count >= least;
  };
  // A few words, without a sentence's end, in the place and size of running lines of many other
  // pages: a running line whose words change (a booklet's section name, each on a few pages).
  // Not on the first page, whose top line often stands where the others' header does (a
  // journal's name, a court's caption).
  const firstPage = pages.findIndex((lines) => lines.length > 0);
  const inRunningPlace = (l: Line, p: number): boolean =>
    p !== firstPage && spacesAtMost(l.text, 4) && /\p{L}/u.test(l.text) && !/[.!?;:]$/.test(l.text)
    && pagesWith(slots, p, (s) => Math.abs(s.y - l.y) <= l.size * 0.5 && Math.abs(s.size - l.size) <= l.size * 0.1 && (Math.abs(s.x - l.x) <= l.size || Math.abs(s.right - l.right) <= l.size));
  // Where each page shows a page number standing alone near an edge.
  const numberSpots = byHeight.map((sorted) => [...sorted.slice(0, 3), ...sorted.slice(-3)].filter((l) => barePageNumber.test(l.text)));
  const numberInPlace = (l: Line, p: number): boolean =>
    pagesWith(numberSpots, p, (s) => Math.abs(s.y - l.y) <= l.size * 0.5 && (Math.abs(s.x - l.x) <= l.size || Math.abs(s.right - l.right) <= l.size));
  // A number with figures beside it on its baseline is a table's cell, unless other pages show a
  // number in its place.
  const amongFigures = (l: Line, p: number): boolean => byHeight[p].some((o) => o !== l && Math.abs(o.y - l.y) < Math.min(o.size, l.size) * 0.3 && isFigure(o.text));
  const running = (l: Line, p: number, edge: string): boolean =>
    !provisionStart.test(l.text) && ((barePageNumber.test(l.text) && (!amongFigures(l, p) || numberInPlace(l, p))) || ((recurs(l, p) || moved(l, edge) || inRunningPlace(l, p)) && !isSentence(l.text)));
  const printed: number[][] = [];
  const kept = pages.map((lines, p) => {
    const sorted = byHeight[p];
    const drop = new Set<Line>();
    const onPage: number[] = [];
    const keep = (l: Line): void => {
      drop.add(l);
      // The numbers a header or footer shows: the page's, among a date's or a volume's; not a
      // margin's line number, which stands at the same place on many pages.
      if ((numbers.get(place(l)) ?? 0) >= least) return;
      // The count of "page 3 of 12" is no page's number.
      for (const m of l.text.matchAll(/(?<!\d)\d{1,5}(?!\d)/g)) if (!/(?:\bof|\/)\s*$/i.test(l.text.slice(0, m.index))) onPage.push(Number(m[0]));
    };
    for (const [edge, fromEdge] of [['top', sorted], ['bottom', [...sorted].reverse()]] as const) {
      for (const l of fromEdge.slice(0, 3)) {
        if (!running(l, p, edge)) {
          // A page number on the baseline of the line that ends the peel, where other pages
          // show theirs, goes too ("1" beside "(Slip Opinion)"); a contents page's numbers stay.
          for (const other of fromEdge) {
            if (other !== l && Math.abs(other.y - l.y) < Math.min(other.size, l.size) * 0.3 && barePageNumber.test(other.text) && numberInPlace(other, p)) keep(other);
          }
          break;
        }
        keep(l);
      }
    }
    printed.push(onPage);
    // Only a line that is a number can be a margin line number (see `numbers`).
    for (const l of lines) if (/^\d{1,3}$/.test(l.text) && (numbers.get(place(l)) ?? 0) >= least) drop.add(l);
    return drop.size ? lines.filter((l) => !drop.has(l)) : lines;
  });
  return { pages: kept, numbers: printed };
}

/** A sentence of some length: body text that a page may repeat with other numbers, never a running header. */
function isSentence(text: string): boolean {
  return /^\p{Lu}/u.test(text) && /[.!?]$/.test(text) && text.split(' ').length >= 8;
}

/** The words of a document, for joining words broken at a line end the way the document writes them elsewhere. */
interface Vocabulary {
  /** Words written with a hyphen inside a line ("long-term"), in lower case. */
  readonly hyphenated: ReadonlySet<string>;
  /** Every word of the document, in lower case, with how often it stands as a word of its own. */
  readonly plain: ReadonlyMap<string, number>;
}

function vocabulary(pages: readonly Line[][]): Vocabulary {
  const hyphenated = new Set<string>();
  const plain = new Map<string, number>();
  for (const lines of pages) {
    for (const l of lines) {
      for (const [word] of l.text.toLowerCase().matchAll(wordPattern)) {
        // The pieces of a hyphenated word are not words of their own.
        if (word.includes('-')) {
          if (/^\p{L}+(?:-\p{L}+)+$/u.test(word)) hyphenated.add(word);
          continue;
        }
        if (/['’.]/.test(word)) for (const part of word.split(/['’.]/)) plain.set(part, (plain.get(part) ?? 0) + 1);
        else plain.set(word, (plain.get(word) ?? 0) + 1);
      }
    }
  }
  return { hyphenated, plain };
}

/** The usual distance between the baselines of two lines of a paragraph, for each size of type (the median step). */
function lineSpacing(pages: readonly Line[][]): Map<number, number> {
  const steps = new Map<number, number[]>();
  for (const lines of pages) {
    for (let i = 1; i < lines.length; i++) {
      const size = Math.round(lines[i].size);
      const step = lines[i - 1].y - lines[i].y;
      if (Math.round(lines[i - 1].size) !== size || step <= size * 0.5 || step >= size * 3) continue;
      const list = steps.get(size);
      if (list) list.push(step);
      else steps.set(size, [step]);
    }
  }
  const spacing = new Map<number, number>();
  for (const [size, list] of steps) {
    list.sort((a, b) => a - b);
    spacing.set(size, list[Math.floor((list.length - 1) / 2)]);
  }
  return spacing;
}

const sentenceEnd = /[.!?…。！？:;][\s"'”’»」』)\]]*$/;

function isShortUnpunctuated(text: string): boolean {
  return !sentenceEnd.test(text) && spacesAtMost(text, 11);
}

/** Whether a text holds at most `most` spaces (its words, counted without cutting it up: this runs on every line). */
function spacesAtMost(text: string, most: number): boolean {
  let count = 0;
  for (let i = text.indexOf(' '); i >= 0; i = text.indexOf(' ', i + 1)) if (++count > most) return false;
  return true;
}

/** A page's lines → its paragraphs, each on one line. */
function paragraphsOf(lines: readonly Line[], spacing: ReadonlyMap<number, number>, words: Vocabulary): Paragraph[] {
  if (lines.length === 0) return [];
  const margin = Math.min(...lines.map((l) => l.x));
  const paragraphs: Paragraph[] = [];
  let current = lines[0].text;
  let size = lines[0].size;
  for (let i = 1; i < lines.length; i++) {
    const previous = lines[i - 1];
    const line = lines[i];
    // A table's rows are one paragraph, a row per line, apart from the text around it.
    if (previous.table !== undefined || line.table !== undefined) {
      if (previous.table !== undefined && previous.table === line.table) {
        current += `\n${line.text}`;
        continue;
      }
      paragraphs.push({ text: current, size, ...(previous.table !== undefined ? { table: true } : {}) });
      current = line.text;
      size = line.size;
      continue;
    }
    const step = previous.y - line.y;
    const usual = spacing.get(Math.round(line.size)) ?? line.size * 1.2;
    // The right edge a full line reaches here: the lines around it, in the same column.
    const fullRight = Math.max(line.right, lines[i - 2]?.right ?? 0);
    const breaks =
      step <= line.size * 0.3 // back up the page: a new column or a box
      || step > usual + Math.max(line.size * 0.3, usual * 0.25) // space between paragraphs
      || Math.abs(line.size - previous.size) > Math.max(1, line.size * 0.15) // a heading in another size
      || provisionStart.test(line.text)
      || (line.x - margin > line.size * 0.8 && previous.x - margin < line.size * 0.5) // first-line indent
      || (isShortUnpunctuated(previous.text) && !/[-,\u00ad\u2010]$/.test(previous.text) && previous.right - previous.x < (line.right - line.x) * 0.8 && !isShortUnpunctuated(line.text)) // a heading line
      || (sentenceEnd.test(previous.text) && previous.right < fullRight - line.size * 4); // the short last line of a paragraph
    if (breaks) {
      paragraphs.push({ text: current, size });
      current = line.text;
      size = line.size;
    } else {
      current = joinLines(current, line.text, words.hyphenated, words.plain);
    }
  }
  paragraphs.push({ text: current, size, ...(lines[lines.length - 1].table !== undefined ? { table: true } : {}) });
  return paragraphs;
}

/** A paragraph of a page, with the size of its first line's type. */
interface Paragraph {
  readonly text: string;
  readonly size: number;
  /** A table: its rows, one per line; never joined to the text around it. */
  readonly table?: boolean;
}

/** A footnote's start: its number or mark, then its text. */
const footnoteMark = /^(?:\d{1,3}|[*†‡§¶])\s/;

/** Whether a paragraph is in type clearly smaller than another's (a footnote beside the text). */
function smaller(a: Paragraph, b: Paragraph): boolean {
  return a.size < b.size * 0.95;
}

/**
 * Whether a block goes on from the one before it: that one stops mid-sentence and this one
 * starts in lower case, or that one ends in a word broken by a hyphen ("2021-" "NCSC-57").
 */
function continues(last: string, first: string): boolean {
  return (!sentenceEnd.test(last) && /^\p{Ll}/u.test(first)) || (/[\p{L}\d][-\u2010\u00ad]$/u.test(last) && /^[\p{L}\d]/u.test(first));
}

/** Joins the paragraphs of a page that a column break, a box or a figure cut mid-sentence; a footnote in smaller type under the text goes on from nothing. */
function joinContinued(paragraphs: Paragraph[], words: Vocabulary): Paragraph[] {
  const out: Paragraph[] = [];
  for (const p of paragraphs) {
    const last = out[out.length - 1];
    if (last !== undefined && !last.table && !p.table && !(smaller(p, last) && footnoteMark.test(p.text)) && continues(last.text, p.text)) out[out.length - 1] = { text: joinLines(last.text, p.text, words.hyphenated, words.plain), size: last.size };
    else out.push(p);
  }
  return out;
}

/** The first page's title: its line(s) in the largest type, near the top, when they hold a few words. */
function titleOf(lines: readonly Line[]): string | undefined {
  if (lines.length < 2) return undefined;
  const top = Math.max(...lines.map((l) => l.y));
  const bottom = Math.min(...lines.map((l) => l.y));
  const upper = lines.filter((l) => l.y >= bottom + (top - bottom) * 0.4 && /\p{L}{2}/u.test(l.text));
  if (upper.length === 0) return undefined;
  const largest = Math.max(...upper.map((l) => l.size));
  const body = [...lines].sort((a, b) => a.size - b.size)[Math.floor(lines.length / 2)].size;
  if (largest < body * 1.15) return undefined;
  const first = lines.findIndex((l) => upper.includes(l) && Math.abs(l.size - largest) < 0.5);
  let title = lines[first].text;
  for (let i = first + 1; i < lines.length && Math.abs(lines[i].size - largest) < 0.5 && lines[i - 1].y - lines[i].y < largest * 2; i++) title = joinLines(title, lines[i].text);
  title = title.replace(/\s+/g, ' ').trim();
  return title.length >= 4 && title.length <= 250 && title.split(' ').length <= 30 ? title : undefined;
}

/**
 * Joins two lines of a paragraph, spelling a word broken at the line end as the document does:
 * a hyphen before a lower-case letter is a break ("pub-" "lish" → "publish") unless the
 * document writes that word with a hyphen elsewhere ("long-" "term" → "long-term"); before a
 * capital or a digit it is kept ("Glaxo-" "SmithKline"), unless the document writes the word
 * whole; a soft hyphen is always dropped; a dash or a slash glued to the word before it is
 * glued to the word after it ("2018–" "23", "https://" "www"), and so is a number's hyphen. pdf.js drops a soft hyphen
 * from the text, so two pieces that are no words of the document, where it writes the whole
 * word elsewhere, are joined as it writes it ("acido" "basique" → "acido-basique"). Lines of
 * Chinese or Japanese are joined without a space.
 */
export function joinLines(first: string, second: string, keepHyphen: ReadonlySet<string> = new Set(), words: ReadonlyMap<string, number> = new Map()): string {
  const mark = first[first.length - 1];
  const head = first.slice(0, -1);
  const before = head[head.length - 1] ?? ' ';
  if (mark === '\u00ad' && /\p{L}/u.test(before)) return head + second;
  if ((mark === '-' || mark === '\u2010') && /\p{L}/u.test(before) && /^[\p{L}\d]/u.test(second)) {
    const broken = lastWord(head);
    const next = (/^[\p{L}\d]+/u.exec(second)?.[0] ?? '').toLowerCase();
    if (keepHyphen.has(`${broken}-${next}`)) return `${head}-${second}`;
    // "Mc-" before a capital is a surname broken at its prefix ("Mc-Cullagh" → "McCullagh").
    if (/^\p{Ll}/u.test(second) || words.has(broken + next) || (broken === 'mc' && head.endsWith('Mc'))) return head + second;
    return `${head}-${second}`;
  }
  if ((mark === '–' || mark === '—' || mark === '/') && !space.test(before) && head !== '' && second !== '') return first + second;
  // A number's hyphen joins it to what follows ("2018-" "19", "2021-" "NCSC-57", "20-" "year-old").
  if ((mark === '-' || mark === '\u2010') && /\d/.test(before) && /^[\p{L}\d]/u.test(second)) return first + second;
  // Chinese and Japanese run on from line to line without a space.
  if (wideScript.test(first[first.length - 1] ?? '') && wideScript.test(second[0] ?? '')) return first + second;
  if (words.size && /\p{Ll}$/u.test(first) && /^\p{Ll}/u.test(second)) {
    const broken = lastWord(first);
    const next = /^\p{L}+/u.exec(second)![0].toLowerCase();
    // Pieces seen once (here) and a whole seen elsewhere: a word broken at a soft hyphen.
    if ((words.get(broken) ?? 0) <= 1 && (words.get(next) ?? 0) <= 1) {
      if (keepHyphen.has(`${broken}-${next}`)) return `${first}-${second}`;
      if (words.has(broken + next)) return first + second;
    }
  }
  return `${first} ${second}`;
}

/** The last word of a text, in lower case, without the punctuation around it. */
function lastWord(text: string): string {
  return trimWhere(text.slice(text.lastIndexOf(' ') + 1), (c) => !/\p{L}/u.test(c)).toLowerCase();
}

const wideScript = /[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]/;
