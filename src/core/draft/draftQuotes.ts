import type { Span } from '../model';
import { findCitations, findLocatorIn, type Locator } from '../citations/citations';
import { extractPassages } from '../extraction/extractPassages';
import { findMarkedQuotes, isOpeningMark } from '../extraction/quoteMarks';
import { readBlocks } from '../text/paragraphs';
import { nameTitleAbbreviations, splitSentences } from '../text/sentences';
import { proseOf } from './prose';
import { joinLines, trimStartWhere } from '../text/trim';
import { notNames, speechVerbs } from '../extraction/lexicon';
import { detectLanguage } from '../text/language';
import { readsAsEnglish } from '../extraction/english';
import { nameRun } from '../text/nameRun';
import { partitionPoint } from '../text/sorted';

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
  readonly speaker?: { readonly name: string; readonly span: Span; readonly phrase?: string };
  /** A block quotation (`> …`) rather than marks. */
  readonly block: boolean;
}

/**
 * The most characters of a draft (after its front matter) that are read for quotations (about
 * 30,000 words, six long articles): a longer draft is read up to its last paragraph break before this, and the writer
 * is told where its checking stopped (`checkedLength`). Every feature then answers in bounded
 * time, whatever is pasted into the editor.
 */
export const maxDraftChars = 200_000;

/**
 * How much of a draft is read for quotations: all of it, or its front matter and then up to the
 * last paragraph break (else line break, else character) within `maxDraftChars`.
 */
export function checkedLength(text: string): number {
  const start = frontMatterEnd(text);
  const limit = start + maxDraftChars;
  if (text.length <= limit) return text.length;
  const paragraph = text.lastIndexOf('\n\n', limit - 2);
  if (paragraph > start + maxDraftChars / 2) return paragraph + 2;
  const line = text.lastIndexOf('\n', limit - 1);
  if (line > start + maxDraftChars / 2) return line + 1;
  // No pair of UTF-16 halves is cut in two.
  const code = text.charCodeAt(limit - 1);
  return code >= 0xd800 && code <= 0xdbff ? limit - 1 : limit;
}

/** Where `---` front matter ends (its closing line included), 0 without any: it is no prose, and does not count. */
function frontMatterEnd(text: string): number {
  const open = /^---[ \t]*\r?\n/.exec(text);
  if (!open) return 0;
  const end = /^(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/m.exec(text.slice(open[0].length));
  return end ? open[0].length + end.index + end[0].length : 0;
}

/**
 * Every quotation in a draft's prose (not in code, HTML, links or front matter), in order, in
 * the part of the draft that is read (`checkedLength`).
 */
export function findDraftQuotes(draft: string): DraftQuote[] {
  const text = draft.slice(0, checkedLength(draft));
  const prose = proseOf(text);
  const blocks = readBlocks(prose, 0);
  const citations = [...findCitations(prose).map((c) => ({ start: c.start, end: c.end, key: c.key, locator: c.locator })), ...footnoteRefs(draft, prose)]
    .sort((a, b) => a.start - b.start);
  const speakers = new Map<number, { name: string; span: Span; phrase?: string }>();
  const language = detectLanguage(prose);
  const english = readsAsEnglish(prose, blocks, language);
  for (const p of extractPassages(prose, blocks, 'draft', language ?? 'en')) {
    if (p.kind !== 'quote' || !p.speakerMention) continue;
    const named = english ? writersName(prose, p.speakerMention, p.speaker) : undefined;
    if (named) speakers.set(p.start, named);
    else if (p.speaker) speakers.set(p.start, { name: p.speaker, span: p.speakerMention, phrase: writersPhrase(prose, p.speakerMention) });
  }
  const quotes: DraftQuote[] = [];
  for (const block of blocks) {
    const marked = findMarkedQuotes(prose, block).filter((q) => !q.unclosed);
    const sentences = splitSentences(prose, block);
    // Quotations, sentences and citations are all in order: cursors into them keep a paragraph
    // of 50,000 quotations linear.
    let s = 0;
    let nextQuote = 0;
    for (const [k, q] of marked.entries()) {
      const span = { start: q.open, end: q.close + 1 };
      while (s < sentences.length && sentences[s].end <= q.open) s++;
      const sentence = s < sentences.length && sentences[s].start <= q.open ? sentences[s] : block;
      nextQuote = Math.max(nextQuote, k + 1);
      while (nextQuote < marked.length && marked[nextQuote].open <= span.end) nextQuote++;
      const nextOpen = nextQuote < marked.length ? marked[nextQuote].open : Infinity;
      const first = firstAtOrAfter(citations, span.end);
      const after = citations[first];
      let citation = after && after.start < Math.max(sentence.end, span.end) + 3 ? after : undefined;
      for (let c = first; !citation && c < citations.length && citations[c].start - span.end < 300; c++) {
        if (citations[c].end <= block.end && nextOpen >= citations[c].start) citation = citations[c];
      }
      // The writer attributes a quotation only with a cue ("said", "according to", a colon or
      // a dash); "Operators must “…”" names the subject of a rule, not a speaker.
      const speaker = speakers.get(q.inner.start);
      // Chinese rules read a speaker only from a cue or a colon next to the quotation.
      const attributed = speaker && (language === 'zh' || hasSpeechCue(prose, sentence, q));
      quotes.push({
        span, inner: q.inner, text: joinLines(prose.slice(q.inner.start, q.inner.end)),
        openMark: q.openMark, closeMark: q.closeMark, block: false,
        ...(citation ? { citation } : {}),
        ...(attributed ? { speaker } : {}),
      });
    }
  }
  quotes.push(...blockQuotations(prose, citations));
  return quotes.sort((a, b) => a.span.start - b.span.start);
}

/**
 * The name behind a writer's attribution that the source rules leave as a description or an
 * unresolved pronoun: "A person close to the campaign, Jane Doe, said" names Jane Doe; "Obama
 * spoke on Tuesday. ⏎⏎ He said: “…”" gives the words to the subject of the sentence before.
 * Undefined when the attribution needs neither.
 */
function writersName(prose: string, mention: Span, resolved: string | undefined): { name: string; span: Span; phrase: string } | undefined {
  const words = prose.slice(mention.start, mention.end);
  // "The senator from Ohio": a name at the end of a description is part of it.
  const described = /(?:^|[.!?]\s+|\n)(?:an?|the)\s+(?:\p{Ll}[\p{L}'’-]*\s+){1,4}(?:of|from|for|at|in|with)\s+$/iu.test(prose.slice(Math.max(0, mention.start - 60), mention.start));
  if (described || /^(?:an?|the)\s/i.test(words) || /^\p{Ll}/u.test(words)) {
    // A description, then the name in apposition.
    const m = /^\s*,\s*(\p{Lu}[\p{L}\p{M}.'’-]*(?:\s+\p{Lu}[\p{L}\p{M}.'’-]*){0,3})\s*,/u.exec(prose.slice(mention.end, mention.end + 80));
    if (!m) return undefined;
    const start = mention.end + m[0].indexOf(m[1]);
    const span = { start, end: start + m[1].length };
    return { name: m[1], span, phrase: nameRun(prose, span) };
  }
  if (resolved || !/^(?:he|she)$/i.test(words)) return undefined;
  return subjectOfSentenceBefore(prose, mention.start);
}

/**
 * The writer's words for a speaker: the name with its titles, and the name before a comma when
 * the mention is a tag after it ("Sen. Mabel Thorne, R-S.C.").
 */
function writersPhrase(prose: string, mention: Span): string {
  const run = nameRun(prose, mention);
  const window = prose.slice(Math.max(0, mention.start - 40), mention.start);
  const before = window.trimEnd();
  if (!before.endsWith(',')) return run;
  const word = before.slice(0, -1).split(/[\s;:“”"()]/).pop() ?? '';
  if (!/^\p{Lu}/u.test(word)) return run;
  const at = mention.start - (window.length - before.length) - 1 - word.length;
  return `${nameRun(prose, { start: at, end: at + word.length })}, ${run}`;
}

/** The name that opens the sentence before `at` ("Obama spoke on Tuesday."), in its paragraph or the one before. */
/** A sentence's end in a draft's prose: not a title's or an initial's full stop; a paragraph break. */
const sentenceEnds = new RegExp(`(?<!\\b(?:${nameTitleAbbreviations.join('|')}|\\p{Lu}))[.!?][”"’]?(?=\\s)|\\n[ \\t]*\\n`, 'gu');

function subjectOfSentenceBefore(prose: string, at: number): { name: string; span: Span; phrase: string } | undefined {
  const from = Math.max(0, at - 600);
  const before = prose.slice(from, at);
  // Sentence ends; a paragraph break right after a full stop ends the same sentence.
  const ends: number[] = [];
  // A title's or an initial's full stop ("Rep. Ada Lennox", "(D-Wis.)") ends no sentence.
  for (const m of before.matchAll(sentenceEnds)) {
    const end = m.index + m[0].length;
    if (ends.length && before.slice(ends[ends.length - 1], m.index).trim() === '') continue;
    ends.push(end);
  }
  if (ends.length === 0) return undefined;
  const previousEnd = ends.length > 1 ? ends[ends.length - 2] : 0;
  if (previousEnd === 0 && from > 0) return undefined;
  const previous = before.slice(previousEnd, ends[ends.length - 1]);
  // No further back than the paragraph before the pronoun's.
  if ((before.slice(previousEnd).match(/\n[ \t]*\n/g) ?? []).length > 1) return undefined;
  const lead = /^\s*/.exec(previous)![0].length;
  // Titles keep their full stops ("Rep. Ada Lennox"); a party tag in parentheses may follow ("(D-Wis.)").
  const m = /^(\p{Lu}[\p{L}\p{M}.'’-]*(?:\s+\p{Lu}[\p{L}\p{M}.'’-]*){0,3})(?:\s+\([^()\n]{1,24}\))?\s+\p{Ll}/u.exec(previous.slice(lead));
  if (!m || notNames.has(m[1].split(/\s+/)[0])) return undefined;
  const start = from + previousEnd + lead;
  const span = { start, end: start + m[1].length };
  return { name: m[1], span, phrase: nameRun(prose, span) };
}

function hasSpeechCue(prose: string, sentence: Span, q: { open: number; close: number }): boolean {
  // A quotation that ends with its own "?" or "!" ends the sentence for the sentence rules, yet
  // "“Who are they?” Jahangir said." attributes it: the words up to the next full stop count.
  const rest = prose.slice(q.close + 1, q.close + 121);
  const stop = rest.search(/[.!?\n]/);
  const next = rest.slice(0, stop < 0 ? rest.length : stop);
  // Any quotation followed by a bare "Name said" (or "he added") alone up to the full stop.
  const bare = next.trim().split(/\s+/);
  const signed = /[?!]\s*$/.test(prose.slice(q.open, q.close)) || (bare.length <= 5 && /^(?:\p{Lu}|(?:he|she|they|we|i)$)/u.test(bare[0] ?? '') && speechVerbs.has(bare[bare.length - 1]));
  const after = prose.slice(q.close + 1, Math.max(sentence.end, signed ? q.close + 1 + next.length : q.close + 1));
  const outside = prose.slice(sentence.start, q.open) + ' ' + after;
  if (/\baccording to\b/i.test(outside) || /[:―—]\s*$/.test(prose.slice(sentence.start, q.open)) || /^\W{0,3}[―—]/.test(prose.slice(q.close + 1))) return true;
  return (outside.match(/\p{L}+/gu) ?? []).some((w) => speechVerbs.has(w.toLowerCase()));
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
    const attribution = attributionLine ? /^\s*(?:[—―–]|--)\s*([^[\](),]+)/.exec(attributionLine.content) : null;
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
  // Definitions read once (the first of each label counts), not searched for again per
  // reference, in the whole draft: they often stand at its end, past the part that is read.
  const definitions = new Map<string, string>();
  for (const d of text.matchAll(/^ {0,3}\[\^([^\]\s]+)\]:(.*)$/gm)) {
    if (!definitions.has(d[1])) definitions.set(d[1], trimStartWhere(d[2], (c) => c === ' ' || c === '\t'));
  }
  for (const m of prose.matchAll(/\[\^([^\]\s]+)\](?!:)/g)) {
    const definition = definitions.get(m[1]);
    if (definition === undefined) continue;
    const cited = findCitations(definition)[0];
    const locator = cited?.locator ?? findLocatorIn(definition);
    refs.push({ start: m.index!, end: m.index! + m[0].length, definition, ...(cited ? { key: cited.key } : {}), ...(locator ? { locator } : {}) });
  }
  return refs;
}

/**
 * The opening mark of the quotation the cursor is typing in, if any: the writer's open quote.
 * Marks in HTML comments, code and link targets are not the writer's quotations.
 */
export function openQuoteBefore(draft: string, offset: number): { open: number; mark: string } | undefined {
  const paragraphBreak = draft.lastIndexOf('\n\n', offset - 1);
  // A quotation being typed is read no further back than `maxTypedQuoteChars` (a paragraph of
  // megabytes is one line pasted in, not a quotation someone is writing).
  const blockStart = Math.max(paragraphBreak < 0 ? 0 : paragraphBreak + 2, offset - maxTypedQuoteChars);
  if (insideCode(draft, blockStart, offset)) return undefined;
  // Only the paragraph's prose matters; an unclosed comment or code span before it is masked.
  const text = draft.slice(0, blockStart) + proseOf(draft.slice(blockStart, offset));
  // Right after the mark nothing is typed yet, and a quotation of no words is not a quotation.
  if (offset > blockStart && isOpeningMark(text[offset - 1]) && (offset - 1 === blockStart || !/[\p{L}\p{N}]/u.test(text[offset - 2]))) {
    return { open: offset - 1, mark: text[offset - 1] };
  }
  const quotes = findMarkedQuotes(text, { start: blockStart, end: offset });
  const last = quotes[quotes.length - 1];
  return last?.unclosed ? { open: last.open, mark: last.openMark } : undefined;
}

/** How far back from the cursor the quotation being typed is looked for. */
const maxTypedQuoteChars = 20_000;

/** Inside an unclosed inline code span on the line, or inside a fenced code block. */
function insideCode(text: string, blockStart: number, offset: number): boolean {
  const fences = text.slice(0, offset).match(/^(?:```|~~~)/gm)?.length ?? 0;
  if (fences % 2 === 1) return true;
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const ticks = text.slice(Math.max(lineStart, blockStart), offset).match(/`+/g) ?? [];
  return ticks.length % 2 === 1;
}

/** The index of the first citation starting at or after `offset` (binary search). */
function firstAtOrAfter(citations: readonly DraftCitation[], offset: number): number {
  return partitionPoint(citations, (c) => c.start < offset);
}
