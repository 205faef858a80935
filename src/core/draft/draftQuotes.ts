import type { Span } from '../model';
import { readFrontMatter } from '../sources/frontMatter';
import { readBlocks } from '../text/paragraphs';
import { findMarkedQuotes, type MarkedQuote } from '../extraction/quoteMarks';

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
  const lineStart = Math.max(text.lastIndexOf('\n\n', offset - 1) + 2, 0);
  const block = { start: lineStart, end: offset };
  const quotes = findMarkedQuotes(text, block);
  const last = quotes[quotes.length - 1];
  if (!last || !last.unclosed) return undefined;
  if (codeSpans(text.slice(lineStart, offset)).length) return undefined;
  return { open: last.open, mark: last.openMark };
}
