import type { Block, Passage, PassageKind, Span } from '../model';
import { maxPassageChars, splitSentences } from '../text/sentences';
import { attributeQuotes, introducerOf, type Attribution } from './attribution';
import { readsAsEnglish } from './english';
import { nounPhraseEndingAt, type Mention } from './mentions';
import { EntityTracker } from './entities';
import { findMarkedQuotes, quoteStyleOf, type MarkedQuote } from './quoteMarks';
import { provisionMarker, ProvisionTracker, ZhProvisionTracker, zhLabel, chineseNumber, type ZhProvision } from './provisions';
import { attributeQuotesZh, findReportedZh, introducerZh, isAttributionTail, ZhSpeakers } from './zhAttribution';
import { cjkLetter, ruleFamily } from '../text/language';
import { findReported } from './reported';
import { isStageDirection, isTerm } from './terms';
import { tokenize, type Token } from './tokens';
import { speakerName } from './speakers';

/**
 * Cuts a source's blocks into passages: direct quotations with their speakers, reported speech,
 * and clauses (every other sentence, and numbered provisions of rules). Blocks are read in
 * order so that names learnt early resolve pronouns and short references later.
 */
export function extractPassages(text: string, blocks: readonly Block[], key: string, locale?: string): Passage[] {
  const reader = new PassageReader(text, key, locale ?? 'en', readsAsEnglish(text, blocks, locale));
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

/** A passage under construction: its speaker, label and continuation are settled as the reader goes on. */
interface PendingPassage {
  kind: PassageKind;
  span: Span;
  block: Block;
  sentence: Span;
  mention: Span | null;
  speaker?: string;
  label?: string;
  marks?: { open: string; close: string };
  /** Where the passage stands in a Chinese rule; its label is made once the article's paragraphs are counted. */
  provision?: ZhProvision;
  /** True when the speaker was carried over from the quotation before, not read from the text. */
  guessed?: boolean;
  /** Index of the first part of a quotation that runs over several paragraphs. */
  continuationOf?: number;
}

class PassageReader {
  readonly #pending: PendingPassage[] = [];
  readonly #entities = new EntityTracker();
  readonly #provisions = new ProvisionTracker();
  /** The quotation left open at the end of the previous block, waiting for its continuation. */
  #openQuote: number | undefined;
  /** Speaker of the most recent quotation, for quotations that stand alone after it. */
  #lastSpeaker: { speaker: string; mention: Span | null; ordinal: number } | undefined;
  /** Who the previous block introduced with a closing colon ("Cruz called them on it:"). */
  #introducer: Mention | undefined;
  /** Pending passages of the previous block's quotations that found no speaker in their own block. */
  #standalone: number[] = [];
  /** Position of the current block among the blocks read. */
  #ordinal = 0;
  /** Chinese rules: attribution cues, speakers and provision numbers of their own. */
  readonly #zh: boolean;
  readonly #zhSpeakers = new ZhSpeakers();
  readonly #zhProvisions = new ZhProvisionTracker();

  /** English rules of attribution read the source; other alphabetic languages get no speakers. */
  readonly #english: boolean;

  constructor(readonly text: string, readonly key: string, readonly locale: string, english: boolean) {
    this.#english = english;
    this.#zh = ruleFamily(locale) === 'zh';
  }

  readBlock(block: Block, quotes: readonly MarkedQuote[]): void {
    const text = this.text;
    this.#ordinal++;
    const line = text.slice(block.start, block.end);
    const marker = provisionMarker(line);
    let label: string | undefined;
    let provision: ZhProvision | undefined;
    if (marker) label = this.#provisions.enter(marker);
    else if (/^#{1,6}\s/.test(line)) this.#provisions.leave();
    // Paragraphs under an article's heading belong to that article.
    else label = this.#provisions.current;
    if (this.#zh) {
      if (marker) provision = this.#zhProvisions.enter(marker);
      else if (/^#{1,6}\s/.test(line)) this.#zhProvisions.leave();
      else if (block.kind === 'paragraph') provision = this.#zhProvisions.paragraph();
    }
    const quoteSpans = quotes.map((q) => ({ start: q.open, end: Math.min(block.end, q.close + 1) }));
    const tokens = tokenize(text, block, quoteSpans);
    // Quotations stay among the tokens: a name never runs across one (“…,” said Curiel. Trump …).
    this.#entities.observe(tokens);

    if (marker && marker.level > 0 && quotes.length === 0) {
      // A numbered provision is one clause, addressable by its number.
      const bodyStart = block.start + marker.length;
      if (bodyStart < block.end) {
        for (const part of provision ? inlineItems(text, bodyStart, block.end, provision) : [{ span: { start: bodyStart, end: block.end }, provision }]) {
          this.#pending.push({ kind: 'clause', span: part.span, block, sentence: block, mention: null, label, ...(part.provision ? { provision: part.provision } : {}) });
        }
      }
      return;
    }

    const standalone = this.#standalone;
    this.#standalone = [];
    const signature = quotes.length === 0 ? signatureOf(tokens, standalone.length > 0) : undefined;
    if (signature) {
      // "— Bernie Sanders" under a quotation that stands alone: the line names its speaker.
      for (const index of standalone) this.#attribute(this.#pending[index], signature);
    }

    let groups = sentenceGroups(splitSentences(text, block, this.locale), quoteSpans);
    if (this.#zh) groups = withAttributionTails(text, groups);
    const attributions = this.#zh ? attributeQuotesZh(text, block, quotes, groups) : this.#english ? attributeQuotes(text, tokens, groups) : new Map<number, Attribution>();
    const openQuote = this.#openQuote;
    this.#openQuote = undefined;
    const introducer = this.#introducer;
    this.#introducer = undefined;
    for (const { span: group, tokens: groupTokens, body } of withFragmentsJoined(text, groups, tokens)) {
      const groupQuotes = groupTokens.filter((t) => t.kind === 'quote');
      if (groupQuotes.length === 0) {
        this.#readPlainSentence(block, group, groupTokens, body, label, provision);
        continue;
      }
      // What each quotation of the sentence is: its attribution, and whether it is a term.
      const readings = groupQuotes.map((token) => {
        const quote = quotes[token.quote!];
        const signed = this.#zh ? undefined : signedBy(text, quote.close);
        // "“…” ― Name" at the end of the line signs the quotation, whatever else is near it.
        const attribution = signed ? { mention: signed, cue: -1, how: 'cue' as const } : attributions.get(token.quote!);
        // A transcript's turn: "WALLACE: Let's start with …" names its speaker inside the marks
        // (and starts a new quotation, though the last paragraph's marks were left open);
        // "UPDATE: …" names no one, and continues no one's words either.
        const turn = this.#english && !attribution ? transcriptTurn(text, quote.inner) : undefined;
        const continuing = openQuote !== undefined && quote.open === block.start && (turn === undefined || turn === 'label');
        const term = !this.#zh && (continuing ? isStageDirection(text, quote.inner) : isTerm(text, quote.inner, quote.open, quote.close, attribution?.how, this.#english));
        return { quote, attribution, turn, continuing, term };
      });
      // Every sentence is a passage: the narrative words around a quotation ("the mayor
      // retweeted an article by a weekly magazine,") are clauses too, so a writer finds them as
      // well as the quotation. A bare "he said" (或 "他说") adds nothing to find. A term is a
      // word of the sentence, not a quotation: the sentence around it stays whole.
      // A short line taken for a heading (no sentence end) is read so too; a marked heading's
      // marks are not words of it.
      const terms = new Set(groupQuotes.filter((_, i) => readings[i].term));
      const narrative = block.kind === 'paragraph' || (block.kind === 'heading' && !text.startsWith('#', block.start))
        ? narrativeParts(text, groupTokens, group, terms) : [];
      // In reading order: each part before the quotation that follows it.
      const narrate = (before: number): void => {
        while (narrative.length && narrative[0].start < before) {
          this.#pending.push({ kind: 'clause', span: narrative.shift()!, block, sentence: group, mention: null, label, ...(provision ? { provision } : {}) });
        }
      };
      for (const [index, token] of groupQuotes.entries()) {
        narrate(token.start);
        const { quote, attribution, turn, continuing, term } = readings[index];
        const pending: PendingPassage = {
          kind: term ? 'term' : 'quote', span: quote.inner, block, sentence: group, mention: null,
          marks: { open: quote.openMark, close: quote.closeMark }, label,
          ...(provision ? { provision } : {}),
        };
        if (term) {
          // A term is nobody's words: it takes no speaker and passes none on.
          this.#pending.push(pending);
          continue;
        }
        if (!attribution) this.#standalone.push(this.#pending.length);
        if (continuing && openQuote !== undefined) pending.continuationOf = this.#pending[openQuote].continuationOf ?? openQuote;
        if (attribution) {
          this.#attribute(pending, attribution.mention);
        } else if (continuing) {
          // The speaker comes from the quotation's other parts (see finish).
        } else if (turn) {
          if (turn !== 'label') this.#attribute(pending, turn);
        } else if (introducer && groupTokens[0] === token) {
          // "Cruz called them on it:" ends the paragraph before a quotation it introduces, which
          // opens a sentence; a phrase quoted inside a sentence has that sentence's speaker or none.
          this.#attribute(pending, introducer);
        } else if (this.#lastSpeaker && this.#lastSpeaker.ordinal >= this.#ordinal - 1) {
          // A quotation standing alone right after another one continues the same speaker;
          // a later part of the same quotation that names its speaker overrides this guess.
          pending.speaker = this.#lastSpeaker.speaker;
          pending.mention = this.#lastSpeaker.mention;
          pending.guessed = true;
        }
        this.#pending.push(pending);
        if (quote.unclosed) this.#openQuote = this.#pending.length - 1;
        if (pending.speaker) this.#lastSpeaker = { speaker: pending.speaker, mention: pending.mention, ordinal: this.#ordinal };
      }
      narrate(group.end);
    }
    this.#introducer = this.#zh ? introducerZh(text, block) : this.#english ? introducerOf(tokens) : undefined;
  }

  #attribute(pending: PendingPassage, mention: Mention): void {
    pending.mention = { start: mention.start, end: mention.end };
    const speaker = this.#resolve(mention);
    if (speaker) pending.speaker = speaker;
    else delete pending.speaker;
  }

  /**
   * The speaker a mention stands for, recorded as the latest to speak; undefined when what it
   * resolves to is no person, organisation or document (see `speakers.ts`).
   */
  #resolve(mention: Mention): string | undefined {
    if (this.#zh) {
      const name = this.#zhSpeakers.resolve(mention);
      this.#zhSpeakers.spoke(name, mention.start);
      return name;
    }
    const ordinary = (word: string): boolean => this.#ordinaryWords().has(word.toLowerCase());
    // One capitalised word the source also writes in lower case began a sentence ("Monitoring
    // symptoms is…", "Acting accordingly,"): it names no one, and no longer name holds it.
    // Unless the source gave that word as someone's surname before ("columnist George Will", then
    // "Will wrote"): then it is that person.
    const resolved = this.#entities.resolve(mention);
    const single = mention.kind === 'name' && !/\s/.test(mention.text);
    if (single && ordinary(mention.text.replace(/[’']s$/, '')) && !surnameOf(resolved, mention.text)) return undefined;
    const name = speakerName(resolved, ordinary);
    if (name) this.#entities.spoke(name, mention.start);
    return name;
  }

  #ordinary: Set<string> | undefined;

  /** The words the source writes in lower case somewhere, read once when first needed. */
  #ordinaryWords(): Set<string> {
    if (!this.#ordinary) {
      this.#ordinary = new Set();
      // Words of prose only: a lower-case name in an address or a citation key ("…/donald-trump",
      // "@adelson-2016") does not make the name an ordinary word.
      for (const m of this.text.matchAll(/(?<=^|[\s(“"‘])\p{Ll}[\p{L}\p{M}]*(?=[\s,.;:!?)”"’]|$)/gu)) this.#ordinary.add(m[0]);
    }
    return this.#ordinary;
  }

  /**
   * A sentence without quotation marks: reported speech, or a clause. `body` is the sentence
   * itself, `sentence` the same with a fragment joined to it (see `withFragmentsJoined`): speech
   * is read in the body, the clause is the whole.
   */
  #readPlainSentence(block: Block, sentence: Span, tokens: readonly Token[], body: Body, label: string | undefined, provision: ZhProvision | undefined): void {
    const reported = this.#zh ? findReportedZh(this.text, body.span) : this.#english ? findReported(tokens.slice(body.from, body.to)) : undefined;
    if (reported && reported.content.end > reported.content.start) {
      // Every sentence is a passage: one that reports speech is a clause too, whole, when it
      // has narrative words of its own beside the speech ("According to a survey the board
      // published in March, …"), so a writer finds them in their sentence. A bare "he said"
      // adds nothing to find; the narrative words alone would be a fragment, noise in completion.
      if (narrativeBeside(this.text, tokens, sentence, reported.content)) {
        const whole = trimSpan(this.text, sentence.start, sentence.end);
        this.#pending.push({ kind: 'clause', span: whole, block, sentence: whole, mention: null, label, ...(provision ? { provision } : {}) });
      }
      const speaker = this.#resolve(reported.mention);
      this.#pending.push({ kind: 'reported', span: reported.content, block, sentence, mention: { start: reported.mention.start, end: reported.mention.end }, ...(speaker ? { speaker } : {}), label, ...(provision ? { provision } : {}) });
      // A quotation standing alone right after "…, Schiff said." goes on with Schiff's words.
      const mention = { start: reported.mention.start, end: reported.mention.end };
      if (speaker) this.#lastSpeaker = { speaker, mention, ordinal: this.#ordinal };
      return;
    }
    // Fragments are not clauses anyone would quote. Text written without spaces has no words
    // to count: four letters of it make a clause. A short line the numbering rule does not count
    // (a list item, a line of verse, a table cell) is still words a writer may look for: it is a
    // clause without a paragraph number. So is a heading of some words (a headline is quoted,
    // "under the headline …"), without its marks; a caption is not.
    if (block.kind === 'caption') return;
    if (tokens.filter((t) => t.kind === 'word').length < 3 && cjkLetters(this.text, sentence) < 4) return;
    const span = block.kind === 'heading' ? headingWords(this.text, sentence) : sentence;
    if (span.end <= span.start) return;
    this.#pending.push({ kind: 'clause', span, block, sentence, mention: null, label, ...(provision ? { provision } : {}) });
  }

  finish(): Passage[] {
    // Parts of a multi-paragraph quotation share the speaker named in any of them.
    for (const pending of this.#pending) {
      if (pending.continuationOf === undefined) continue;
      const first = this.#pending[pending.continuationOf];
      if (!pending.speaker && first.speaker) { pending.speaker = first.speaker; pending.mention = first.mention; }
      if (pending.speaker && !pending.guessed && (!first.speaker || first.guessed)) {
        first.speaker = pending.speaker;
        first.mention = pending.mention;
        first.guessed = false;
      }
    }
    // A Chinese article's paragraphs are all read now: 第一款 is named only when there is a second.
    for (const pending of this.#pending) if (pending.provision) pending.label = zhLabel(pending.provision);
    const seen = new Map<string, number>();
    return this.#pending.map((d) => {
      const passageText = this.text.slice(d.span.start, d.span.end);
      const base = `${this.key}#${d.kind[0]}-${hash(passageText)}`;
      const n = (seen.get(base) ?? 0) + 1;
      seen.set(base, n);
      const passage: { -readonly [K in keyof Passage]: Passage[K] } = {
        id: n === 1 ? base : `${base}-${n}`,
        key: this.key,
        kind: d.kind,
        text: passageText,
        start: d.span.start,
        end: d.span.end,
        paragraph: d.block.number,
        // A span of its own: a provision's sentence is its block, whose other fields are not the passage's.
        sentence: { start: d.sentence.start, end: d.sentence.end },
        speakerMention: d.mention,
      };
      // The optional fields set one by one, in this order (a spread of each would copy an object
      // per passage, thousands on a long page).
      if (d.speaker) passage.speaker = d.speaker;
      // A speaker carried over from the quotation before, which no cue confirmed, is a guess.
      if (d.speaker && d.guessed) passage.speakerInferred = true;
      if (d.label) passage.label = d.label;
      if (d.marks) passage.marks = d.marks;
      return passage;
    });
  }
}

/** Whether `name` is a person's full name that ends with `word`, its surname ("George Will" for "Will"). */
function surnameOf(name: string, word: string): boolean {
  const words = name.split(' ');
  return words.length > 1 && words.length <= 4 && words.at(-1) === word.replace(/[’']s$/, '') && words.every((w) => /^\p{Lu}/u.test(w));
}

/** The words of a heading's sentence: without the `#` marks before and after, or a `===` / `---` underline. */
function headingWords(text: string, sentence: Span): Span {
  const words = text.slice(sentence.start, sentence.end);
  const lead = /^[ \t]*#{1,6}[ \t]+/.exec(words)?.[0].length ?? 0;
  // A setext heading's words are its first line; an ATX heading may close with #s.
  const newline = words.indexOf('\n', lead);
  let end = newline >= 0 ? newline : words.length;
  const trimmed = (): void => { while (end > lead && (words[end - 1] === ' ' || words[end - 1] === '\t')) end--; };
  trimmed();
  if (words[end - 1] === '#') {
    let marks = end;
    while (marks > lead && words[marks - 1] === '#') marks--;
    if (marks > lead && (words[marks - 1] === ' ' || words[marks - 1] === '\t')) end = marks;
    trimmed();
  }
  return { start: sentence.start + lead, end: sentence.start + end };
}

/** Where a sentence's own words stand in a group that may begin or end with a fragment joined to it. */
interface Body {
  readonly span: Span;
  /** The sentence's tokens are the group's tokens `from` to `to` (excluded). */
  readonly from: number;
  readonly to: number;
}

/** A sentence group with its tokens, and its body (the sentence without the fragment joined to it). */
interface GroupRead {
  readonly span: Span;
  readonly tokens: readonly Token[];
  readonly body: Body;
}

/**
 * The groups of a block with their tokens, each fragment of one or two words joined to a
 * sentence beside it: a list's marker ("1.", "(b)") and a run-in title ("Note.", "Exempt
 * individual.") go with the sentence they open, the end of a citation cut at an abbreviation
 * ("see Pub. 519.") with the sentence it ends. Alone they are no clause anyone would quote, and
 * their words would be in no passage. A fragment that opens like a sentence or a list item goes
 * forward, one that goes on in lower case or figures goes back; at the block's edge, the other way.
 */
function withFragmentsJoined(text: string, groups: readonly Span[], tokens: readonly Token[]): GroupRead[] {
  const read: { span: Span; from: number; to: number; fragment: boolean }[] = [];
  let from = 0;
  for (const group of groups) {
    // Tokens are in order and groups tile the block: one pass hands each group its tokens.
    while (from < tokens.length && tokens[from].start < group.start) from++;
    let to = from;
    let words = 0;
    let quoted = false;
    while (to < tokens.length && tokens[to].end <= group.end) {
      if (tokens[to].kind === 'word') words++;
      else if (tokens[to].kind === 'quote') quoted = true;
      to++;
    }
    // Only a piece the sentence rule cut at a full stop (or a colon), or a list's marker, joins:
    // words left at a paragraph's end without one ("Continue →") are a link's, not the text's.
    const piece = text.slice(group.start, group.end).trim();
    const fragment = !quoted && words > 0 && words < minNarrativeWords && cjkLetters(text, group) < 4 && (cutAtSentenceEnd.test(piece) || listMarker.test(piece));
    read.push({ span: group, from, to, fragment });
    from = to;
  }
  let lastSentence = -1;
  read.forEach((r, i) => { if (!r.fragment) lastSentence = i; });
  // Token indices here are the block's; each group's are made its own at the end.
  const out: { start: number; end: number; from: number; to: number; body: { span: Span; from: number; to: number } }[] = [];
  let lead: { start: number; end: number; from: number; to: number } | undefined;
  read.forEach((r, i) => {
    const previous = out[out.length - 1];
    if (r.fragment) {
      if (lead) Object.assign(lead, { end: r.span.end, to: r.to });
      else if (previous && (i > lastSentence || !opensSentence(text, r.span))) Object.assign(previous, { end: r.span.end, to: r.to });
      else lead = { start: r.span.start, end: r.span.end, from: r.from, to: r.to };
      return;
    }
    out.push({ start: lead?.start ?? r.span.start, end: r.span.end, from: lead?.from ?? r.from, to: r.to, body: { span: r.span, from: r.from, to: r.to } });
    lead = undefined;
  });
  // Fragments alone in their block stay a group of their own (too short for a clause).
  if (lead) out.push({ ...lead, body: { span: { start: lead.start, end: lead.end }, from: lead.from, to: lead.to } });
  return out.map((g) => ({
    span: { start: g.start, end: g.end },
    tokens: tokens.slice(g.from, g.to),
    body: { span: g.body.span, from: g.body.from - g.from, to: g.body.to - g.from },
  }));
}

/** The end of a piece of text the sentence rule cut: a full stop, a colon or a semicolon, closing marks after it. */
const cutAtSentenceEnd = /[.!?…:;。！？：；][\s"'”’»」』)\]]*$/u;

/** A fragment that opens what follows it: a capital letter ("Note.", "Exempt individual."), or a list's marker ("1.", "(b)", "iv)"). */
function opensSentence(text: string, span: Span): boolean {
  const words = text.slice(span.start, span.end).trim();
  return /^\p{Lu}/u.test(words) || listMarker.test(words);
}

/** A list's marker: "1.", "(b)", "iv)". */
const listMarker = /^\(?(?:\d{1,2}|\p{L}|[ivxlc]{1,5})[.)]$/iu;

/**
 * Whether a sentence holds, beside the speech it reports, as many narrative words as make the
 * words around a quotation a clause (`minNarrativeWords`; in text written without spaces,
 * `minNarrativeCjkLetters` letters).
 */
function narrativeBeside(text: string, tokens: readonly Token[], sentence: Span, content: Span): boolean {
  let words = 0;
  for (const t of tokens) if (t.kind === 'word' && (t.end <= content.start || t.start >= content.end) && ++words >= minNarrativeWords) return true;
  const before = cjkLetters(text, { start: sentence.start, end: content.start }, minNarrativeCjkLetters);
  return before + cjkLetters(text, { start: content.end, end: sentence.end }, minNarrativeCjkLetters) >= minNarrativeCjkLetters;
}

/** Words outside its quotations that make a sentence holding one worth a clause of its own. */
const minNarrativeWords = 3;
const minNarrativeCjkLetters = 6;

/** The runs of a sentence between its quotations (terms are words of it) that hold enough words to be clauses, trimmed. */
function narrativeParts(text: string, tokens: readonly Token[], sentence: Span, terms: ReadonlySet<Token>): Span[] {
  const parts: Span[] = [];
  let words: Token[] = [];
  let start = sentence.start;
  const close = (end: number): void => {
    // Text written without spaces has no words to count: six letters of it (about three words;
    // "周建国说" is a bare "he said").
    if (words.length >= minNarrativeWords || cjkLetters(text, { start, end }, minNarrativeCjkLetters) >= minNarrativeCjkLetters) {
      const span = trimSpan(text, start, end);
      if (span.end > span.start) parts.push(span);
    }
    words = [];
  };
  for (const token of tokens) {
    if (token.kind === 'quote' && terms.has(token)) {
      words.push(token);
    } else if (token.kind === 'quote') {
      close(token.start);
      start = token.end;
    } else if (token.kind === 'word') {
      words.push(token);
    }
  }
  close(sentence.end);
  return parts;
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

/** How many Han, kana or Hangul letters `span` holds, counting up to 4. */
function cjkLetters(text: string, span: Span, enough = 4): number {
  let n = 0;
  for (let i = span.start; i < span.end && n < enough; i++) if (cjkLetter.test(text[i])) n++;
  return n;
}

/**
 * A sentence that only names the speaker of the quotation before it ("「……。」周建国补充道。")
 * belongs to that quotation's sentence, as "“…!” he said." does in English.
 */
function withAttributionTails(text: string, groups: readonly Span[]): Span[] {
  const out: Span[] = [];
  for (const group of groups) {
    const previous = out[out.length - 1];
    if (previous && /[”」』"]/.test(text[previous.end - 1]) && isAttributionTail(text, group)) out[out.length - 1] = { start: previous.start, end: group.end };
    else out.push({ ...group });
  }
  return out;
}

/**
 * A Chinese provision listing its items in the same paragraph ("……之一的：（一）……；（二）……。"):
 * the lead-in and each item are clauses of their own, each with its number.
 */
function inlineItems(text: string, start: number, end: number, provision: ZhProvision): { span: Span; provision: ZhProvision }[] {
  const body = text.slice(start, end);
  // Each marker after a colon or a semicolon: where it starts, where its text starts, its number.
  const marks = [...body.matchAll(/[：:；;][ \t]*[（(]([一二三四五六七八九十]+)[)）]/g)].map((m) => ({ at: m.index! + m[0].search(/[（(]/), text: m.index! + m[0].length, number: m[1] }));
  if (marks.length < 2 || provision.item !== undefined) return [{ span: { start, end }, provision }];
  const parts: { span: Span; provision: ZhProvision }[] = [];
  const leadEnd = start + marks[0].at;
  if (leadEnd > start) parts.push({ span: trimSpan(text, start, leadEnd), provision });
  marks.forEach((m, i) => {
    const itemStart = start + m.text;
    const itemEnd = i + 1 < marks.length ? start + marks[i + 1].at : end;
    const item = chineseNumber(m.number);
    if (itemEnd > itemStart) parts.push({ span: trimSpan(text, itemStart, itemEnd), provision: { ...provision, ...(item !== undefined ? { item } : {}) } });
  });
  return parts;
}

function trimSpan(text: string, start: number, end: number): Span {
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return { start, end };
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

/** Capitalised labels of a transcript that name no speaker. */
const notTurnLabels = new Set(['NOTE', 'UPDATE', 'UPDATED', 'EDITOR', 'EDITORS', 'WATCH', 'BREAKING', 'VIDEO', 'PHOTO', 'PHOTOS', 'AUDIO', 'ADVERTISEMENT', 'RELATED', 'READ', 'MORE', 'CROSSTALK', 'LAUGHTER', 'APPLAUSE', 'BEGIN', 'END', 'TRANSCRIPT', 'CLIP', 'WARNING', 'QUESTION', 'ANSWER', 'SOURCE', 'SOURCES', 'CORRECTION', 'EXCLUSIVE', 'OPINION', 'ANALYSIS']);

/**
 * The speaker a transcript's turn names at its start, in capitals before a colon ("WALLACE:",
 * "SEN. SANDERS:"), as a name in ordinary case ("Wallace", "Sen. Sanders"); `label` for a
 * capitalised label that names no one ("UPDATE:", "Q:"); undefined for anything else.
 */
function transcriptTurn(text: string, inner: Span): Mention | 'label' | undefined {
  const m = /^\s*(\p{Lu}[\p{Lu}.'’-]*(?: \p{Lu}[\p{Lu}.'’-]*){0,2}):\s/u.exec(text.slice(inner.start, Math.min(inner.end, inner.start + 40)));
  if (!m) return undefined;
  const words = m[1].split(' ');
  if (words.some((w) => notTurnLabels.has(w.replace(/[.'’-]/g, ''))) || m[1].replace(/\P{L}/gu, '').length < 3) return 'label';
  const start = inner.start + m.index + m[0].indexOf(m[1]);
  const name = words.map((w) => w.charAt(0) + w.slice(1).toLowerCase()).join(' ');
  return { start, end: start + m[1].length, text: name, kind: 'name' };
}

/** Words that may stand inside a name between its capitalised words ("Charles de Gaulle"). */
const nameParticles = 'de|du|des|van|von|der|den|da|del|della|di|la|le|y|bin|al|ibn|dos|das';
/** A dash, then a name that ends the line: the signature after a quotation ("― Carla Sanchez"). */
const signature = new RegExp(String.raw`^[^\S\n]*(?:[―—–]|(?<=[^\S\n])-)[^\S\n]*(\p{Lu}[\p{L}.'’-]*(?:[^\S\n]+(?:(?:${nameParticles})[^\S\n]+){0,2}\p{Lu}[\p{L}.'’-]*){0,5})[^\S\n]*(?:[.,][^\S\n]*)?(?:\n|$)`, 'u');

/**
 * The name that signs a quotation: a dash after its closing mark, then a name that ends the
 * line ("“…” ― Carla Sanchez", "“…” — Mark Twain."), as epigraphs, slideshows and collected
 * reactions print them.
 */
function signedBy(text: string, close: number): Mention | undefined {
  const after = text.slice(close + 1, close + 120);
  const m = signature.exec(after);
  if (!m) return undefined;
  // The full stop that ends the line is not the name's, unless it ends an initial ("Edwin G.").
  const name = /\p{L}{2}\.$/u.test(m[1]) ? m[1].slice(0, -1) : m[1];
  const start = close + 1 + after.indexOf(m[1], m[0].indexOf(m[1]));
  return { start, end: start + name.length, text: name, kind: 'name' };
}