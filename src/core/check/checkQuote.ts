import type { Passage, SourceDoc, SourceProblem, Span } from '../model';
import { keyFromPath } from '../sources/loadSource';
import type { Library } from '../library';
import type { SearchHit } from '../search/passageIndex';
import type { DraftQuote } from '../draft/draftQuotes';
import { normalize } from '../text/normalize';
import { trimEndWhere } from '../text/trim';
import { matchEdited, type Edit } from './edited';
import { align, words, type DiffOp, type Word } from './words';
import { cjkLetter } from '../text/language';
import { escapeRegExp } from '../text/escapeRegExp';
import { firstIndexAtOrAfter } from '../sourceIndex/sourceWords';
import { nameTitles, speakerNouns, speechVerbs } from '../extraction/lexicon';
import { givenNameGender } from '../extraction/gender';
import { nameRun } from '../text/nameRun';
import { partitionPoint } from '../text/sorted';

/** The verdicts, from faithful to unsupported. */
export type Verdict = 'verbatim' | 'normalized' | 'edited' | 'altered' | 'misattributed' | 'wrong-source' | 'not-found';

/** A change to the source's words that no convention marks. */
export interface Alteration {
  readonly kind: 'number' | 'numberAdded' | 'numberDropped' | 'negation' | 'name' | 'reordered' | 'omitted' | 'added' | 'replaced';
  readonly draft: string;
  readonly source: string;
}

/**
 * Why a speaker stays unverified: the source names no one for these words (`source`); the
 * writer's attribution is a pronoun or a description that resolves to no name (`writer`); the
 * source's speaker is only inferred from the quotations around (`inferred`).
 */
export interface SpeakerDoubt {
  readonly reason: 'source' | 'writer' | 'inferred';
  /** The speaker the source seems to give, for `inferred`. */
  readonly sourceSpeaker?: string;
}

/** What the check found for one quotation. */
export interface Finding {
  readonly quote: DraftQuote;
  readonly verdict: Verdict;
  readonly source?: SourceDoc;
  readonly passage?: Passage;
  /** Where the quoted words (or their nearest match) stand in the source. */
  readonly sourceSpan?: Span;
  readonly edits: readonly Edit[];
  readonly alterations: readonly Alteration[];
  readonly diff?: readonly DiffOp[];
  /** The speaker the source gives, when it differs from the draft's. */
  readonly sourceSpeaker?: string;
  /** For a misattribution: the source's sentence that names its speaker. */
  readonly speakerSentence?: string;
  /** Why the writer's attribution could be neither confirmed nor refuted, when it could not. */
  readonly speakerUnverified?: SpeakerDoubt;
  /** Why the cited source is not in the index, when it could not be read. */
  readonly citedProblem?: SourceProblem;
  /** The source goes on with a qualifier right after the quoted words ("unless …"). */
  readonly qualifier?: string;
}

const negations = new Set(['not', 'no', 'never', 'nor', 'none', 'nobody', 'nothing', 'neither', 'without', 'cannot', "n't", "can't", "won't", "don't", "doesn't", "didn't", "isn't", "aren't", "wasn't", "weren't", "shouldn't", "wouldn't", "couldn't", "hasn't", "haven't", 'hardly']);
const numberWords = new Set(['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'twenty', 'thirty', 'forty', 'fifty', 'hundred', 'thousand', 'million', 'billion', 'trillion', 'half', 'dozen', 'percent', 'first', 'second', 'third']);
const qualifierAfter = /^\s*(?:[,;:—–-]\s*)?(but only if|but only when|unless|except|provided that|provided|as long as|so long as|only if|only when|on condition that|subject to|with the exception of)\b/i;

/**
 * Checks one quotation against the sources: the cited source first, then all. Fuzzy search may
 * locate the nearest passage; only an exact, normalised or conventionally edited match certifies.
 */
export function checkQuote(library: Library, quote: DraftQuote): Finding {
  const cited = citedSources(library, quote);
  // A draft that repeats a quotation (with the same citation and speaker) gets the same answer
  // for each, found once while the library stays as it is.
  const answers = stateOf(library).answers;
  const key = [quote.text, quote.speaker?.name ?? '', ...cited.map((s) => s.uri)].join('\u0000');
  const known = answers.get(key);
  if (known) return { ...known, quote };
  const finding = checkAgainst(library, quote, cited);
  if (answers.size >= maxRemembered) answers.clear();
  answers.set(key, finding);
  return finding;
}

/** What is remembered of a library while it stays as it is (its revision). */
interface LibraryState {
  readonly revision: number;
  /** Findings by quotation text, speaker and cited sources. */
  readonly answers: Map<string, Finding>;
  /** Each source's place in `Library.ordered()`. */
  places?: Map<SourceDoc, number>;
}

const states = new WeakMap<Library, LibraryState>();
const maxRemembered = 5_000;

function stateOf(library: Library): LibraryState {
  let state = states.get(library);
  if (!state || state.revision !== library.revision) states.set(library, state = { revision: library.revision, answers: new Map() });
  return state;
}

function checkAgainst(library: Library, quote: DraftQuote, cited: readonly SourceDoc[]): Finding {
  const base = { quote, edits: [] as Edit[], alterations: [] as Alteration[] };
  // The writer's own sentence punctuation at the end of a quotation ("…internet,” she said) is not part of the check.
  const text = trimEndWhere(quote.text, (c) => /[\s,;:.，；：]/.test(c)).trim();
  if (!text) return { ...base, verdict: 'not-found' };

  const found = locateExactly(library, cited, text);
  if (found) {
    const passage = library.passageAt(found.source, found.span);
    const finding: Finding = { ...base, verdict: found.kind, source: found.source, passage, sourceSpan: found.span, edits: found.edits, qualifier: qualifierFollowing(found.source, found.span) };
    if (cited.length && !cited.includes(found.source)) return { ...finding, verdict: 'wrong-source' };
    const judged = judgeSpeaker(quote, found.source, passage, found.span);
    if (judged?.misattributed) return { ...finding, verdict: 'misattributed', sourceSpeaker: judged.misattributed, ...(judged.sentence ? { speakerSentence: judged.sentence } : {}) };
    return judged?.doubt ? { ...finding, speakerUnverified: judged.doubt } : finding;
  }

  const nearest = locateNearest(library, cited[0] ?? library.ordered()[0], text);
  if (!nearest) {
    // A cited source that failed to index says so, with the reason, rather than "not found in it".
    const key = quote.citation?.key;
    const problem = key && cited.length === 0 ? library.problems().find((p) => p.skipped && keyFromPath(p.path) === key) : undefined;
    return { ...base, verdict: 'not-found', ...(problem ? { citedProblem: problem } : {}) };
  }
  return {
    ...base, verdict: 'altered', source: nearest.source, passage: library.passageAt(nearest.source, nearest.span),
    sourceSpan: nearest.span, diff: nearest.ops, alterations: alterationsOf(nearest.ops),
  };
}

function citedSources(library: Library, quote: DraftQuote): readonly SourceDoc[] {
  const citation = quote.citation;
  if (!citation) return [];
  return citation.key ? library.byKey(citation.key) : library.sourcesNamedBy(citation.definition ?? '');
}

interface ExactMatch {
  readonly kind: 'verbatim' | 'normalized' | 'edited';
  readonly source: SourceDoc;
  readonly span: Span;
  readonly edits: Edit[];
}

/**
 * The sources to read for a text, in the order a match is looked for: the cited ones first,
 * then all by path. Only those that can hold `normalizedText` are listed (`Library.holding`),
 * so the first match is the one reading every source in that order would find.
 */
function searchOrderOf(library: Library, cited: readonly SourceDoc[], normalizedText: string): readonly SourceDoc[] {
  const all = library.ordered();
  const holding = library.holding(normalizedText);
  if (!holding) return cited.length ? [...cited, ...all.filter((s) => !cited.includes(s))] : all;
  const rest = [...holding].filter((s) => !cited.includes(s));
  if (rest.length > 1) {
    const state = stateOf(library);
    const place = state.places ??= new Map(all.map((s, i) => [s, i]));
    rest.sort((a, b) => place.get(a)! - place.get(b)!);
  }
  return [...cited.filter((s) => holding.has(s)), ...rest];
}

/**
 * The first faithful match of `text`: in the cited sources by every rule (exact, normalised, a
 * changed capital, marked edits) before any other source, so that a quotation typed with straight
 * apostrophes is found in the source it cites, not verbatim in another that prints them straight.
 */
function locateExactly(library: Library, cited: readonly SourceDoc[], text: string): ExactMatch | undefined {
  if (cited.length === 0) return locateIn(library, cited, text);
  const only = new Set(cited);
  return locateIn(library, cited, text, (order) => order.filter((s) => only.has(s))) ?? locateIn(library, cited, text, (order) => order.filter((s) => !only.has(s)));
}

function locateIn(library: Library, cited: readonly SourceDoc[], text: string, within: (order: readonly SourceDoc[]) => readonly SourceDoc[] = (order) => order): ExactMatch | undefined {
  const order = (t: string): readonly SourceDoc[] => within(searchOrderOf(library, cited, t));
  for (const source of order(normalize(text).text)) {
    const at = source.text.indexOf(text, source.bodyStart);
    if (at >= 0) return { kind: 'verbatim', source, span: { start: at, end: at + text.length }, edits: [] };
  }
  const wanted = normalize(text, { stripEmphasis: true }).text;
  for (const source of order(wanted)) {
    const n = library.normalized(source);
    // Front matter is no source text: the search starts where the body does.
    const at = n.text.indexOf(wanted, firstIndexAtOrAfter(n.map, source.bodyStart));
    if (at >= 0) {
      return { kind: 'normalized', source, span: { start: n.map[at], end: n.map[at + wanted.length - 1] + 1 }, edits: [] };
    }
  }
  // A changed initial capital alone: the same text with the first letter's case flipped.
  const first = wanted.charAt(0);
  const flipped = first === first.toUpperCase() ? first.toLowerCase() : first.toUpperCase();
  if (flipped !== first) {
    const other = flipped + wanted.slice(1);
    for (const source of order(other)) {
      const n = library.normalized(source);
      const at = n.text.indexOf(other, firstIndexAtOrAfter(n.map, source.bodyStart));
      if (at >= 0) {
        return { kind: 'edited', source, span: { start: n.map[at], end: n.map[at + other.length - 1] + 1 }, edits: [{ kind: 'capital', draft: first, source: flipped }] };
      }
    }
  }
  // Ellipses and brackets are the only other marks of faithful editing.
  if (!/…|\.\s?\.\s?\.|\[[^[\]]*\]/.test(text)) return undefined;
  for (const source of within(editedSearchOrderOf(library, cited, wanted))) {
    const edited = matchEdited(text, source, library.normalized(source));
    if (edited) return { kind: 'edited', source, span: edited.span, edits: edited.edits };
  }
  return undefined;
}

/**
 * The sources that can hold an edited quotation: each stretch between ellipses and brackets
 * is looked for literally by `matchEdited`, so a source must hold every stretch.
 */
function editedSearchOrderOf(library: Library, cited: readonly SourceDoc[], wanted: string): readonly SourceDoc[] {
  let order: readonly SourceDoc[] | undefined;
  for (const stretch of wanted.split(ellipsisOrBracket)) {
    const next = searchOrderOf(library, cited, stretch.trim());
    if (next.length === library.ordered().length) continue;
    const kept = new Set(next);
    order = order ? order.filter((s) => kept.has(s)) : next;
  }
  return order ?? searchOrderOf(library, cited, '');
}

const ellipsisOrBracket = /\[[^[\]]*\]|…|\.\s?\.\s?\./;

/** Most of a misquotation's words survive in order; fewer than half is no quotation of the source. */
const minimumShare = 0.5;

/** The longest quotation (in words and marks) that is aligned with its nearest passage, about a page. */
const maxAlignedWords = 1500;

function locateNearest(library: Library, preferredSource: SourceDoc | undefined, text: string): { source: SourceDoc; span: Span; ops: DiffOp[] } | undefined {
  const draftWords = words(text);
  const contentWords = draftWords.filter((w) => w.isWord);
  // Alignment costs draft words × source words: a quotation of pages is checked exactly only.
  if (contentWords.length < 2 || draftWords.length > maxAlignedWords) return undefined;
  // Chinese and Japanese quotations are searched by their text, which the search cuts into words.
  const unspaced = contentWords.filter((w) => cjkLetter.test(w.text)).length > contentWords.length / 2;
  const rare = unspaced ? [] : rarestWords(library, contentWords);
  const query = unspaced ? text.replace(/[^\p{L}\p{N}]+/gu, ' ').slice(0, 60)
    : rare.length ? rare.slice(0, nearestQueryWords).sort((a, b) => a.start - b.start).map((w) => w.text).join(' ')
      : contentWords.filter((w) => w.text.length > 3).slice(0, 10).map((w) => w.text).join(' ') || contentWords.map((w) => w.text).join(' ');
  const preferred = new Set(preferredSource ? [preferredSource.uri] : []);
  const nearestOf = (candidates: readonly SearchHit[]): { source: SourceDoc; span: Span; ops: DiffOp[]; matched: number } | undefined => {
    let best: { source: SourceDoc; span: Span; ops: DiffOp[]; matched: number } | undefined;
    for (const hit of candidates) {
      const block = hit.source.blocks.find((b) => b.start <= hit.passage.start && hit.passage.end <= b.end) ?? hit.passage;
      // The paragraph around the passage, but no further than the quotation's own length twice
      // over on either side: a one-line source of megabytes is one paragraph.
      const reach = text.length * 2 + 200;
      const window = { start: Math.max(block.start, hit.passage.start - reach), end: Math.min(block.end, hit.passage.end + reach) };
      const aligned = align(draftWords, words(hit.source.text, window));
      if (!aligned) continue;
      const better = !best || aligned.matched > best.matched || (aligned.matched === best.matched && preferred.has(hit.source.uri) && !preferred.has(best.source.uri));
      if (better) best = { source: hit.source, span: aligned.sourceSpan, ops: aligned.ops, matched: aligned.matched };
    }
    return best && best.matched >= 2 && best.matched / contentWords.length >= minimumShare ? best : undefined;
  };
  // The passages of the few sources holding the quotation's rarest words first; the search
  // ranks the library only when none of those will do (the changed word may be a rare one).
  return nearestOf(passagesHolding(library, rare.slice(0, 4))) ?? nearestOf(library.search(query, { limit: 5 }));
}

/** Sources holding a quotation's rarest words, past which they say too little to look there first. */
const maxHoldingSources = 20;

/**
 * The passages that hold most of `rare` (words of the quotation), in the few sources holding
 * all of them but one (which may be the changed word), as search hits (five at most).
 */
function passagesHolding(library: Library, rare: readonly Word[]): SearchHit[] {
  if (rare.length === 0) return [];
  const sources = library.holdingWords(rare.map((w) => w.text), Math.max(1, rare.length - 1));
  if (sources.size === 0 || sources.size > maxHoldingSources) return [];
  const keys = rare.map((w) => w.key);
  const scored: { hit: SearchHit; held: number }[] = [];
  for (const source of sources) {
    for (const passage of source.passages) {
      const lower = passage.text.toLowerCase();
      const held = keys.filter((k) => lower.includes(k)).length;
      if (held > 0) scored.push({ hit: { passage, source, score: 1 - held / keys.length }, held });
    }
  }
  return scored.sort((a, b) => b.held - a.held).slice(0, 5).map((s) => s.hit);
}

/** Words of the query for the passage nearest a misquotation. */
const nearestQueryWords = 5;

/**
 * A misquotation's words of more than three letters that some source holds, rarest first. A
 * word no source holds is the changed one (or a typo the alignment cannot match either), and
 * rare words find the passage among few candidates, where common ones make the search rank
 * thousands.
 */
function rarestWords(library: Library, contentWords: readonly Word[]): Word[] {
  const seen = new Set<string>();
  return contentWords.filter((w) => w.text.length > 3 && !seen.has(w.key) && seen.add(w.key))
    .map((w, at) => ({ w, at, n: library.wordFrequency(w.text) }))
    .filter((x) => x.n > 0)
    .sort((a, b) => a.n - b.n || a.at - b.at)
    .map((x) => x.w);
}

/** Names what the unmarked changes do: a number, a negation or a name changed weighs most. */
export function alterationsOf(given: readonly DiffOp[]): Alteration[] {
  const ops = pairedOps(given);
  const found: Alteration[] = [];
  const text = (ws: readonly Word[]): string => ws.map((w) => w.text).join(' ');
  // The quotation's first word is capitalised by position, not because it is a name.
  const firstWord = ops.find((o) => o.draft.length > 0)?.draft[0];
  const droppedKeys = new Set(ops.filter((o) => o.op === 'dropped').flatMap((o) => o.source.map((w) => w.key)));
  const addedKeys = new Set(ops.filter((o) => o.op === 'added').flatMap((o) => o.draft.map((w) => w.key)));
  for (const op of ops) {
    if (op.op === 'same') continue;
    const all = [...op.draft, ...op.source].filter((w) => w.isWord);
    const d = text(op.draft);
    const s = text(op.source);
    if (all.some((w) => /\d/.test(w.text) || numberWords.has(w.key))) found.push({ kind: op.op === 'added' ? 'numberAdded' : op.op === 'dropped' ? 'numberDropped' : 'number', draft: d, source: s });
    else if (all.some((w) => negations.has(w.key) || /n't$/.test(w.key))) found.push({ kind: 'negation', draft: d, source: s });
    else if (all.some((w) => /^\p{Lu}/u.test(w.text) && !sentenceStarters.has(w.text) && w !== firstWord)) found.push({ kind: 'name', draft: d, source: s });
    else if (op.op === 'added' && op.draft.every((w) => droppedKeys.has(w.key))) found.push({ kind: 'reordered', draft: d, source: s });
    else if (op.op === 'dropped' && op.source.every((w) => addedKeys.has(w.key))) continue;
    else if (op.op === 'dropped') found.push({ kind: 'omitted', draft: d, source: s });
    else if (op.op === 'added') found.push({ kind: 'added', draft: d, source: s });
    else found.push({ kind: 'replaced', draft: d, source: s });
  }
  return found;
}

/**
 * The diff with each dropped stretch right next to an added one read as one change: the
 * alignment may give "100" → "200" as a drop and an addition, which a writer reads as a
 * replacement (and a number changed has both its numbers).
 */
function pairedOps(ops: readonly DiffOp[]): DiffOp[] {
  const out: DiffOp[] = [];
  for (const op of ops) {
    const previous = out[out.length - 1];
    if (previous && ((previous.op === 'dropped' && op.op === 'added') || (previous.op === 'added' && op.op === 'dropped'))) {
      out[out.length - 1] = { op: 'changed', draft: [...previous.draft, ...op.draft], source: [...previous.source, ...op.source] };
    } else out.push(op);
  }
  return out;
}

/** Capitalised words that start sentences far more often than they name anyone. */
const sentenceStarters = new Set(['The', 'A', 'An', 'It', 'He', 'She', 'They', 'We', 'I', 'This', 'That', 'These', 'Those', 'But', 'And', 'Or', 'In', 'On', 'At', 'If', 'When', 'What', 'There', 'Our', 'My', 'His', 'Her', 'Their', 'Its', 'As', 'For', 'So', 'To', 'You']);

/**
 * Whether the writer's attribution agrees with the source. A quotation is `misattributed` only
 * when that is certain: the source names a speaker for these words (read from a cue of speech,
 * not guessed from the quotations around), the writer names someone, and the two cannot be the
 * same person or body (surname, title, acronym, the outlet or author, or a name the source
 * gives in the quotation's own sentence all count as the same). When either side names no one,
 * the attribution is unverified, with the reason.
 */
function judgeSpeaker(quote: DraftQuote, source: SourceDoc, passage: Passage | undefined, span: Span): { misattributed?: string; sentence?: string; doubt?: SpeakerDoubt } | undefined {
  const given = quote.speaker?.name;
  // The writer names no one: there is no attribution to check. Terms are nobody's words.
  if (!given || passage?.kind === 'term') return undefined;
  const han = /^\p{Script=Han}/u.test(given);
  // Only a name can be compared: "he" or "the spokeswoman" that the draft could not resolve may stand for anyone.
  if (/^(?:he|she|they|it|we|[i他她其]|you|him|her|them|他们|她们)$/i.test(given) || (!han && !/^\p{Lu}/u.test(given.replace(/^(?:the|a|an)\s+/i, '')))) {
    return passage?.speaker && sameName(passage.speaker, given) ? undefined : { doubt: { reason: 'writer' } };
  }
  // Words quoted inside the source's quotation ("He said, ‘Well, …’") are not its speaker's own:
  // the source gives them to whoever its speaker quotes.
  if (passage?.speaker && quotedWithin(source.text, passage, span)) return { doubt: { reason: 'source' } };
  // Two people of one family ("Bill Clinton", "Hillary Clinton"): the surname is shared, but given
  // names of either gender tell them apart, as certainly as two surnames would.
  if (passage?.speaker && !passage.speakerInferred && passage.speakerMention && /^\p{Lu}/u.test(source.text.slice(passage.speakerMention.start, passage.speakerMention.end)) && givenNamesDiffer(passage.speaker, given)) {
    return { misattributed: passage.speaker, sentence: speakerSentenceOf(source, passage) };
  }
  const known = [passage?.speaker, passage?.speakerMention ? source.text.slice(passage.speakerMention.start, passage.speakerMention.end) : undefined, source.meta.outlet, source.meta.author]
    .filter((x): x is string => Boolean(x));
  if (known.some((k) => sameName(k, given))) return undefined;
  const surname = lastWord(given);
  if (!surname) return undefined;
  // Titles and names either side may hold the other's name: the source's "Del. Corinne Abbot"
  // read as "Del", the writer's "French President Anne Morel" cut short.
  if (passage?.speakerMention && hasWord(nameRun(source.text, passage.speakerMention), surname)) return undefined;
  if (passage?.speaker && quote.speaker?.phrase && hasWord(quote.speaker.phrase, lastWord(passage.speaker))) return undefined;
  // The sentence around the quoted words, without them: a name inside the quotation is someone it speaks of.
  const sentence = passage?.sentence ?? span;
  const before = source.text.slice(sentence.start, Math.max(sentence.start, span.start));
  const after = source.text.slice(Math.min(sentence.end, span.end), sentence.end);
  // The source may relay what the writer's speaker said ("Smith said Jones told him “…”"): the
  // name stands when the sentence gives it words. A name it only speaks of ("Clinton says
  // Trump’s “…”") does not; when the source names no one, any name in the sentence may be the speaker.
  const mentioned = han ? (before + after).includes(surname)
    : passage?.speaker && !passage.speakerInferred ? speaksIn(before, surname, false) || speaksIn(after, surname, true)
      : new RegExp(`\\b${escapeRegExp(surname)}\\b`, 'i').test(before + ' … ' + after);
  if (mentioned) return undefined;
  // An outlet or listener the paragraph credits ("…,” Sanders said, according to CNN. “…”) relayed
  // all its quotations: the writer who names it is not certainly wrong.
  if (!han && relayedBy(paragraphWithout(source, span), surname)) return undefined;
  if (!passage?.speaker) return { doubt: { reason: 'source' } };
  // A speaker carried over from the quotation before, or read from a pronoun or a description,
  // is the source's inference: it is refuted only when the writer's speaker is named nowhere
  // near (this paragraph, the two before and the one after, where a signature stands).
  const mentionWords = passage.speakerMention ? source.text.slice(passage.speakerMention.start, passage.speakerMention.end) : '';
  // A pronoun whose name stands before it in its own sentence ("Marchetti said she felt … “…,” she
  // said") is as certain as the name; one that reaches further back is the source's inference.
  const mention = passage.speakerMention;
  const leading = mention ? source.text.slice(passage.sentence.start, Math.min(span.start, mention.start)) + ' ' + source.text.slice(span.end, Math.max(span.end, mention.start)) : '';
  const pronounNamed = mention !== undefined && !passage.speakerInferred && hasWord(leading, lastWord(passage.speaker));
  const described = han ? /^[他她其]/u.test(mentionWords) : (!/^\p{Lu}/u.test(mentionWords) || /^(?:he|she|they|it|we|i|his|her|their)$/i.test(mentionWords) || description(mentionWords)) && !pronounNamed;
  const near = nearby(source, span);
  const nearText = source.text.slice(near.start, near.end);
  if ((passage.speakerInferred || described) && (han ? nearText.includes(surname) : new RegExp(`\\b${escapeRegExp(surname)}\\b`, 'u').test(nearText))) {
    return { doubt: { reason: 'inferred', sourceSpeaker: passage.speaker } };
  }
  return { misattributed: passage.speaker, sentence: speakerSentenceOf(source, passage) };
}

/** Whether two names share a surname but give given names of different genders ("Bill Clinton", "Hillary Clinton"). */
function givenNamesDiffer(a: string, b: string): boolean {
  const parts = (name: string): string[] => name.replace(/[’']s$/, '').split(/\s+/).filter((w) => !nameTitles.has(w.replace(/\.$/, '')));
  const x = parts(a);
  const y = parts(b);
  if (x.length < 2 || y.length < 2 || x.at(-1)!.toLowerCase() !== y.at(-1)!.toLowerCase()) return false;
  const gx = givenNameGender(x[0]);
  const gy = givenNameGender(y[0]);
  return gx !== undefined && gy !== undefined && gx !== gy;
}

/** Words that begin a clause of their own, whose subject is not the speaker of the verb before. */
const clauseWords = new Set(['when', 'while', 'as', 'after', 'before', 'because', 'if', 'that', 'since', 'until', 'and', 'but', 'where', 'who', 'whom', 'which', 'though', 'although']);

/** A name that reads as a news outlet or a programme: an acronym, or a word such outlets are named with. */
function outletLike(name: string): boolean {
  return /\b\p{Lu}{2,}\b/u.test(name) || /\b(?:News|Times|Post|Journal|Radio|Television|TV|Network|Press|Magazine|Herald|Tribune|Daily|Channel|Show|Today|Reuters|Bloomberg|Politico|Gazette|Review|Courier|Ledger|Telegraph|Guardian|Observer|Wire|Broadcasting|Media|Week|Weekly|Hour|Tonight|Morning|Nation|Report|Chronicle|Globe|Star|Sun|Mail|Express|Independent|Standard|Examiner|Inquirer|Register|Dispatch|Bulletin|Monitor|Atlantic|Hill|Fox|Breitbart|Slate|Salon|Vox|Axios)\b/u.test(name);
}

/** The mark that closes a quotation each opening mark begins. */
const closingMark: Readonly<Record<string, string>> = { '‘': '’', '“': '”', '"': '"', "'": "'" };

/**
 * Whether the quoted words are a quotation inside the source's passage: a mark that opens one
 * (at the start, or after a space, “ or "(") just before them, and its closing mark after them in
 * the passage. An apostrophe ("the nurses' union") opens nothing.
 */
function quotedWithin(text: string, passage: Passage, span: Span): boolean {
  if (span.start <= passage.start) return false;
  const mark = /([‘“"'])\s*$/u.exec(text.slice(Math.max(passage.start, span.start - 3), span.start));
  if (!mark) return false;
  const at = Math.max(passage.start, span.start - 3) + mark.index;
  if (at > 0 && !/[\s“(]/u.test(text[at - 1])) return false;
  const close = closingMark[mark[1]];
  // A closing ’ or ' followed by a letter is an apostrophe inside a word ("don’t").
  const closer = close === '’' || close === "'" ? new RegExp(`${close}(?!\\p{L})`, 'u') : new RegExp(close, 'u');
  return closer.test(text.slice(span.end, Math.max(span.end, passage.end)));
}

/**
 * A description that opens a sentence, and so has a capital ("Audiences", "Aides", "The team"):
 * a determiner first, or one noun for people.
 */
function description(words: string): boolean {
  const lower = words.toLowerCase().split(/\s+/);
  if (/^(?:the|a|an|some|many|most|several|one|two|three|other|another|his|her|their|its)$/.test(lower[0])) return true;
  return lower.length === 1 && (speakerNouns.has(lower[0]) || (lower[0].endsWith('s') && speakerNouns.has(lower[0].slice(0, -1))));
}

/** The text of the paragraph holding `span`, without the quoted words themselves. */
function paragraphWithout(source: SourceDoc, span: Span): string {
  const block = source.blocks.find((b) => b.start <= span.start && span.end <= b.end);
  if (!block) return '';
  return source.text.slice(block.start, span.start) + ' … ' + source.text.slice(span.end, block.end);
}

/** Whether `text` credits `surname` as the outlet or listener words went through ("according to CNN", "told Reuters", "provided by Lakeside Community Radio", "reports Harbor Daily"). */
function relayedBy(text: string, surname: string): boolean {
  const name = escapeRegExp(surname);
  const before = String.raw`(?:the\s+)?(?:\p{Lu}[\p{L}.'’-]*\s+){0,3}`;
  return new RegExp(String.raw`\baccording to\b[^.;“”"]{0,60}?\b${name}\b|\b(?:told|tells|telling|via|reports?|(?:provided|obtained|published|released|reported|aired|broadcast)\s+by)\s+${before}${name}\b`, 'u').test(text);
}

/** The paragraph holding `span` with the two before it and the one after: where a speaker is looked for. */
function nearby(source: SourceDoc, span: Span): Span {
  const blocks = source.blocks;
  const at = Math.min(partitionPoint(blocks, (b) => b.end <= span.start), blocks.length - 1);
  return { start: blocks[Math.max(0, at - 2)]?.start ?? 0, end: blocks[Math.min(blocks.length - 1, at + 1)]?.end ?? source.text.length };
}

/** The sentence of the source that names a passage's speaker, clipped to a line. */
function speakerSentenceOf(source: SourceDoc, passage: Passage): string | undefined {
  const mention = passage.speakerMention;
  if (!mention) return undefined;
  const within = passage.sentence.start <= mention.start && mention.end <= passage.sentence.end ? passage.sentence : undefined;
  const block = source.blocks.find((b) => b.start <= mention.start && mention.end <= b.end);
  const around = within ?? block ?? mention;
  const text = source.text.slice(around.start, around.end).replace(/\s+/g, ' ').trim();
  return text.length > 240 ? `${text.slice(0, 239)}…` : text;
}

/**
 * Whether `text` gives words to `surname`, or has them pass through it: the name followed (after
 * an apposition) by a verb of speech ("Jones, his aide, said"), after one ("according to Jones",
 * and after the quotation "…,” said Jones"), or the outlet or listener they were told to. A
 * possessive ("says Trump’s “…”") names whose words are meant, not who speaks.
 */
function speaksIn(text: string, surname: string, afterQuote: boolean): boolean {
  for (const m of text.matchAll(new RegExp(`\\b${escapeRegExp(surname)}\\b`, 'gu'))) {
    const end = m.index + m[0].length;
    const following = text.slice(end, end + 80);
    const preceding = text.slice(Math.max(0, m.index - 40), m.index);
    // The outlet or the listener the words were given to ("Lisle told KBNW", "in an interview with
    // Fox News", "in Forbes’ words") relayed them: the writer who names it is not certainly wrong.
    if (/\b(?:told|tells|telling|via)\s+(?:the\s+)?(?:\p{Lu}[\p{L}.'’-]*\s+){0,3}$/u.test(preceding)) return true;
    // After a weaker preposition ("with Fox News", "on CNN") only an outlet relays words: a person
    // the words were addressed to ("returned the compliment to Adelson") did not say them.
    const weak = /\b(?:to|with|on|from)\s+(?:the\s+)?((?:\p{Lu}[\p{L}.'’-]*\s+){0,3})$/u.exec(preceding);
    if (weak && outletLike(weak[1] + m[0] + (/^\s+\p{Lu}[\p{L}.'’-]*/u.exec(following)?.[0] ?? ''))) return true;
    if (/^[’']s?\s+(?:words|account|report|reporting|interview|statement|tweet|book|column|article|story|show)\b/u.test(following)) return true;
    if (/^[’']s\b/u.test(following)) continue;
    const next = /^(?:\s*,[^,“”"]{1,60},)?\s+(\p{Ll}+)(?:\s+(\p{Ll}+))?/u.exec(following);
    // "…,” Voss said when Ellis asked him": after the quotation, a name that opens a clause of
    // its own speaks in that clause, not the quoted words.
    const opensClause = afterQuote && clauseWords.has(preceding.trimEnd().split(/\P{L}/u).pop()!.toLowerCase());
    if (next && !opensClause && (speechVerbs.has(next[1]) || (next[2] !== undefined && speechVerbs.has(next[2])))) return true;
    if (/\b[Aa]ccording to\s+(?:\p{Lu}[\p{L}.'’-]*\s+){0,3}$/u.test(preceding)) return true;
    // A verb of speech before the name, after the quotation or before a colon or a comma; a
    // description may stand between them ("…,” said Hartley ally Owen Fairbrook", "explained CBS
    // moderator Ellen Sorvino: “…”", "…,” reports Harbor Daily).
    if (afterQuote || /^\s*[,:]/u.test(following)) {
      const words = preceding.split(/[.;!?“”"]/u).pop()!.split(/[\s,]+/u).filter(Boolean).slice(-5);
      let verb = words.length - 1;
      while (verb >= 0 && !speechVerbs.has(words[verb])) verb--;
      // "…,” Trump said when Boyle asked him": a clause that begins after the verb has a subject of its own.
      if (verb >= 0 && !words.slice(verb + 1).some((w) => clauseWords.has(w.toLowerCase()))) return true;
    }
  }
  return false;
}

/** Whether `phrase` holds `word` as a whole word, in any case. */
function hasWord(phrase: string, word: string): boolean {
  const w = word.toLowerCase().replace(/[’']s$/, '');
  return w.length > 1 && phrase.toLowerCase().split(/[^\p{L}\p{M}\p{N}]+/u).includes(w);
}

function lastWord(name: string): string {
  return name.replace(/[’']s$/, '').trim().replace(/\([^()]*\)$/, '').trim().split(/\s+/).pop() ?? '';
}

/** Two names for one speaker: equal last words ("Smith", "Charlie Smith"), or one inside the other. */
export function sameName(a: string, b: string): boolean {
  const clean = (s: string): string => s.toLowerCase().replace(/^the\s+/, '').replace(/[’']s\b/g, '').trim();
  const x = clean(a);
  const y = clean(b);
  if (!x || !y) return false;
  return x === y || x.includes(y) || y.includes(x) || lastWord(x) === lastWord(y);
}

function qualifierFollowing(source: SourceDoc, span: Span): string | undefined {
  const after = source.text.slice(span.end, span.end + 60);
  const m = qualifierAfter.exec(after.replace(/^[”"’»」』]/, ''));
  return m ? m[1] : undefined;
}
