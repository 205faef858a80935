import type { SourceMeta } from '../model';
import { articleBlocks, findArticle, isHtmlSpace, type ArticleBlock, type Piece } from './htmlArticle';
import { isSpace } from './htmlReadableCache';
import { readHtmlMeta } from './htmlMeta';
import { findAll, parseHtml, type HtmlElement } from './htmlTree';
import { holdsNoProse, readableArticle } from './htmlReadable';

/** A saved web page read as a source: the article as plain text, what the page says about itself, and the way back to the file. */
export interface HtmlSource {
  /**
   * The article as plain text, one block per heading or paragraph with a blank line between
   * (headings marked `# ` so they are not counted as paragraphs), each block on one line.
   * Lined up with the file: each block starts on the line, and where it can at the column,
   * where it starts in the HTML, so the line of a block's start in the text is its line in the file. Where the HTML has two blocks on
   * one line, the blank line between them is made of U+2029 PARAGRAPH SEPARATOR, which
   * `readBlocks` counts as a line break and editors do not.
   */
  readonly text: string;
  readonly meta: Partial<Omit<Record<keyof SourceMeta, string>, 'key'>>;
  /** Text offsets → offsets and positions in the HTML file. */
  readonly offsets: OffsetMap;
  /** Why the text is empty, when it is: the page has no text but scripts would make it, no text at all, or text only in page furniture. */
  readonly emptyBecause?: 'scripted' | 'noText' | 'furniture';
}

/** Which reader chooses a page's article: Mozilla's Readability, or our own scoring (`findArticle`), which also stands in when Readability finds nothing. */
export type HtmlReader = 'readability' | 'own';

/** Reads a saved page. Nothing in it is fetched, executed or rendered. */
export function readHtmlSource(html: string, reader: HtmlReader = 'readability'): HtmlSource {
  const tree = parseHtml(html);
  const readable = reader === 'readability' ? readableArticle(tree) : undefined;
  const blocks = readable ? articleBlocks(tree.root, readable) : articleBlocks(findArticle(tree.root));
  const { text, offsets } = writeBlocks(html, blocks);
  const page: HtmlSource = { text, meta: readHtmlMeta(tree, readable), offsets };
  return text.trim() === '' ? { ...page, emptyBecause: whyEmpty(tree.root) } : page;
}

/** Why a page gave no article: it holds no text a reader would see (and scripts, which would make it), or only furniture's. */
function whyEmpty(root: HtmlElement): 'scripted' | 'noText' | 'furniture' {
  let visible = false;
  const visit = (e: HtmlElement): void => {
    for (const c of e.children) {
      if (c.type === 'text') visible ||= /\S/.test(c.data);
      else if (!holdsNoProse(c)) visit(c);
    }
  };
  visit(root);
  if (visible) return 'furniture';
  // JSON-LD is data, not a script that renders anything.
  return findAll(root, (e) => e.name === 'script' && !/json/i.test(e.attrs.type ?? '')).length ? 'scripted' : 'noText';
}

/** A zero-based line and UTF-16 character, as LSP counts them. */
export interface FilePosition {
  readonly line: number;
  readonly character: number;
}

/** An `OffsetMap` as plain data (see `OffsetMap.toData`). */
export interface OffsetMapData {
  readonly textStarts: readonly number[];
  readonly fileStarts: readonly number[];
  readonly literal: readonly (0 | 1)[];
  readonly lineStarts: readonly number[];
}

/** Where each character of the extracted text comes from in the HTML file. */
export class OffsetMap {
  readonly #textStarts: number[] = [];
  readonly #fileStarts: number[] = [];
  /** True where the text is the file's characters one for one; false for a decoded `&…;` or an added mark. */
  readonly #literal: boolean[] = [];
  readonly #lineStarts: readonly number[];

  /** A map for `html`, or one saved by `toData` (the index cache keeps it so the page is not parsed again). */
  constructor(html: string, saved?: OffsetMapData) {
    if (saved) {
      this.#textStarts = [...saved.textStarts];
      this.#fileStarts = [...saved.fileStarts];
      this.#literal = saved.literal.map((l) => l === 1);
      this.#lineStarts = [...saved.lineStarts];
      return;
    }
    this.#lineStarts = lineStartsOf(html);
  }

  /** The map as plain data, to be given back to the constructor. */
  toData(): OffsetMapData {
    return { textStarts: this.#textStarts, fileStarts: this.#fileStarts, literal: this.#literal.map((l) => (l ? 1 : 0)), lineStarts: this.#lineStarts };
  }

  /** @internal Records that text from `textOffset` on comes from `fileOffset`. */
  add(textOffset: number, fileOffset: number, literal: boolean): void {
    const last = this.#textStarts.length - 1;
    // An empty piece (no padding needed) gives way to the piece that follows it.
    if (last >= 0 && this.#textStarts[last] === textOffset) {
      this.#fileStarts[last] = fileOffset;
      this.#literal[last] = literal;
      return;
    }
    this.#textStarts.push(textOffset);
    this.#fileStarts.push(fileOffset);
    this.#literal.push(literal);
  }

  /** The offset in the HTML file of the text's character at `textOffset`. */
  fileOffset(textOffset: number): number {
    let lo = 0;
    let hi = this.#textStarts.length - 1;
    if (hi < 0) return 0;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.#textStarts[mid] <= textOffset) lo = mid;
      else hi = mid - 1;
    }
    const delta = Math.max(0, textOffset - this.#textStarts[lo]);
    return this.#fileStarts[lo] + (this.#literal[lo] ? delta : 0);
  }

  /** The line and character in the HTML file of a file offset. */
  position(fileOffset: number): FilePosition {
    const line = lineOf(this.#lineStarts, fileOffset);
    return { line, character: fileOffset - this.#lineStarts[line] };
  }

  /** The line and character in the HTML file of the text's character at `textOffset`. */
  filePosition(textOffset: number): FilePosition {
    return this.position(this.fileOffset(textOffset));
  }
}

/**
 * Where each line of the file starts, a line ending at CR LF, CR or LF. Read character by
 * character: a regular expression's matches on a page of a megabyte would each be an object.
 */
function lineStartsOf(html: string): number[] {
  const starts = [0];
  if (!html.includes('\r')) {
    for (let i = html.indexOf('\n'); i >= 0; i = html.indexOf('\n', i + 1)) starts.push(i + 1);
    return starts;
  }
  for (let i = 0; i < html.length; i++) {
    const c = html.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (html.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

function lineOf(lineStarts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Writes the blocks as text lined up with the file (see `HtmlSource.text`), recording the offset map as it goes. */
function writeBlocks(html: string, blocks: readonly ArticleBlock[]): { text: string; offsets: OffsetMap } {
  const offsets = new OffsetMap(html);
  let text = '';
  // The text's line and column as an editor counts them (U+2029 is not a line break there).
  let line = 0;
  let column = 0;
  const emit = (s: string, fileOffset: number, literal: boolean): void => {
    offsets.add(text.length, fileOffset, literal);
    text += s;
    // Most pieces hold no line break: one is looked for only where there is one.
    const breaks = s.includes('\n') || s.includes('\r') ? s.match(/\r\n|\r|\n/g)!.length : 0;
    if (breaks) {
      line += breaks;
      column = s.length - Math.max(s.lastIndexOf('\n'), s.lastIndexOf('\r')) - 1;
    } else {
      column += s.length;
    }
  };
  /**
   * Writes the words of a run from `from` to `to`, each run of white space between them one
   * space (none after white space). Words and the single spaces between them that the file
   * already has are the file's characters one for one: they are written, and mapped, as one
   * stretch. Returns whether what was written last is white space.
   */
  const writeRun = (piece: Piece & { kind: 'run' }, from: number, to: number, lastWasSpace: boolean): boolean => {
    const data = piece.data;
    let stretch = -1;
    const close = (end: number): void => {
      if (stretch < 0) return;
      offsets.add(text.length, piece.start + stretch, true);
      // No line break: the stretch holds no HTML white space but single U+0020 spaces.
      text += data.slice(stretch, end);
      column += end - stretch;
      stretch = -1;
    };
    for (let i = from; i < to; ) {
      const code = data.charCodeAt(i);
      let j = i + 1;
      if (isHtmlSpace(code)) {
        while (j < to && isHtmlSpace(data.charCodeAt(j))) j++;
        if (lastWasSpace) {
          close(i);
        } else if (j === i + 1 && code === 32) {
          if (stretch < 0) stretch = i;
        } else {
          // A block is one line, as a browser flows it: `readBlocks` would take a hard-wrapped
          // line of a few words for a heading. The file's line breaks are caught up before the next block.
          close(i);
          emit(' ', piece.start + i, false);
        }
        lastWasSpace = true;
      } else {
        while (j < to && !isHtmlSpace(data.charCodeAt(j))) j++;
        if (stretch < 0) stretch = i;
        lastWasSpace = isSpace(data.charCodeAt(j - 1));
      }
      i = j;
    }
    close(to);
    return lastWasSpace;
  };
  for (const block of blocks) {
    const pieces = block.pieces;
    const bounds = trimmedBounds(pieces);
    if (!bounds) continue;
    const { first, from, last, to } = bounds;
    const firstPiece = pieces[first];
    const start = firstPiece.start + (firstPiece.kind === 'run' ? from : 0);
    const at = offsets.position(start);
    // A blank line before the block, made of the file's own line breaks where it has enough.
    const gap = at.line - line;
    if (text === '') emit('\n'.repeat(Math.max(0, gap)), start, false);
    else if (gap >= 2) emit('\n'.repeat(gap), start, false);
    else if (gap === 1) emit('\u2029\n', start, false);
    else emit('\u2029\u2029', start, false);
    const marker = block.heading ? '# ' : '';
    const pad = at.character - column - marker.length;
    if (pad > 0 || marker) emit(' '.repeat(Math.max(0, pad)) + marker, start, false);
    let lastWasSpace = true;
    for (let k = first; k <= last; k++) {
      const piece = pieces[k];
      if (piece.kind === 'run') {
        lastWasSpace = writeRun(piece, k === first ? from : 0, k === last ? to : piece.data.length, lastWasSpace);
      } else if (piece.kind === 'text') {
        emit(piece.data, piece.start, false);
        lastWasSpace = /\s$/.test(piece.data);
      } else if (!lastWasSpace) {
        emit(' ', piece.start, false);
        lastWasSpace = true;
      }
    }
  }
  return { text, offsets };
}

/**
 * Where a block's words begin and end, white space and words of nothing but white space (a
 * `&nbsp;` alone) left out at either end: the first and last pieces that hold a word, and
 * where in them (in a run, the start of its first such word and the end of its last). None
 * when the block holds no such word.
 */
function trimmedBounds(pieces: readonly Piece[]): { first: number; from: number; last: number; to: number } | undefined {
  let first = -1;
  let from = 0;
  for (let k = 0; k < pieces.length && first < 0; k++) {
    const p = pieces[k];
    if (p.kind === 'text' && /\S/.test(p.data)) {
      first = k;
      from = 0;
    } else if (p.kind === 'run') {
      from = firstWordStart(p.data);
      if (from >= 0) first = k;
    }
  }
  if (first < 0) return undefined;
  for (let k = pieces.length - 1; k >= first; k--) {
    const p = pieces[k];
    if (p.kind === 'text' && /\S/.test(p.data)) return { first, from, last: k, to: p.data.length };
    if (p.kind === 'run') {
      const to = lastWordEnd(p.data);
      if (to >= 0) return { first, from, last: k, to };
    }
  }
  return undefined;
}

/** The start of the first word (between HTML white space) of `data` that is not all white space, or -1. */
function firstWordStart(data: string): number {
  let word = 0;
  for (let i = 0; i < data.length; i++) {
    const code = data.charCodeAt(i);
    if (isHtmlSpace(code)) word = i + 1;
    else if (!isSpace(code)) return word;
  }
  return -1;
}

/** The end of the last word (between HTML white space) of `data` that is not all white space, or -1. */
function lastWordEnd(data: string): number {
  for (let i = data.length - 1; i >= 0; i--) {
    if (isSpace(data.charCodeAt(i))) continue;
    let end = i + 1;
    while (end < data.length && !isHtmlSpace(data.charCodeAt(end))) end++;
    return end;
  }
  return -1;
}
