import type { Block, Passage, PassageKind, Span } from '../model';
import { splitSentences } from '../text/sentences';
import { attributeSentence, type Attribution } from './attribution';
import { EntityTracker } from './entities';
import { termCues } from './lexicon';
import { findMarkedQuotes, isOpeningMark, type MarkedQuote } from './quoteMarks';
import { provisionMarker, ProvisionTracker } from './provisions';
import { findReported } from './reported';
import { tokenize, type Token } from './tokens';

/**
 * Cuts a source's blocks into passages: direct quotations with their speakers, reported speech,
 * and clauses (every other sentence, and numbered provisions of rules). Blocks are read in
 * order so that names learnt early resolve pronouns and short references later.
 */
export function extractPassages(text: string, blocks: readonly Block[], key: string, locale = 'en'): Passage[] {
  const reader = new PassageReader(text, key, locale);
  const readable = blocks.filter((b) => b.kind !== 'caption');
  const quotes = readable.map((block) => findMarkedQuotes(text, block));
  readable.forEach((block, index) => {
    const next = readable[index + 1];
    // A quotation left open at the end of a paragraph continues when the next paragraph
    // opens with a quotation mark (the convention for multi-paragraph quotes); otherwise the
    // stray mark is a slip and is ignored.
    const continues = next !== undefined && isOpeningMark(text[next.start]);
    const kept = quotes[index].filter((q) => !q.unclosed || continues);
    reader.readBlock(block, kept);
  });
  return reader.finish();
}

interface Draft {
  kind: PassageKind;
  span: Span;
  block: Block;
  sentence: Span;
  mention: Span | null;
  speaker?: string;
  label?: string;
  marks?: { open: string; close: string };
  /** Index of the first part of a quotation that runs over several paragraphs. */
  continuationOf?: number;
}

class PassageReader {
  readonly #drafts: Draft[] = [];
  readonly #entities = new EntityTracker();
  readonly #provisions = new ProvisionTracker();
  /** The quotation left open at the end of the previous block, waiting for its continuation. */
  #openQuote: number | undefined;
  /** Speaker of the most recent quotation, for quotations that stand alone after it. */
  #lastSpeaker: { speaker: string; mention: Span | null; block: Block } | undefined;

  constructor(readonly text: string, readonly key: string, readonly locale: string) {}

  readBlock(block: Block, quotes: readonly MarkedQuote[]): void {
    const text = this.text;
    const line = text.slice(block.start, block.end);
    const marker = provisionMarker(line);
    let label: string | undefined;
    if (marker) label = this.#provisions.enter(marker);
    const quoteSpans = quotes.map((q) => ({ start: q.open, end: Math.min(block.end, q.close + 1) }));
    const tokens = tokenize(text, block, quoteSpans);
    this.#entities.observe(tokens.filter((t) => t.kind !== 'quote'));

    if (marker && marker.level > 0 && quotes.length === 0) {
      // A numbered provision is one clause, addressable by its number.
      const bodyStart = block.start + marker.length;
      if (bodyStart < block.end) {
        this.#drafts.push({ kind: 'clause', span: { start: bodyStart, end: block.end }, block, sentence: block, mention: null, label });
      }
      return;
    }

    const groups = sentenceGroups(splitSentences(text, block, this.locale), quoteSpans);
    const openQuote = this.#openQuote;
    this.#openQuote = undefined;
    for (const group of groups) {
      const groupTokens = tokens.filter((t) => t.start >= group.start && t.end <= group.end);
      const groupQuotes = groupTokens.filter((t) => t.kind === 'quote');
      if (groupQuotes.length === 0) {
        this.#readPlainSentence(block, group, groupTokens, label);
        continue;
      }
      const attributions = attributeSentence(groupTokens);
      for (const token of groupQuotes) {
        const quote = quotes[token.quote!];
        const attribution = attributions.get(token.quote!);
        const continuing = openQuote !== undefined && quote.open === block.start;
        if (!continuing && !isSpeech(text, quote, attribution, groupTokens, token)) {
          continue;
        }
        const draft: Draft = {
          kind: 'quote', span: quote.inner, block, sentence: group, mention: null,
          marks: { open: quote.openMark, close: quote.closeMark }, label,
        };
        if (attribution) {
          draft.mention = { start: attribution.mention.start, end: attribution.mention.end };
          draft.speaker = this.#entities.resolve(attribution.mention);
          this.#entities.spoke(draft.speaker, attribution.mention.start);
        } else if (continuing) {
          draft.continuationOf = this.#drafts[openQuote].continuationOf ?? openQuote;
        } else if (this.#lastSpeaker && this.#lastSpeaker.block.number >= block.number - 1) {
          // A quotation standing alone right after another one continues the same speaker.
          draft.speaker = this.#lastSpeaker.speaker;
          draft.mention = this.#lastSpeaker.mention;
        }
        this.#drafts.push(draft);
        if (quote.unclosed) this.#openQuote = this.#drafts.length - 1;
        if (draft.speaker) this.#lastSpeaker = { speaker: draft.speaker, mention: draft.mention, block };
      }
      // Sentences of the group that hold no quotation are clauses of their own.
    }
  }

  #readPlainSentence(block: Block, sentence: Span, tokens: readonly Token[], label: string | undefined): void {
    const reported = findReported(tokens);
    if (reported && reported.content.end > reported.content.start) {
      const speaker = this.#entities.resolve(reported.mention);
      this.#entities.spoke(speaker, reported.mention.start);
      this.#drafts.push({ kind: 'reported', span: reported.content, block, sentence, mention: { start: reported.mention.start, end: reported.mention.end }, speaker, label });
      return;
    }
    // Headings and fragments are not clauses anyone would quote.
    if (block.kind !== 'paragraph' || tokens.filter((t) => t.kind === 'word').length < 3) return;
    this.#drafts.push({ kind: 'clause', span: sentence, block, sentence, mention: null, label });
  }

  finish(): Passage[] {
    // Parts of a multi-paragraph quotation share the speaker named in any of them.
    for (const draft of this.#drafts) {
      if (draft.continuationOf === undefined) continue;
      const first = this.#drafts[draft.continuationOf];
      if (!draft.speaker && first.speaker) { draft.speaker = first.speaker; draft.mention = first.mention; }
      if (draft.speaker && !first.speaker) { first.speaker = draft.speaker; first.mention = draft.mention; }
    }
    const seen = new Map<string, number>();
    return this.#drafts.map((d) => {
      const passageText = this.text.slice(d.span.start, d.span.end);
      const base = `${this.key}#${d.kind[0]}-${hash(passageText)}`;
      const n = (seen.get(base) ?? 0) + 1;
      seen.set(base, n);
      const passage: Passage = {
        id: n === 1 ? base : `${base}-${n}`,
        key: this.key,
        kind: d.kind,
        text: passageText,
        start: d.span.start,
        end: d.span.end,
        paragraph: d.block.number,
        sentence: d.sentence,
        speakerMention: d.mention,
        ...(d.speaker ? { speaker: d.speaker } : {}),
        ...(d.label ? { label: d.label } : {}),
        ...(d.marks ? { marks: d.marks } : {}),
      };
      return passage;
    });
  }
}

/**
 * Sentences, merged where a quotation runs across a sentence boundary, so each quotation
 * and its attribution are read together.
 */
function sentenceGroups(sentences: readonly Span[], quotes: readonly Span[]): Span[] {
  const groups: Span[] = [];
  for (const sentence of sentences) {
    const previous = groups[groups.length - 1];
    const crossing = previous && quotes.some((q) => q.start < previous.end && q.end > previous.end);
    if (previous && crossing) groups[groups.length - 1] = { start: previous.start, end: Math.max(previous.end, sentence.end) };
    else groups.push({ ...sentence });
  }
  return groups;
}

/**
 * Direct speech, or a term or title in quotation marks? Speech has an attribution in its
 * sentence, or reads as speech on its own (five words or more). Short quotations with no one
 * to say them are terms ("Great Firewall"), and so is anything introduced as a name or a title.
 */
function isSpeech(text: string, quote: MarkedQuote, attribution: Attribution | undefined, tokens: readonly Token[], token: Token): boolean {
  const inner = text.slice(quote.inner.start, quote.inner.end);
  const words = inner.split(/\s+/).filter(Boolean).length;
  const before = text.slice(Math.max(0, quote.open - 40), quote.open);
  if (termCues.test(before) && words < 12) return false;
  if (attribution) {
    const at = tokens.indexOf(token);
    const distance = Math.abs(attribution.cue - at);
    return words >= 3 || distance <= 12;
  }
  return words >= 5;
}

/** FNV-1a, 32 bits, as 8 hex digits: ids stay the same while the passage's text does. */
function hash(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}
