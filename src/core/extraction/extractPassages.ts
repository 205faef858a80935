import type { Block, Passage, PassageKind, Span } from '../model';
import { maxPassageChars, splitSentences } from '../text/sentences';
import { attributeQuotes, introducerOf } from './attribution';
import { nounPhraseEndingAt, type Mention } from './mentions';
import { EntityTracker } from './entities';
import { findMarkedQuotes, quoteStyleOf, type MarkedQuote } from './quoteMarks';
import { provisionMarker, ProvisionTracker } from './provisions';
import { findReported } from './reported';
import { isTitle } from './titles';
import { tokenize, type Token } from './tokens';

/**
 * Cuts a source's blocks into passages: direct quotations with their speakers, reported speech,
 * and clauses (every other sentence, and numbered provisions of rules). Blocks are read in
 * order so that names learnt early resolve pronouns and short references later.
 */
export function extractPassages(text: string, blocks: readonly Block[], key: string, locale = 'en'): Passage[] {
  const reader = new PassageReader(text, key, locale);
  const readable = blocks.filter((b) => b.kind !== 'caption');
  const style = quoteStyleOf(text);
  // A quotation left open at the end of a paragraph runs to the paragraph's end: that is the
  // convention for a quotation continued in the next paragraph (which opens with a mark of
  // its own), and a closing mark forgotten by a slip loses no more than the rest of the paragraph.
  // A "quotation" longer than any sentence can be is a stray mark; its words are read as clauses.
  const quotations = (block: Block): MarkedQuote[] => findMarkedQuotes(text, block, style).filter((q) => q.inner.end - q.inner.start <= maxPassageChars);
  for (const block of readable) reader.readBlock(block, quotations(block));
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
  /** True when the speaker was carried over from the quotation before, not read from the text. */
  guessed?: boolean;
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
  #lastSpeaker: { speaker: string; mention: Span | null; ordinal: number } | undefined;
  /** Who the previous block introduced with a closing colon ("Cruz called them on it:"). */
  #introducer: Mention | undefined;
  /** Drafts of the previous block's quotations that found no speaker in their own block. */
  #standalone: number[] = [];
  /** Position of the current block among the blocks read. */
  #ordinal = 0;

  constructor(readonly text: string, readonly key: string, readonly locale: string) {}

  readBlock(block: Block, quotes: readonly MarkedQuote[]): void {
    const text = this.text;
    this.#ordinal++;
    const line = text.slice(block.start, block.end);
    const marker = provisionMarker(line);
    let label: string | undefined;
    if (marker) label = this.#provisions.enter(marker);
    else if (/^#{1,6}\s/.test(line)) this.#provisions.leave();
    // Paragraphs under an article's heading belong to that article.
    else label = this.#provisions.current;
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

    const standalone = this.#standalone;
    this.#standalone = [];
    const signature = quotes.length === 0 ? signatureOf(tokens, standalone.length > 0) : undefined;
    if (signature) {
      // "— Bernie Sanders" under a quotation that stands alone: the line names its speaker.
      for (const index of standalone) this.#attribute(this.#drafts[index], signature);
    }

    const groups = sentenceGroups(splitSentences(text, block, this.locale), quoteSpans);
    const attributions = attributeQuotes(text, tokens, groups);
    const openQuote = this.#openQuote;
    this.#openQuote = undefined;
    const introducer = this.#introducer;
    this.#introducer = undefined;
    let from = 0;
    for (const group of groups) {
      // Tokens are in order and groups tile the block: one pass hands each group its tokens.
      while (from < tokens.length && tokens[from].start < group.start) from++;
      let to = from;
      while (to < tokens.length && tokens[to].end <= group.end) to++;
      const groupTokens = tokens.slice(from, to);
      from = to;
      const groupQuotes = groupTokens.filter((t) => t.kind === 'quote');
      if (groupQuotes.length === 0) {
        this.#readPlainSentence(block, group, groupTokens, label);
        continue;
      }
      for (const token of groupQuotes) {
        const quote = quotes[token.quote!];
        const attribution = attributions.get(token.quote!);
        const continuing = openQuote !== undefined && quote.open === block.start;
        if (!continuing && isTitle(text, quote.inner, quote.open, quote.close)) continue;
        const draft: Draft = {
          kind: 'quote', span: quote.inner, block, sentence: group, mention: null,
          marks: { open: quote.openMark, close: quote.closeMark }, label,
        };
        if (!attribution) this.#standalone.push(this.#drafts.length);
        if (continuing) draft.continuationOf = this.#drafts[openQuote].continuationOf ?? openQuote;
        if (attribution) {
          this.#attribute(draft, attribution.mention);
        } else if (continuing) {
          // The speaker comes from the quotation's other parts (see finish).
        } else if (introducer) {
          // "Cruz called them on it:" ends the paragraph before a quotation it introduces.
          this.#attribute(draft, introducer);
        } else if (this.#lastSpeaker && this.#lastSpeaker.ordinal >= this.#ordinal - 1) {
          // A quotation standing alone right after another one continues the same speaker;
          // a later part of the same quotation that names its speaker overrides this guess.
          draft.speaker = this.#lastSpeaker.speaker;
          draft.mention = this.#lastSpeaker.mention;
          draft.guessed = true;
        }
        this.#drafts.push(draft);
        if (quote.unclosed) this.#openQuote = this.#drafts.length - 1;
        if (draft.speaker) this.#lastSpeaker = { speaker: draft.speaker, mention: draft.mention, ordinal: this.#ordinal };
      }
      // Sentences of the group that hold no quotation are clauses of their own.
    }
    this.#introducer = introducerOf(tokens);
  }

  #attribute(draft: Draft, mention: Mention): void {
    draft.mention = { start: mention.start, end: mention.end };
    draft.speaker = this.#entities.resolve(mention);
    this.#entities.spoke(draft.speaker, mention.start);
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
      if (draft.speaker && !draft.guessed && (!first.speaker || first.guessed)) {
        first.speaker = draft.speaker;
        first.mention = draft.mention;
        first.guessed = false;
      }
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
  // Group ends only grow and quotations come in order, so one pass over the quotations, keeping
  // the furthest end of those begun so far, answers "does a quotation cross this end?" (linear
  // even for a paragraph of 100,000 quotations).
  let next = 0;
  let furthestEnd = -1;
  for (const sentence of sentences) {
    const previous = groups[groups.length - 1];
    if (previous) {
      while (next < quotes.length && quotes[next].start < previous.end) furthestEnd = Math.max(furthestEnd, quotes[next++].end);
    }
    if (previous && furthestEnd > previous.end) groups[groups.length - 1] = { start: previous.start, end: Math.max(previous.end, sentence.end) };
    else groups.push({ ...sentence });
  }
  return groups;
}

/**
 * A line that signs the quotation above it: "— Bernie Sanders.", "-Michelle Marks,
 * Philadelphia." or, under a quotation still open, "Amy Pope, deputy homeland security
 * advisor.”" with the closing mark after the name. Short, and naming someone first.
 */
function signatureOf(tokens: readonly Token[], afterQuotation: boolean): Mention | undefined {
  if (!afterQuotation || tokens.length < 2 || tokens.length > 24) return undefined;
  const dash = /^[-–—―]$/.test(tokens[0].text);
  const closes = /^[”"]$/.test(tokens[tokens.length - 1].text);
  if (!dash && !closes) return undefined;
  const first = dash ? 1 : 0;
  let end = first;
  while (end + 1 < tokens.length && tokens[end + 1].kind === 'word') end++;
  const mention = nounPhraseEndingAt(tokens, end);
  if (!mention || mention.kind !== 'name' || mention.start !== tokens[first].start) return undefined;
  return mention;
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
