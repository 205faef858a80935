import type { Span } from '../model';
import { readFrontMatter } from '../sources/frontMatter';
import { readBlocks } from '../text/paragraphs';
import { findMarkedQuotes, isOpeningMark, type MarkedQuote } from '../extraction/quoteMarks';

/** The quotations a writer typed in a draft, outside code. */
export function findDraftQuotes(text: string): MarkedQuote[] {
  const front = readFrontMatter(text);
  const bodyStart = front.ok ? front.bodyStart : 0;
  const code = codeSpans(text);
  const quotes: MarkedQuote[] = [];
  for (const block of readBlocks(text, bodyStart)) {
    for (const quote of findMarkedQuotes(text, block)) {
      if (quote.unclosed) continue;
      if (code.some((c) => quote.open >= c.start && quote.open < c.end)) continue;
      quotes.push(quote);
    }
  }
  return quotes;
}

/** Fenced code blocks and inline code spans, where quotation marks are code, not quotes. */
export function codeSpans(text: string): Span[] {
  const spans: Span[] = [];
  const fence = /^(```+|~~~+)[^\n]*\n[\s\S]*?(?:^\1[ \t]*$|(?![\s\S]))/gm;
  for (const m of text.matchAll(fence)) spans.push({ start: m.index!, end: m.index! + m[0].length });
  const inline = /(`+)(?!`)[\s\S]*?(?<!`)\1(?!`)/g;
  for (const m of text.matchAll(inline)) spans.push({ start: m.index!, end: m.index! + m[0].length });
  return spans;
}

/** The opening mark of the quotation the cursor is typing in, if any: the writer's open quote. */
export function openQuoteBefore(text: string, offset: number): { open: number; mark: string } | undefined {
  const paragraphBreak = text.lastIndexOf('\n\n', offset - 1);
  const blockStart = paragraphBreak < 0 ? 0 : paragraphBreak + 2;
  if (insideCode(text, blockStart, offset)) return undefined;
  // Right after the mark nothing is typed yet, and a quotation of no words is not a quotation.
  if (offset > blockStart && isOpeningMark(text[offset - 1]) && (offset - 1 === blockStart || !/[\p{L}\p{N}]/u.test(text[offset - 2]))) {
    return { open: offset - 1, mark: text[offset - 1] };
  }
  const quotes = findMarkedQuotes(text, { start: blockStart, end: offset });
  const last = quotes[quotes.length - 1];
  return last?.unclosed ? { open: last.open, mark: last.openMark } : undefined;
}

/** Inside an unclosed inline code span on the line, or inside a fenced code block. */
function insideCode(text: string, blockStart: number, offset: number): boolean {
  const fences = text.slice(0, offset).match(/^(?:```|~~~)/gm)?.length ?? 0;
  if (fences % 2 === 1) return true;
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const ticks = text.slice(Math.max(lineStart, blockStart), offset).match(/`+/g) ?? [];
  return ticks.length % 2 === 1;
}
