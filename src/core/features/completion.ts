import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem, type CompletionList, type Position, type Range, type TextEdit } from 'vscode-languageserver-types';
import { footnoteAppendText } from '../../shared/footnotes';
import type { Passage, SourceDoc } from '../model';
import { nextFootnoteNumber, longDate } from '../citations/citations';
import { closingMarkFor } from '../extraction/quoteMarks';
import { openQuoteBefore } from '../draft/draftQuotes';
import { findCitations } from '../citations/citations';
import type { SearchHit } from '../search/passageIndex';
import { withArchive } from './archiveHits';
import { citesZhProvision, zhProvisionParts } from '../extraction/provisions';
import { cjkLetter, ruleFamily, writtenWithoutSpaces } from '../text/language';
import { passageByline, passageDetails, sourceCard } from './describe';
import { citedQuotation, openingMarkOf, type CitedQuotation } from './quotation';
import type { CancellationToken, FeatureContext, TextDocument } from './context';
import { messages } from '../../shared/strings';
import { escapeRegExp } from '../text/escapeRegExp';

/** Characters that open completion by themselves: opening quotation marks and `@`. */
export const completionTriggerCharacters = ['“', '"', '«', '「', '『', '‘', '@'];

/** How completion was asked for, as LSP's `CompletionContext` says it (1: invoked by hand). */
export interface CompletionContext {
  readonly triggerKind: 1 | 2 | 3;
  readonly triggerCharacter?: string;
}

/** How far after its opening mark a quotation being typed may reach, in characters. */
const maxTypedQuotation = 1000;

/** How many characters after an opening mark make a search. */
const minQueryLength = 2;

/**
 * Completion of quotations and clauses after an opening quotation mark, of citation keys after
 * `[@`, and of whole cited quotations anywhere when invoked by hand. The server ranks; every item
 * carries the writer's typed text as its `filterText`, so the editor keeps the server's matches
 * and order, and the list is incomplete so each keystroke asks again.
 */
export function provideCompletion(ctx: FeatureContext, document: TextDocument, position: Position, context: CompletionContext | undefined, token: CancellationToken): CompletionList | null {
  const text = document.getText();
  const offset = document.offsetAt(position);
  const citation = /\[[^[\]\n]*@([\p{L}\p{N}_:.#$%&+?<>~/-]*)$/u.exec(text.slice(Math.max(0, offset - 200), offset));
  if (citation) return completeKeys(ctx, position, citation[1]);
  const open = openQuoteBefore(text, offset);
  // Words typed after a mark are a few lines at most; further back the mark is a stray one.
  if (open && offset - open.open <= maxTypedQuotation) return completeQuote(ctx, document, offset, open, token);
  if (context?.triggerKind === 1) return completeAnywhere(ctx, document, offset, token);
  return null;
}

/**
 * The words completion would search at this position (inside an opened quotation, or the last
 * words typed when invoked by hand), so that a host can ask a shared archive for them first;
 * undefined where completion searches nothing.
 */
export function completionQuery(document: TextDocument, position: Position, context: CompletionContext | undefined): string | undefined {
  const text = document.getText();
  const offset = document.offsetAt(position);
  if (/\[[^[\]\n]*@[\p{L}\p{N}_:.#$%&+?<>~/-]*$/u.test(text.slice(Math.max(0, offset - 200), offset))) return undefined;
  const open = openQuoteBefore(text, offset);
  const query = open && offset - open.open <= maxTypedQuotation ? quotationQuery(text, open.open, offset)
    : context?.triggerKind === 1 ? lastWords(text, offset) : undefined;
  return query !== undefined && query.trim().length >= minQueryLength ? query.trim() : undefined;
}

/** The words typed since the opening mark, on one line. */
function quotationQuery(text: string, open: number, offset: number): string {
  return text.slice(open + 1, offset).replace(/\s+/g, ' ');
}

/** The last words of the sentence: four at most, or in Chinese and Japanese (no spaces) eight characters. */
function lastWords(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const clause = text.slice(lineStart, offset).split(/[.!?;:]\s|[。！？；：，、“”「」『』]/).pop()!.trim();
  return cjkLetter.test(clause.slice(-1)) && !/\s/.test(clause.slice(-8)) ? clause.slice(-8) : clause.split(/\s+/).filter(Boolean).slice(-4).join(' ');
}

/**
 * How many citation keys one answer offers at most. A library this small is offered whole (the
 * editor filters as the writer types); a larger one is filtered here, the answer marked
 * incomplete so each keystroke asks again, and never grows with the library.
 */
const maxKeyItems = 500;

function completeKeys(ctx: FeatureContext, position: Position, typed: string): CompletionList {
  const range: Range = { start: { line: position.line, character: position.character - typed.length }, end: position };
  const all = ctx.library.sources();
  const lower = typed.toLowerCase();
  const sources = all.length <= maxKeyItems ? all : [
    ...all.filter((s) => s.meta.key.toLowerCase().startsWith(lower)),
    ...all.filter((s) => !s.meta.key.toLowerCase().startsWith(lower) && s.meta.key.toLowerCase().includes(lower)),
  ].slice(0, maxKeyItems);
  const items = sources.map((source, i): CompletionItem => ({
    label: source.meta.key,
    kind: CompletionItemKind.Reference,
    detail: [source.meta.outlet, source.meta.date ? longDate(source.meta.date) : undefined].filter(Boolean).join(' · ') || source.path,
    documentation: { kind: MarkupKind.Markdown, value: sourceCard(source) },
    textEdit: { range, newText: source.meta.key },
    sortText: String(i).padStart(5, '0'),
  }));
  // While sources are being read, or when more keys match than are listed, asking again may find more.
  return { isIncomplete: (ctx.indexing?.() ?? false) || all.length > maxKeyItems, items: withIndexingNotice(ctx, items, range, typed, typed, maxKeyItems) };
}

function completeQuote(ctx: FeatureContext, document: TextDocument, offset: number, open: { open: number; mark: string }, token: CancellationToken): CompletionList | null {
  const text = document.getText();
  const close = closingMarkFor(open.mark);
  // An editor that auto-closed the quotation left the closing mark after the cursor; take it in.
  const end = text[offset] === close ? offset + 1 : offset;
  // Editors take single-line ranges only: a quotation begun on an earlier line is completed
  // from the start of the cursor's line, and searched with all its words.
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const rangeStart = Math.max(open.open + 1, lineStart);
  const typed = text.slice(rangeStart, offset);
  const query = quotationQuery(text, open.open, offset);
  const range: Range = { start: document.positionAt(rangeStart), end: document.positionAt(end) };
  const limit = ctx.settings().maxCompletionItems;
  const hits = query.trim().length >= minQueryLength
    ? withArchive(ctx, query, [...byProvision(ctx, query.trim(), limit), ...ctx.library.search(query, { limit })].slice(0, limit), limit)
    : browse(ctx, text, limit);
  if (token.isCancellationRequested) return null;
  const footnote = nextFootnoteNumber(text);
  const items = hits.map((hit, rank) => quoteItem(ctx, document, hit.passage, hit.source, rank, range, typed, (q) => q.afterOpen, footnote, open.mark));
  const listed = withIndexingNotice(ctx, items, range, typed, text.slice(rangeStart, end), limit);
  return { isIncomplete: true, items: listed.length ? listed : [nothingYet(range, typed, text.slice(rangeStart, end))] };
}

/**
 * Inside a quotation, the one item of a list that found nothing for the words typed so far. An
 * empty answer would make the editor stop asking (it asks again only a provider whose last list
 * had items) and close the widget, or leave only its own word suggestions, for the rest of the
 * quotation; with this item each keystroke asks again. Accepting it leaves the text as typed.
 */
function nothingYet(range: Range, typed: string, inRange: string): CompletionItem {
  return keepOpenItem(messages.completionNoMatch(typed.trim()), messages.completionNoMatchDetail, range, typed, inRange, { nothingYet: true });
}

/** The clauses a typed provision number names ("第三条第二款", "第4条第（一）项"), in source order. */
function byProvision(ctx: FeatureContext, typed: string, limit: number): SearchHit[] {
  if (!zhProvisionParts(typed)) return [];
  const hits: SearchHit[] = [];
  for (const source of ctx.library.sources()) {
    for (const passage of source.passages) {
      if (passage.label !== undefined && citesZhProvision(typed, passage.label) && hits.length < limit) hits.push({ passage, source, score: 0 });
    }
  }
  return hits;
}

/** Before the writer has typed words: the direct quotations of sources the draft already cites, then of all. */
function browse(ctx: FeatureContext, draft: string, limit: number): SearchHit[] {
  const cited = new Set(findCitations(draft).map((c) => c.key));
  const sources = ctx.library.sources().sort((a, b) => Number(cited.has(b.meta.key)) - Number(cited.has(a.meta.key)));
  const hits: SearchHit[] = [];
  for (const source of sources) {
    for (const passage of source.passages) {
      if (passage.kind !== 'quote') continue;
      hits.push({ passage, source, score: 0 });
      if (hits.length >= limit) return hits;
    }
  }
  return hits;
}

function completeAnywhere(ctx: FeatureContext, document: TextDocument, offset: number, token: CancellationToken): CompletionList | null {
  const text = document.getText();
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const words = lastWords(text, offset);
  const limit = ctx.settings().maxCompletionItems;
  const hits = words.length >= minQueryLength ? withArchive(ctx, words, ctx.library.search(words, { limit }), limit) : browse(ctx, text, limit);
  if (token.isCancellationRequested) return null;
  const range: Range = { start: document.positionAt(offset), end: document.positionAt(offset) };
  const footnote = nextFootnoteNumber(text);
  const items = hits.map((hit, rank) => {
    const space = offset > lineStart && !/\s/.test(text[offset - 1]) && !writtenWithoutSpaces(ruleFamily(hit.source.language?.tag)) ? ' ' : '';
    return quoteItem(ctx, document, hit.passage, hit.source, rank, range, '', (q) => `${space}${q.text}`, footnote, openingMarkOf(hit.passage));
  });
  return { isIncomplete: true, items: withIndexingNotice(ctx, items, range, '', '', limit) };
}

/**
 * An item that says something instead of offering a passage, and keeps the editor asking: its
 * filter text is what was typed (so the editor's filter keeps it), it sorts last, and accepting
 * it leaves the text as typed.
 */
function keepOpenItem(label: string, detail: string, range: Range, typed: string, inRange: string, data: Record<string, boolean>): CompletionItem {
  return {
    label,
    kind: CompletionItemKind.Event,
    detail,
    filterText: `${typed} `,
    sortText: '99999',
    insertTextFormat: InsertTextFormat.PlainText,
    textEdit: { range, newText: inRange },
    data,
  };
}

/**
 * While sources are still being read and the list is not full, one last item says so. An empty
 * answer would close the editor's suggest widget for good (typing on does not reopen it); with
 * this item the widget stays open, and since the list is incomplete each keystroke asks again
 * and finds what has been read meanwhile. Accepting it leaves the text as typed.
 */
function withIndexingNotice(ctx: FeatureContext, items: CompletionItem[], range: Range, typed: string, inRange: string, limit: number): CompletionItem[] {
  if (!(ctx.indexing?.() ?? false) || items.length >= limit) return items;
  return [...items, keepOpenItem(messages.completionIndexing(ctx.progress?.()), messages.completionIndexingDetail, range, typed, inRange, { indexing: true })];
}

/**
 * What the editor filters a passage's item by while the writer types on: what was typed, then
 * the passage from where the last typed word stands in it, then the whole passage. It starts
 * with what was typed, so every item of a fresh list matches alike and keeps the server's
 * order. When the editor filters a list it already holds (at a space and the next word's first
 * letters it does so without asking again), only the first 128 characters count: the words the
 * writer types next, which follow in the passage, are there even when the passage is long.
 */
function filterTextFor(typed: string, text: string): string {
  const last = typed.match(/[\p{L}\p{N}]+/gu)?.at(-1);
  // Nothing typed yet (right after the opening mark): the passage's start, then its longer
  // words, so that whichever word the writer remembers is among the first 128 characters.
  if (!last) return `${typed} ${text.slice(0, 40)} ${longerWords(text)} ${text}`;
  const at = new RegExp(escapeRegExp(last), 'iu').exec(text);
  if (!at) return `${typed} ${text}`;
  return `${typed} ${text.slice(at.index + last.length)} ${text}`;
}

/** A passage's words of five letters or more, once each, longest first, within about 90 characters. */
function longerWords(text: string): string {
  const words = [...new Set((text.match(/[\p{L}\p{N}]{5,}/gu) ?? []).map((w) => w.toLowerCase()))].sort((a, b) => b.length - a.length);
  let out = '';
  for (const word of words) {
    if (out.length + word.length + 1 > 90) continue;
    out += (out ? ' ' : '') + word;
  }
  return out;
}

function quoteItem(
  ctx: FeatureContext, document: TextDocument, passage: Passage, source: SourceDoc, rank: number, range: Range,
  typed: string, compose: (quotation: CitedQuotation) => string, footnoteNumber: number, open: string,
): CompletionItem {
  const quotation = citedQuotation(passage, source, ctx.settings().citationStyle, footnoteNumber, open);
  const citation = quotation.citation;
  const additionalTextEdits: TextEdit[] = [];
  if (citation.footnote) {
    const text = document.getText();
    const end = document.positionAt(text.length);
    additionalTextEdits.push({ range: { start: end, end }, newText: footnoteAppendText(text, citation.footnote) });
  }
  return {
    // The suggest widget shows about 30 characters: the passage's own start identifies it best.
    label: passage.text.length > 80 ? `${passage.text.slice(0, 79)}…` : passage.text,
    labelDetails: { description: passage.speaker ?? source.meta.key },
    kind: passage.kind === 'clause' ? CompletionItemKind.Text : CompletionItemKind.Value,
    detail: passageByline(passage, source),
    documentation: { kind: MarkupKind.Markdown, value: passageDetails(passage, source) },
    filterText: filterTextFor(typed, passage.text),
    sortText: String(rank).padStart(5, '0'),
    insertTextFormat: InsertTextFormat.PlainText,
    textEdit: { range, newText: compose(quotation) },
    ...(additionalTextEdits.length ? { additionalTextEdits } : {}),
    data: { passageId: passage.id },
  };
}
