import type { Block, BlockKind } from '../model';
import { cjkLetter } from './language';

/**
 * How Verbatim numbers paragraphs, the way a reader counts them (the README documents it):
 *
 * 1. The body (after front matter) is cut into blocks at blank lines. Inside a block, a line
 *    starts a new block when it is a Markdown heading, a numbered provision ("Article 5",
 *    "(a)", "第五条"), a credit line, or when the text is not hard-wrapped (the line before it
 *    is longer than 100 characters and ends a sentence) — saved web pages put one paragraph on
 *    each line without blank lines between.
 * 2. Headings are not counted: Markdown headings and short blocks that end no sentence
 *    ("International business exception", "Article 5").
 * 3. Captions are not counted: photo credits ("Photo: Pixabay.", "Getty/Instagram.") and the
 *    short unpunctuated lines around them (image alt text).
 * 4. Every other block is a paragraph, numbered from 1 in reading order.
 */
export function readBlocks(text: string, bodyStart: number): Block[] {
  const lines = splitLines(text, bodyStart);
  const groups: LineSpan[][] = [];
  let current: LineSpan[] = [];
  for (const line of lines) {
    if (line.blank) {
      if (current.length) groups.push(current);
      current = [];
      continue;
    }
    const previous = current[current.length - 1];
    if (previous && startsNewBlock(text, previous, line)) {
      groups.push(current);
      current = [];
    }
    current.push(line);
  }
  if (current.length) groups.push(current);

  const kinds = groups.map((group) => classify(text, group));
  // Image alt text stands right above its credit line ("internet data it tech" / "Photo: Pixabay.").
  kinds.forEach((kind, i) => {
    if (kind === 'heading' && kinds[i + 1] === 'caption' && !/\n[ \t]*\r?\n/.test(text.slice(groups[i][0].end, groups[i + 1][0].start))) kinds[i] = 'caption';
  });
  const blocks: Block[] = [];
  let number = 0;
  groups.forEach((group, i) => {
    const kind = kinds[i];
    blocks.push({ start: group[0].start, end: group[group.length - 1].end, kind, number: kind === 'paragraph' ? ++number : 0 });
  });
  return blocks;
}

interface LineSpan {
  /** First non-space character. */
  readonly start: number;
  /** After the last non-space character. */
  readonly end: number;
  readonly blank: boolean;
}

function splitLines(text: string, from: number): LineSpan[] {
  const lines: LineSpan[] = [];
  const lineBreak = /\r\n|[\r\n\u2028\u2029]/g;
  let lineStart = from;
  const push = (lineEnd: number): void => {
    let s = lineStart;
    let e = lineEnd;
    while (s < e && isSpace(text.charCodeAt(s))) s++;
    while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
    lines.push({ start: s, end: e, blank: s === e });
  };
  lineBreak.lastIndex = from;
  for (let m = lineBreak.exec(text); m; m = lineBreak.exec(text)) {
    push(m.index);
    lineStart = m.index + m[0].length;
  }
  push(text.length);
  return lines;
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0xa0 || code === 0x3000 || code === 0xfeff || code === 0x200b;
}

const headingLine = /^#{1,6}(?:\s|$)/;
const setextUnderline = /^(?:=+|-+)$/;
/** Numbered provisions of rules: "Article 5", "Art. 5", "Section 3", "§ 3", "第五条", "（一）", "(a)", "1.". */
export const provisionStart = /^(?:(?:Article|Art\.|Section|Sec\.|Rule|Chapter|Part|Clause|Regulation)\s+[\dIVXLC]+[A-Za-z]?\b|§+\s*\d+|第[一二三四五六七八九十百千零〇\d]+[条章节款项]|[（(](?:[一二三四五六七八九十]+|\d{1,3}|[a-z]|[ivx]{1,5})[)）]|\d{1,3}(?:\.\d{1,3})*[.)]\s)/;
const creditLine = /^(?:(?:photos?|images?|pictures?|video|graphic|illustration|file photo|credit|caption|screenshot)(?:\s+credit)?\s*[:：]|(?:photo|image|picture)\s+(?:by|courtesy|via)\b|[\w .&-]{0,60}\/(?:getty|instagram|ap|reuters|afp|shutterstock|twitter|facebook)[\w /.-]*$|getty images\.?$)/i;
const sentenceEnd = /[.!?…。！？][\s"'”’»」』)\]*_]*$/;

function lineText(text: string, line: LineSpan): string {
  return text.slice(line.start, line.end);
}

function startsNewBlock(text: string, previous: LineSpan, line: LineSpan): boolean {
  const prev = lineText(text, previous);
  const cur = lineText(text, line);
  if (headingLine.test(cur) || headingLine.test(prev)) return true;
  if (setextUnderline.test(cur)) return false;
  if (provisionStart.test(cur) || creditLine.test(cur) || creditLine.test(prev)) return true;
  if (!sentenceEnd.test(prev)) return isShortUnpunctuated(prev) && !isShortUnpunctuated(cur);
  // Chinese and Japanese are not hard-wrapped at spaces: a line ending a sentence ends its paragraph.
  if (/[。！？][”」』’）]*$/.test(prev) && cjkLetter.test(cur[0] ?? '')) return true;
  return prev.length > 100 || /^["“”«「『‘―—–-]/.test(cur);
}

/** Text of several words in a script written without spaces (two letters or more). */
function hasCjkWords(text: string): boolean {
  let n = 0;
  for (const ch of text) if (cjkLetter.test(ch) && ++n >= 2) return true;
  return false;
}

function isShortUnpunctuated(line: string): boolean {
  return line.length <= 100 && !sentenceEnd.test(line) && line.split(/\s+/).length <= 12;
}

function classify(text: string, group: readonly LineSpan[]): BlockKind {
  const lines = group.map((l) => lineText(text, l));
  if (headingLine.test(lines[0]) || (lines.length === 2 && setextUnderline.test(lines[1]))) return 'heading';
  if (lines.some((l) => creditLine.test(l)) && lines.every((l) => l.length <= 160)) return 'caption';
  const provision = provisionStart.exec(lines[0]);
  // A provision with text of its own ("(a) renting lines;") is a paragraph even without a full stop.
  const rest = provision ? lines.join(' ').slice(provision[0].length).trim() : '';
  if (provision && (rest.split(/\s+/).length >= 2 || hasCjkWords(rest))) return 'paragraph';
  if (lines.length === 1 && isShortUnpunctuated(lines[0]) && !/^[-*+>]\s/.test(lines[0])) return 'heading';
  return 'paragraph';
}
