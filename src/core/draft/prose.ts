import MarkdownIt from 'markdown-it';
import { readFrontMatter } from '../sources/frontMatter';
import { partitionPoint } from '../text/sorted';

const parser = new MarkdownIt({ html: true });

/**
 * The draft with everything that is not prose blanked out (replaced by spaces, line breaks
 * kept), so offsets stay those of the draft: front matter, code blocks and fences, HTML blocks,
 * inline code, inline HTML and autolinks, link destinations and titles, reference and footnote
 * definitions. Block structure comes from markdown-it; inline constructs follow CommonMark.
 */
export function proseOf(text: string): string {
  const chars = text.split('');
  const blank = (start: number, end: number): void => {
    for (let i = start; i < end && i < chars.length; i++) if (chars[i] !== '\n' && chars[i] !== '\r') chars[i] = ' ';
  };
  const front = readFrontMatter(text);
  const bodyStart = front.ok ? front.bodyStart : 0;
  blank(0, bodyStart);
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const lineOffset = (line: number): number => (line < lineStarts.length ? lineStarts[line] : text.length);
  const firstBodyLine = lineStarts.findIndex((s) => s >= bodyStart);
  // markdown-it must not read the front matter as a heading; it sees blank lines instead.
  const body = '\n'.repeat(Math.max(0, firstBodyLine)) + text.slice(lineOffset(Math.max(0, firstBodyLine)));
  for (const token of parser.parse(body, {})) {
    if (!token.map) continue;
    if (token.type === 'fence' || token.type === 'code_block' || token.type === 'html_block') {
      blank(lineOffset(token.map[0]), lineOffset(token.map[1]));
    }
  }
  const masked = chars.join('');
  const inlinePatterns = [
    /^ {0,3}\[[^\]\n]+\]:.*$/gm, // reference and footnote definitions
    /<!--[\s\S]*?-->/g, // HTML comments
    /<[A-Z][A-Z0-9+.-]{1,31}:[^\s<>]*>/gi, // autolinks
    /<\/?[A-Z][A-Z0-9-]*(?:\s[^<>\n]*)?\/?>/gi, // inline HTML tags
    /\]\((?:<[^>\n]*>|[^()\s]*)(?:\s+(?:"[^"\n]*"|'[^'\n]*'|\([^()\n]*\)))?\s*\)/g, // link destinations and titles
  ];
  for (const pattern of inlinePatterns) {
    for (const m of masked.matchAll(pattern)) {
      const start = m.index!;
      // Keep the `]` of a link: the link text before it is prose.
      blank(m[0].startsWith(']') ? start + 1 : start, start + m[0].length);
    }
  }
  blankCodeSpans(chars.join(''), blank);
  return chars.join('');
}

/**
 * Code spans by CommonMark's rule: a run of n backticks closes at the next run of exactly n
 * in the same paragraph. Linear: each length keeps a cursor into its own list of runs.
 */
function blankCodeSpans(text: string, blank: (start: number, end: number) => void): void {
  const runs = [...text.matchAll(/`+/g)].map((m) => ({ at: m.index!, length: m[0].length }));
  const byLength = new Map<number, number[]>();
  runs.forEach((r, i) => {
    const list = byLength.get(r.length);
    if (list) list.push(i);
    else byLength.set(r.length, [i]);
  });
  const cursor = new Map<number, number>();
  const paragraphBreaks = [...text.matchAll(/\n[ \t]*\n/g)].map((m) => m.index!);
  // The first paragraph break after `a` (binary search) must come after `b`.
  const sameParagraph = (a: number, b: number): boolean => {
    const next = partitionPoint(paragraphBreaks, (at) => at <= a);
    return next >= paragraphBreaks.length || paragraphBreaks[next] > b;
  };
  let i = 0;
  while (i < runs.length) {
    const run = runs[i];
    const list = byLength.get(run.length)!;
    let k = cursor.get(run.length) ?? 0;
    while (k < list.length && list[k] <= i) k++;
    cursor.set(run.length, k);
    const close = k < list.length ? list[k] : -1;
    if (close < 0 || !sameParagraph(run.at, runs[close].at)) { i++; continue; }
    blank(run.at, runs[close].at + runs[close].length);
    i = close + 1;
  }
}
