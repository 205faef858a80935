import type { Span } from '../model';
import { findCitations, parseLocator, type Locator } from '../citations/citations';
import { extractPassages } from '../extraction/extractPassages';
import { findMarkedQuotes, isOpeningMark } from '../extraction/quoteMarks';
import { readBlocks } from '../text/paragraphs';
import { splitSentences } from '../text/sentences';
import { proseOf } from './prose';

/** The citation a writer gave a quotation. */
export interface DraftCitation extends Span {
  /** Citation key, when the citation or its footnote definition names one. */
  readonly key?: string;
  readonly locator?: Locator;
  /** For a footnote: the definition's text, to match a source by its URL or title. */
  readonly definition?: string;
}

/** A quotation in a draft, with what the writer said about it. */
export interface DraftQuote {
  /** The quotation with its marks. */
  readonly span: Span;
  /** The quoted words. */
  readonly inner: Span;
  /** The quoted words as one line (a block quotation's lines joined). */
  readonly text: string;
  readonly openMark: string;
  readonly closeMark: string;
  readonly citation?: DraftCitation;
  /** Who the writer says spoke, resolved within the draft ("he" → the name given before). */
  readonly speaker?: { readonly name: string; readonly span: Span };
  /** A block quotation (`> …`) rather than marks. */
  readonly block: boolean;
}

/** Every quotation in a draft's prose (not in code, HTML, links or front matter), in order. */
export function findDraftQuotes(text: string): DraftQuote[] {
  const prose = proseOf(text);
  const blocks = readBlocks(prose, 0);
  const citations = [...findCitations(prose).map((c) => ({ start: c.start, end: c.end, key: c.key, locator: c.locator })), ...footnoteRefs(text, prose)]
    .sort((a, b) => a.start - b.start);
  const speakers = new Map<number, { name: string; span: Span }>();
  for (const p of extractPassages(prose, blocks, 'draft')) {
    if (p.kind === 'quote' && p.speaker && p.speakerMention) speakers.set(p.start, { name: p.speaker, span: p.speakerMention });
  }
  const quotes: DraftQuote[] = [];
  for (const block of blocks) {
    const marked = findMarkedQuotes(prose, block).filter((q) => !q.unclosed);
    const sentences = splitSentences(prose, block);
    for (const q of marked) {
      const span = { start: q.open, end: q.close + 1 };
      const sentence = sentences.find((s) => s.start <= q.open && q.open < s.end) ?? block;
      const others = marked.filter((o) => o !== q);
      const citation = citations.find((c) => c.start >= span.end && c.start < Math.max(sentence.end, span.end) + 3)
        ?? citations.find((c) => c.start >= span.end && c.start - span.end < 300 && c.end <= block.end && !others.some((o) => o.open > span.end && o.open < c.start));
      quotes.push({
        span, inner: q.inner, text: prose.slice(q.inner.start, q.inner.end).replace(/\s*\n\s*/g, ' '),
        openMark: q.openMark, closeMark: q.closeMark, block: false,
        ...(citation ? { citation } : {}),
        ...(speakers.has(q.inner.start) ? { speaker: speakers.get(q.inner.start)! } : {}),
      });
    }
  }
  quotes.push(...blockQuotations(prose, citations));
  return quotes.sort((a, b) => a.span.start - b.span.start);
}

/**
 * Block quotations without marks, attributed on their last line: `> words` … `> — PEN America
 * [@key, para. 7]`. A block quotation that holds quotation marks is read by its marks instead.
 */
function blockQuotations(prose: string, citations: readonly DraftCitation[]): DraftQuote[] {
  const found: DraftQuote[] = [];
  const lines = [...prose.matchAll(/^ {0,3}>[ \t]?(.*)$/gm)].map((m) => ({ at: m.index!, contentAt: m.index! + m[0].length - m[1].length, content: m[1], end: m.index! + m[0].length }));
  let group: typeof lines = [];
  const flush = (): void => {
    const attributionLine = group.length >= 2 ? group[group.length - 1] : undefined;
    const attribution = attributionLine ? /^\s*(?:—|―|–|--)\s*([^[\](),]+)/.exec(attributionLine.content) : null;
    const body = attribution ? group.slice(0, -1) : [];
    const bodyText = body.map((l) => l.content.trim()).filter(Boolean).join(' ');
    if (attribution && bodyText && !isOpeningMark(bodyText[0])) {
      const first = body.find((l) => l.content.trim())!;
      const last = [...body].reverse().find((l) => l.content.trim())!;
      const inner = { start: first.contentAt + (first.content.length - first.content.trimStart().length), end: last.contentAt + last.content.trimEnd().length };
      const nameStart = attributionLine!.contentAt + attribution.index + attribution[0].indexOf(attribution[1]);
      const name = attribution[1].trim();
      const citation = citations.find((c) => c.start >= attributionLine!.at && c.start <= attributionLine!.end);
      found.push({
        span: inner, inner, text: bodyText, openMark: '', closeMark: '', block: true,
        speaker: { name, span: { start: nameStart, end: nameStart + name.length } },
        ...(citation ? { citation } : {}),
      });
    }
    group = [];
  };
  for (const line of lines) {
    const previous = group[group.length - 1];
    if (previous && prose.slice(previous.end, line.at).trim() !== '') flush();
    group.push(line);
  }
  flush();
  return found;
}

/** `[^n]` references, with their definitions' key or text. */
function footnoteRefs(text: string, prose: string): DraftCitation[] {
  const refs: DraftCitation[] = [];
  for (const m of prose.matchAll(/\[\^([^\]\s]+)\](?!:)/g)) {
    const label = m[1].replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const definition = new RegExp(`^ {0,3}\\[\\^${label}\\]:[ \\t]*(.*)$`, 'm').exec(text)?.[1];
    if (definition === undefined) continue;
    const cited = findCitations(definition)[0];
    const locator = cited?.locator ?? parseLocator(/(?:para(?:graph)?s?\.?|¶)\s*\d+/i.exec(definition)?.[0]);
    refs.push({ start: m.index!, end: m.index! + m[0].length, definition, ...(cited ? { key: cited.key } : {}), ...(locator ? { locator } : {}) });
  }
  return refs;
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
