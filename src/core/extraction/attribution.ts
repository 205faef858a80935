import type { Span } from '../model';
import type { Mention } from './mentions';
import { afterPreposition, nounPhraseEndingAt, subjectAfter, subjectBefore, textOf } from './mentions';
import { finiteAuxiliaries, openingVerbs, pastTenseVerbs, speakerNouns, speechVerbs } from './lexicon';
import { isCapitalized, lower, type Token } from './tokens';
import { trimEndWhere } from '../text/trim';

/** Who speaks, as the text around a quotation says it. */
export interface Attribution {
  readonly mention: Mention;
  /** Token index of the cue (the speech verb, "according to", the dash or the colon). */
  readonly cue: number;
  /**
   * How the speaker was found: `cue`, a cue of speech next to the quotation or in its sentence;
   * `subject`, the subject of the sentence that quotes a phrase in passing; `neighbour`, another
   * quotation of the paragraph.
   */
  readonly how?: 'cue' | 'subject' | 'neighbour';
}

/**
 * Finds the speaker of every quotation token of one paragraph. `groups` are the paragraph's
 * sentences (merged where a quotation spans them), in order. The rules, from the most to the
 * least telling:
 *
 * 1. An attribution right after the closing mark: "“…,” Smith said", "“…?” asked the
 *    senator", "“…,” the person added". Right after a quotation any verb reports it.
 * 2. A speech cue in the same sentence, nearest first, after ones that introduce the
 *    quotation ("Smith said: “…”", "according to the ministry, “…”").
 * 3. The subject of the sentence, for a phrase quoted inside a clause ("Cruz blamed the law
 *    on “knuckleheaded politicians”") and for cues that are participles ("…, calling it “X”").
 * 4. Another quotation of the paragraph that has a speaker: "“A.” “B,” he said." gives A to
 *    him too; the nearest one before wins, then the nearest after.
 * Quotations left without a speaker are for the caller to attribute from the paragraphs around.
 */
export function attributeQuotes(text: string, tokens: readonly Token[], groups: readonly Span[]): Map<number, Attribution> {
  const result = new Map<number, Attribution>();
  // A paragraph without quotations has nobody to attribute (most paragraphs of a page).
  if (!tokens.some((t) => t.kind === 'quote')) return result;
  const byToken = new Map<number, Attribution>();
  const quoteTokens: number[] = [];
  let group = 0;
  let groupStart = 0;
  const groupOf: [number, number][] = [];
  for (let i = 0; i < tokens.length; i++) {
    while (group < groups.length - 1 && tokens[i].start >= groups[group].end) {
      group++;
      groupStart = i;
    }
    groupOf[i] = [groupStart, group];
  }
  // Token ranges of the groups: [first, last] inclusive.
  const ranges = new Map<number, [number, number]>();
  tokens.forEach((_, i) => {
    const [first, g] = groupOf[i];
    const range = ranges.get(g);
    if (range) range[1] = i;
    else ranges.set(g, [first, i]);
  });

  // A sentence's cues are looked for only when a quotation asks for them: most sentences quote
  // nobody, and the reader looks for reported speech in those on its own.
  const cuesOf = new LazyCues(tokens, ranges);

  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i].kind !== 'quote') continue;
    quoteTokens.push(i);
    const [first, g] = groupOf[i];
    const last = ranges.get(g)![1];
    const ending = closingPunctuation(text, tokens[i]);
    const cues = cuesOf.get(g) ?? [];
    const direct = outerCue(tokens, cues, introducingCue(i, cues)
      ?? afterQuote(tokens, i, last, ending)
      ?? nearestCue(i, cues, ending !== '' && !clauseFollows(tokens, i)))
      ?? possessor(text, tokens, first, i);
    const found = direct ? { ...direct, how: 'cue' as const } : clauseSubject(tokens, first, i);
    if (found) byToken.set(i, { ...withAntecedent(tokens, first, found), how: found.how ?? 'subject' });
  }
  // Rule 4, in two passes: the nearest attributed quotation before, else the nearest after.
  let previous: Attribution | undefined;
  const fallback = new Map<number, Attribution>();
  for (const i of quoteTokens) {
    const own = byToken.get(i);
    if (own) previous = own.how === 'cue' ? own : undefined;
    else if (previous) fallback.set(i, { ...previous, how: 'neighbour' });
  }
  let next: Attribution | undefined;
  for (let n = quoteTokens.length - 1; n >= 0; n--) {
    const i = quoteTokens[n];
    const found = byToken.get(i) ?? fallback.get(i) ?? (next && { ...next, how: 'neighbour' as const }) ?? previousSubject(tokens, groupOf, ranges, cuesOf, i);
    // Only a cue speaks for the quotations around: a phrase quoted in passing by a sentence's
    // subject ("that’s all he has “the root of all evil”") says nothing of the one before it.
    if (byToken.has(i)) next = byToken.get(i)!.how === 'cue' ? byToken.get(i) : undefined;
    if (found && tokens[i].quote !== undefined) result.set(tokens[i].quote!, found);
  }
  return result;
}

/** The cues of each sentence (by group index, token indices of the whole paragraph), found once when first asked for. */
class LazyCues {
  readonly #found = new Map<number, Attribution[]>();
  constructor(readonly tokens: readonly Token[], readonly ranges: ReadonlyMap<number, [number, number]>) {}

  get(g: number): Attribution[] | undefined {
    let cues = this.#found.get(g);
    if (cues !== undefined) return cues;
    const range = this.ranges.get(g);
    if (range === undefined) return undefined;
    const [first, last] = range;
    cues = findCues(this.tokens.slice(first, last + 1)).map((c) => ({ mention: c.mention, cue: c.cue + first }));
    this.#found.set(g, cues);
    return cues;
  }
}

/**
 * Rule 5: a quotation that is a sentence of its own after one that names a person as its
 * subject ("His former partner, Edwin Harrow, called him a master at deals. “He showed
 * again and again …”") is that person's.
 */
function previousSubject(tokens: readonly Token[], groupOf: readonly [number, number][], ranges: ReadonlyMap<number, [number, number]>, cuesOf: LazyCues, q: number): Attribution | undefined {
  const [first, g] = groupOf[q];
  if (first !== q || g === 0) return undefined;
  const range = ranges.get(g - 1);
  if (!range || range[1] + 1 !== q) return undefined;
  // "…, Marlowe said. “The other factor …”": the last cue of the sentence before, else its subject.
  const cue = cuesOf.get(g - 1)?.at(-1);
  const found = cue ?? clauseSubject(tokens, range[0], q);
  if (!found || !(cue || found.mention.kind === 'name' || /^(?:he|she)$/i.test(found.mention.text))) return undefined;
  return { ...withAntecedent(tokens, range[0], found), how: 'subject' };
}

/**
 * Every attribution cue in one sentence that has a speaker phrase: speech verbs with their
 * subject, "according to X", "— X" after a quotation, and "X: “…”" at the sentence's start.
 */
export function findCues(tokens: readonly Token[]): Attribution[] {
  const cues: Attribution[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    // "Said Ana Wells, who grew up nearby, “…”": a sentence that opens with its verb names the speaker after it.
    if (i === 0 && t.kind === 'word' && openingVerbs.test(t.text)) {
      // Read without the verb, which would otherwise start the name ("Said Ana Wells").
      const mention = subjectAfter(tokens.slice(1), -1);
      if (mention) cues.push({ mention, cue: i });
      continue;
    }
    if (t.kind === 'word' && speechVerbs.has(t.text) && !nounUse(tokens, i)) {
      // A participle after a comma ("…, calling it “X”") has the sentence's subject, found by rule 3.
      if (/ing$/.test(t.text) && (tokens[i - 1]?.text === ',' || tokens[i - 1]?.kind === 'quote')) continue;
      // A verb right after a quotation is followed by its subject ("…,” said Smith) unless a
      // subject stands before it ("…,” Smith said); elsewhere the subject comes first.
      // Right after a quotation any noun phrase before the verb is its speaker ("“…,” the New York businessman said").
      const before = asSubject(tokens, subjectBefore(tokens, i), /ing$/.test(t.text)) ?? afterQuotation(tokens, subjectBefore(tokens, i, true));
      // "…, told The Huffington Post": after "told" stands who was told, never who speaks.
      const inverted = i > 0 && (tokens[i - 1].kind === 'quote' || tokens[i - 1].text === ',') && !toldVerbs.has(t.text);
      const mention = before ?? (inverted ? subjectAfter(tokens, i) : null);
      // "issued a statement saying “…”": the statement is what was issued; whoever issued it speaks (rule 3).
      if (mention && /ing$/.test(t.text) && issuedDocument(mention)) continue;
      if (mention) cues.push({ mention, cue: i });
      continue;
    }
    // "as the New Yorker put it", "as a memo puts it": whoever put the words so.
    if ((t.text === 'put' || t.text === 'puts') && lower(tokens[i + 1]) === 'it') {
      const mention = subjectBefore(tokens, i);
      if (mention) cues.push({ mention, cue: i });
      continue;
    }
    if (lower(t) === 'according' && lower(tokens[i + 1]) === 'to') {
      const mention = phraseAfter(tokens, i + 1);
      if (mention) cues.push({ mention, cue: i });
      continue;
    }
    // "per the party’s bylaws", "per Politico": "per" before a determiner or a name, not "per hour".
    if (t.text === 'per' && (isCapitalized(tokens[i + 1]) || /^(?:the|a|an|his|her|their|its)$/.test(tokens[i + 1]?.text ?? ''))) {
      const mention = phraseAfter(tokens, i);
      if (mention) cues.push({ mention, cue: i });
      continue;
    }
    // "— Lucia Marroquin" after a quotation, as in collected testimonies and epigraphs.
    if (/^[―—–-]$/.test(t.text) && tokens[i - 1]?.kind === 'quote' && isCapitalized(tokens[i + 1])) {
      const mention = phraseAfter(tokens, i);
      if (mention) cues.push({ mention, cue: i });
      continue;
    }
    // "Trump: “…”" and "Smith said: “…”" (the second is found by its verb).
    if (t.text === ':' && tokens[i + 1]?.kind === 'quote' && i > 0) {
      const mention = nounPhraseEndingAt(tokens, i - 1);
      // "HEADLINE - Dana Holt: “…”", as newsletters credit an excerpt: a dash before the name starts it too.
      const opens = (m: Mention): boolean => m.start === tokens[0].start || /^[-–—]$/.test(tokens[tokens.findIndex((x) => x.start === m.start) - 1]?.text ?? '');
      // "… does not surprise Republican pollster Ana Wells: “…”": a description of a person right
      // before the name says that a person is introduced, wherever the name stands.
      const described = (m: Mention): boolean => {
        const before = tokens[tokens.findIndex((x) => x.start === m.start) - 1];
        return before?.kind === 'word' && /^\p{Ll}/u.test(before.text) && speakerNouns.has(before.text);
      };
      // "Continued Okafor: “…”" was read with its opening verb already.
      const afterVerb = mention !== null && mention.start === tokens[0].start && openingVerbs.test(tokens[0].text);
      if (mention && mention.kind === 'name' && !afterVerb && (opens(mention) || (described(mention) && /\s/.test(mention.text)))) cues.push({ mention, cue: i });
    }
  }
  return cues;
}

/** The punctuation a quotation's text ends with when it ends a clause (, ? ! or a dash), else ''. */
function closingPunctuation(text: string, quote: Token): string {
  const inner = trimEndWhere(text.slice(quote.start, quote.end), (c) => /[\s”"’'»」』]/.test(c));
  const last = inner.slice(-1);
  return /[,?!—–-]/.test(last) ? last : '';
}

/**
 * Rule 1: "“…,” Smith said", "“…,” said Smith", "“…?” the senator, a Democrat, asked". Only
 * for a quotation whose text ends a clause (with , ? ! or a dash): one that ends with a full
 * stop ends its sentence, and a phrase quoted in passing does not take the next clause's
 * subject. After ? and ! a new sentence may begin, so there the verb must be one of speech.
 */
function afterQuote(tokens: readonly Token[], q: number, last: number, ending: string): Attribution | undefined {
  if (ending === '') return bareSignature(tokens, q);
  const sentenceMayEnd = ending === '?' || ending === '!';
  let j = q + 1;
  if (tokens[j]?.text === ',' || tokens[j]?.text === '—' || tokens[j]?.text === '–') j++;
  const start = tokens[j];
  if (!start || start.kind !== 'word' || (!sentenceMayEnd && j > last + 1)) return undefined;
  // "“This is fantastic!” beamed Ana Wells": right after a quotation, a verb in -ed before a
  // name or a determiner is a manner of saying it, whose subject follows.
  const manner = /^\p{Ll}{3,}ed$/u.test(start.text) && (isCapitalized(tokens[j + 1]) || /^(?:the|a|an|one)$/.test(tokens[j + 1]?.text ?? ''));
  if (speechVerbs.has(start.text) || pastTenseVerbs.has(start.text) || manner) {
    // "“…,” noting that it …": a participle's subject is the sentence's, not the words after it.
    if (toldVerbs.has(start.text) || /ing$/.test(start.text)) return undefined;
    const mention = subjectAfter(tokens, j, true);
    // "“…,” backed the plan": after a verb of no speech, only a person or a body speaks.
    // The phrase must close the clause ("beamed Ana Wells, who …"), as a subject does, not run
    // on as an object ("listed an NBC show as …").
    if (mention && manner && !speechVerbs.has(start.text)) {
      const after = tokens.find((x) => x.start >= mention.end);
      const closes = !after || after.kind !== 'word' || /^(?:who|of|from|at)$/.test(after.text);
      if (!closes || (mention.kind !== 'name' && !speakerNouns.has(mention.text.split(' ').at(-1)!.toLowerCase()))) return undefined;
    }
    if (mention) return { mention, cue: j };
    return undefined;
  }
  // "Smith said", "the person, who asked not to be named, added", "some protesters chanted".
  for (let k = j + 1; k < tokens.length && k <= j + 24; k++) {
    const t = tokens[k];
    // A nickname in marks inside a name ("Del. Marcia “Cia” Price") is part of the speaker phrase.
    if (t.kind === 'quote' && isCapitalized(tokens[k - 1]) && isCapitalized(tokens[k + 1])) continue;
    if (t.kind === 'quote' || /^[.;!?]$/.test(t.text)) break;
    if (t.kind !== 'word') continue;
    if (sentenceMayEnd && !/^\p{Ll}/u.test(start.text) ? !speechVerbs.has(t.text) && !isReportingVerb(t.text, tokens[k - 1], true) : !isReportingVerb(t.text, tokens[k - 1])) continue;
    const mention = subjectBefore(tokens, k, true);
    if (mention && mention.start === start.start) return { mention, cue: k };
    // "“…,” the dawn of the modern era, Voss says": words about the quotation set off by commas,
    // then the name that speaks it, right before its verb.
    const before = mention ? tokens.findIndex((x, n) => n > j && x.start === mention.start) - 1 : -1;
    if (mention && mention.kind === 'name' && before > j && tokens[before].text === ',' && /^\p{Ll}/u.test(start.text) && !tokens.slice(j, before).some((x) => x.kind !== 'word' && x.text !== ',')) return { mention, cue: k };
    // A phrase with a modifier after its head ("a Democratic staffer in the room wondered"):
    // what stands between the quotation and the verb, up to a comma, is the speaker.
    const phraseEnd = tokens.findIndex((x, n) => n >= j && n < k && x.text === ',');
    const end = (phraseEnd < 0 ? k : phraseEnd) - 1;
    if (end >= j && end - j <= 6 && (isCapitalized(start) || nounStarters.test(start.text))) {
      const kind = end === j && /^(?:he|she|they|i|we|it|you)$/i.test(start.text) ? 'pronoun' : isCapitalized(start) ? 'name' : 'reference';
      return { mention: { start: start.start, end: tokens[end].end, text: textOf(tokens, j, end), kind }, cue: k };
    }
    break;
  }
  return undefined;
}

/**
 * "“… the record.” Mook said.": a quotation closed with a full stop, then a sentence that is only
 * a name or a pronoun and a verb of speech. Such a sentence says nothing but who spoke the words before it.
 */
function bareSignature(tokens: readonly Token[], q: number): Attribution | undefined {
  const stop = tokens.findIndex((t, n) => n > q && n <= q + 5 && t.text === '.');
  if (stop < q + 3 || stop + 1 < tokens.length && tokens[stop + 1].kind === 'word' && /^\p{Ll}/u.test(tokens[stop + 1].text)) return undefined;
  const verb = stop - 1;
  if (!speechVerbs.has(tokens[verb].text) || tokens.slice(q + 1, verb).some((t) => t.kind !== 'word')) return undefined;
  const mention = subjectBefore(tokens, verb);
  return mention && mention.start === tokens[q + 1].start ? { mention, cue: verb } : undefined;
}

/**
 * "he" or "she" in a sentence whose subject, before it, is a name: "Trump took to Twitter … what he
 * called “X”", "Democratic Sen. Nora Quist scolded him: “…,” she said". The name is the
 * pronoun's likeliest antecedent, before anyone who spoke earlier.
 */
function withAntecedent(tokens: readonly Token[], first: number, found: Attribution): Attribution {
  const mention = found.mention;
  if (mention.kind !== 'pronoun' || !/^(?:he|she|his|her|its)$/i.test(mention.text)) return found;
  const pronoun = tokens.findIndex((t, n) => n >= first && t.start === mention.start);
  if (pronoun <= first) return found;
  const subject = clauseSubject(tokens, first, pronoun)?.mention ?? openingName(tokens, first, pronoun);
  if (!subject || subject.end > mention.start) return found;
  // "its" stands for a thing or a body the sentence is about ("Fairley’s earlier missive on Trump
  // was ridiculed for its prediction that …"); "he" and "she" for a name.
  const its = /^its$/i.test(mention.text);
  const head = its ? headOf(subject) : subject;
  const thing = head.kind === 'reference' || /\s\p{Ll}[\p{L}-]*$/u.test(head.text);
  if (its ? !thing : subject.kind !== 'name') return found;
  return { ...found, mention: { ...mention, antecedent: head } };
}

/** A description cut before its first preposition ("Fairley’s earlier missive on Trump" → "Fairley’s earlier missive"). */
function headOf(mention: Mention): Mention {
  const cut = /\s(?:on|of|about|for|from|to|in|at|by|with)\s/.exec(mention.text);
  return cut ? { ...mention, end: mention.start + cut.index, text: mention.text.slice(0, cut.index), kind: 'reference' } : mention;
}

/**
 * A name that opens the sentence and is set off by a comma, when no clause subject reads
 * ("House Speaker Leon Marsh, R-Wis., despite admitting that he …"): the sentence is about that person.
 */
function openingName(tokens: readonly Token[], first: number, before: number): Mention | undefined {
  let k = first;
  while (k < before && isCapitalized(tokens[k])) k++;
  if (k === first || k >= before || tokens[k].text !== ',') return undefined;
  const name = nounPhraseEndingAt(tokens, k - 1);
  return name && name.kind === 'name' && name.start === tokens[first].start ? name : undefined;
}

/** Verbs after which, in inverted order, stands the one spoken to ("told Reuters"). */
const toldVerbs = new Set(['told', 'tells', 'tell', 'telling', 'informed', 'informs', 'assured', 'assures']);

/** A phrase that stands right after a quotation and its comma, where only a speaker stands before a verb. */
function afterQuotation(tokens: readonly Token[], mention: Mention | null): Mention | null {
  if (!mention) return null;
  const k = tokens.findIndex((x) => x.start === mention.start);
  const previous = tokens[k - 1]?.text === ',' ? tokens[k - 2] : tokens[k - 1];
  return previous?.kind === 'quote' ? mention : null;
}

/** A subject phrase read before a verb, unless a preposition makes it an object ("of Republican claims"). */
function asSubject(tokens: readonly Token[], mention: Mention | null, participle: boolean): Mention | null {
  return mention && afterPreposition(tokens, mention, participle) ? null : mention;
}

/** "a statement", "a letter": a document with an indefinite article, which some subject issued. */
function issuedDocument(mention: Mention): boolean {
  if (mention.kind !== 'reference') return false;
  return /^(?:a|an)\s+(?:\S+\s+)?(?:statement|letter|release|memo|report|tweet|post|notice|email|message|video|ad|website|petition)$/i.test(mention.text);
}

/** A quotation followed by ", though …", ", but …": what follows starts a clause of its own, not its attribution. */
function clauseFollows(tokens: readonly Token[], q: number): boolean {
  let j = q + 1;
  if (tokens[j]?.text === ',') j++;
  return /^(?:though|although|but|and|while|whereas|which|because|so|yet|or|since|if|when|before|after|until|despite|as|where)$/.test(tokens[j]?.text ?? '');
}

/**
 * "She said she recalls the colleague being “confused”": a pronoun that opens what another cue
 * reports speaks for that cue's speaker, who is the one the sentence quotes.
 */
function outerCue(tokens: readonly Token[], cues: readonly Attribution[], found: Attribution | undefined): Attribution | undefined {
  if (!found || found.mention.kind !== 'pronoun') return found;
  for (const cue of cues) {
    if (cue.cue >= found.cue || cue === found) continue;
    let next = cue.cue + 1;
    if (tokens[next]?.text === 'that') next++;
    if (tokens[next]?.start === found.mention.start) return cue;
  }
  return found;
}

const nounStarters = /^(?:the|a|an|one|another|some|many|several|his|her|their|its|our|my|two|three|both|each|other|others|he|she|they|i|we|it|you|most|few|all)$/i;

/**
 * A verb that reports the quotation before it: a speech verb or, right after a quotation, any
 * past tense. `speechOnly` keeps to verbs of speech (where a new sentence may have begun).
 */
function isReportingVerb(word: string, previous: Token | undefined, speechOnly = false): boolean {
  if (speechVerbs.has(word)) return true;
  if (speechOnly) return false;
  if (pastTenseVerbs.has(word) || /^[a-z]{2,}ed$/.test(word)) return true;
  // Present tense after a name or a pronoun: "“…,” Smith writes".
  // A plural noun for people ("Lennox supporters") is no verb, though it ends in -s too.
  return /^[a-z]{2,}s$/.test(word) && !speakerNouns.has(word) && previous !== undefined && (isCapitalized(previous) || /^(?:he|she|it)$/.test(previous.text) || /^[a-z]{3,}ly$/.test(previous.text));
}

/** A cue that ends right before the quotation and introduces it: "Smith said: “…”", "said, “…”", "said that “…”". */
function introducingCue(q: number, cues: readonly Attribution[]): Attribution | undefined {
  for (let n = cues.length - 1; n >= 0; n--) {
    if (cues[n].cue < q && q - cues[n].cue <= 3) return cues[n];
  }
  return undefined;
}

/**
 * Rule 2: the speech cue of the sentence nearest the quotation. A quotation that ends a
 * clause looks forward first ("“…,” he said" reads on); a phrase quoted inside a clause
 * belongs to the cue before it ("Kasich says he was the “first one” to say …").
 */
function nearestCue(q: number, cues: readonly Attribution[], endsClause: boolean): Attribution | undefined {
  let before: Attribution | undefined;
  let after: Attribution | undefined;
  for (const cue of cues) {
    if (cue.cue < q) before = cue;
    else if (!after) after = cue;
  }
  return endsClause ? after ?? before : before ?? after;
}

const leadingAdverbials = /^(?:on|in|at|during|after|before|since|until|last|earlier|later|then|now|meanwhile|still|yet|but|and|so|also|however|instead|indeed|moreover|separately|previously|recently|today|yesterday|tonight|asked|speaking|when|while|as|although|though|because|if|for|with|without|from|by|like|unlike|despite|over|under|amid|among|within|outside|inside|throughout|once|twice|first|second|finally|again)$/i;

/**
 * Rule 3: the subject of the sentence, read as the noun phrase before its first verb. Leading
 * adverbials set off by commas ("On Tuesday, …", "At a rally in Salem, New Hampshire, …")
 * are skipped: each comma near the start is tried as the subject's start.
 */
function clauseSubject(tokens: readonly Token[], first: number, q: number): Attribution | undefined {
  first = afterDateline(tokens, first, q);
  const starts = [first];
  for (let c = first + 1; c < q && c < first + 24; c++) if (tokens[c].text === ',') starts.push(c + 1);
  const opener = tokens[first];
  // "Following a swiftly called meeting, the Security Council …": a participle opens an adverbial too.
  const adverbialStart = opener !== undefined && (leadingAdverbials.test(opener.text) || (/^\p{Lu}\p{Ll}+ing$/u.test(opener.text) && starts.length > 1));
  // "Twenty-two years ago, a Times article …": an adverbial known by its last word rather than its first.
  const adverbialEnd = !adverbialStart && starts.length > 1 && /^(?:later|ago|earlier|afterward|afterwards|however|though|too|instead|then|again|meanwhile|also)$/i.test(tokens[starts[1] - 2]?.text ?? '');
  for (const k of adverbialStart || adverbialEnd ? starts.slice(1) : starts.slice(0, 2)) {
    const found = subjectFrom(tokens, k, q);
    if (found) return found;
  }
  // "Lena Park, a planner who spent a decade on the harbour plan, welcomed “…”": a name that
  // opens the sentence, then an apposition too long for the phrase rules, then its verb.
  for (const k of starts.slice(0, 2)) {
    const found = appositiveSubject(tokens, k, q);
    if (found) return found;
  }
  // "In an interview with RT he blasted the media for being “…”": a pronoun before its verb.
  for (let p = first; p < q; p++) {
    if (/^(?:he|she|they)$/.test(tokens[p].text) && tokens[p + 1]?.kind === 'word' && isVerbLike(tokens[p + 1].text, tokens[p])) {
      return { mention: { start: tokens[p].start, end: tokens[p].end, text: tokens[p].text, kind: 'pronoun' }, cue: p + 1 };
    }
  }
  return undefined;
}

/**
 * A name set off by a comma at `first`, whose apposition closes with a comma right before a verb
 * that reports ("said", "welcomed", "is pledging"), before the quotation `q`.
 */
function appositiveSubject(tokens: readonly Token[], first: number, q: number): Attribution | undefined {
  const name = openingName(tokens, first, q);
  if (!name) return undefined;
  let comma = first;
  while (comma < q && tokens[comma].end <= name.end) comma++;
  for (let c = comma + 1; c < q - 1 && c <= comma + 40; c++) {
    const t = tokens[c];
    if (t.kind === 'quote' || /^[.;:!?]$/.test(t.text)) return undefined;
    if (t.text !== ',') continue;
    const verb = tokens[c + 1];
    const next = tokens[c + 2];
    const reports = verb.kind === 'word' && (speechVerbs.has(verb.text) || /^\p{Ll}{3,}ed$/u.test(verb.text) || pastTenseVerbs.has(verb.text)
      || (finiteAuxiliaries.has(verb.text) && next?.kind === 'word' && /^\p{Ll}{3,}(?:ing|ed)$/u.test(next.text)));
    if (reports) return { mention: name, cue: c + 1 };
  }
  return undefined;
}

/**
 * Where a sentence starts after a dateline ("WASHINGTON — ", "FLINT, Mich., Oct. 4 (UPI) — "): a
 * place in capitals, then capitalised words, numbers and an agency in parentheses up to a dash.
 */
function afterDateline(tokens: readonly Token[], first: number, q: number): number {
  if (!/^\p{Lu}{2,}$/u.test(tokens[first]?.text ?? '')) return first;
  for (let k = first + 1; k < q && k <= first + 14; k++) {
    const t = tokens[k];
    if (/^[—–]$/.test(t.text) || (t.text === '-' && tokens[k + 1]?.text === '-')) return t.text === '-' ? k + 2 : k + 1;
    if (!(isCapitalized(t) || /^\d+$/.test(t.text) || /^[,.()]$/.test(t.text))) return first;
  }
  return first;
}

/** The subject of a clause starting at token `k`: the phrase before its first verb, before `q`. */
function subjectFrom(tokens: readonly Token[], k: number, q: number): Attribution | undefined {
  if (/^(?:but|and|so|yet|also|still|then|now|meanwhile|or)$/i.test(tokens[k]?.text ?? '')) k++;
  if (k >= q || tokens[k].kind !== 'word') return undefined;
  for (let v = k + 1; v < q && v <= k + 12; v++) {
    const t = tokens[v];
    if (t.kind !== 'word') {
      // Commas may set off an appositive ("Smith, a lawyer, said"); subjectBefore skips it.
      if (t.text === ',' || t.text === '’s' || t.text === "'s" || t.text === '(' || t.text === ')' || t.text === '.' || t.text === '-') continue;
      return undefined;
    }
    if (!isVerbLike(t.text, tokens[v - 1])) continue;
    const mention = subjectBefore(tokens, v, true);
    // "It is strange that …", "There was …": an expletive subject names no one.
    if (mention && /^(?:it|there)$/i.test(mention.text) && /^(?:is|was|'s|’s|seems|seemed|appears|appeared|would|will)$/.test(t.text)) return undefined;
    if (mention && mention.start >= tokens[k].start && mention.start <= tokens[k].start + 4) return { mention, cue: v };
    // A phrase the noun-phrase rules do not read ("Hillary Clinton’s right-hand woman"): the
    // words before the verb, up to a comma, when they are few and start like a noun phrase.
    let end = v - 1;
    while (end > k && (auxiliaryOrAdverb(tokens[end].text))) end--;
    const comma = tokens.findIndex((x, n) => n > k && n <= end && x.text === ',');
    if (comma > 0) end = comma - 1;
    const start = tokens[k];
    // A lone determiner ("The") is no phrase; a phrase cut by a comma may be an adverbial
    // ("Minutes later, she sent …"), which the next start after the comma reads instead.
    const loneDeterminer = end === k && nounStarters.test(start.text) && !/^(?:he|she|they|i|we|it|you|some|others|another|one|many|most|all|few)$/i.test(start.text);
    if (comma > 0 && mention && mention.start > tokens[comma].start) return undefined;
    if (!loneDeterminer && end >= k && end - k <= 6 && (isCapitalized(start) || nounStarters.test(start.text))) {
      const kind = end === k && /^(?:he|she|they|i|we|it|you)$/i.test(start.text) ? 'pronoun' : isCapitalized(start) && !nounStarters.test(start.text) ? 'name' : 'reference';
      return { mention: { start: start.start, end: tokens[end].end, text: textOf(tokens, k, end), kind }, cue: v };
    }
    return undefined;
  }
  return undefined;
}

function auxiliaryOrAdverb(word: string): boolean {
  return finiteAuxiliaries.has(word) || /^[a-z]+ly$/.test(word) || /^(?:also|later|then|not|never|once|again|still|just|even)$/.test(word);
}

function isVerbLike(word: string, previous: Token | undefined): boolean {
  if (finiteAuxiliaries.has(word)) return true;
  return isReportingVerb(word, previous);
}

const nounMarkers = /^(?:the|a|an|his|her|its|their|our|my|your|this|these|those|such|no|any|some|many|several|other|recent|latest|new|public|earlier|previous)$/i;

/** A speech verb used as a noun: "Trump’s remarks", "the claims", "his calls". */
function nounUse(tokens: readonly Token[], i: number): boolean {
  const previous = tokens[i - 1];
  if (!previous) return false;
  return /[’']s$/.test(previous.text) || nounMarkers.test(previous.text);
}

/**
 * "Trump’s claim that “thousands” celebrated", "his warning that Britain would go to the
 * “back of the queue”": a possessor of a noun of speech before the quotation speaks it.
 */
function possessor(text: string, tokens: readonly Token[], first: number, q: number): Attribution | undefined {
  for (let n = q - 1; n > first && n >= q - 14; n--) {
    if (!speechNouns.has(lower(tokens[n]))) continue;
    // "denounced Trump’s remarks as “hurtful”", "said Trump’s comments “are based on …”": the
    // quotation tells what the words are, in the voice of whoever judges them, not the words.
    const between = tokens.slice(n + 1, q);
    const judged = between.some((t) => t.text === 'as') || (/s$/.test(tokens[n].text) && between.length === 1 && /^(?:are|were)$/.test(between[0].text));
    if (judged || /^[“"‘'«\s]*(?:is|are|was|were)\b/.test(text.slice(tokens[q].start, tokens[q].start + 12))) return undefined;
    let p = n - 1;
    while (p > first && tokens[p].kind === 'word' && /^\p{Ll}/u.test(tokens[p].text) && !possessives.has(tokens[p].text) && p > n - 4) p--;
    const owner = tokens[p];
    if (possessives.has(lower(owner))) return { mention: { start: owner.start, end: owner.end, text: owner.text, kind: 'pronoun' }, cue: n };
    if (owner && /[’']s$/.test(owner.text) && isCapitalized(owner)) {
      const name = nounPhraseEndingAt(tokens, p);
      if (name) return { mention: { ...name, text: name.text.replace(/[’']s$/, '') }, cue: n };
    }
    return undefined;
  }
  return undefined;
}

const possessives = new Set(['his', 'her', 'their', 'its']);
const speechNouns = new Set(('claim claims assertion assertions accusation accusations warning warnings promise promises ' +
  'pledge pledges vow vows remark remarks comment comments statement statements words call calls description ' +
  'broadside tweet tweets speech speeches suggestion insistence argument arguments complaint complaints demand ' +
  'demands charge charges message messages letter post slogan line lines phrase mantra refrain answer response ' +
  'reply retort question questions plea appeal declaration announcement admission boast boasts joke jokes quip ' +
  'criticism attack attacks insult insults rhetoric language term terms label nickname praise view views ' +
  'opinion belief contention conclusion prediction predictions threat threats offer proposal plan vision').split(' '));

/**
 * The speaker a paragraph introduces when it ends with a colon and no quotation
 * ("Cruz called them on it:", "17-year-old Ivo Marsh echoed:"), for a quotation in the next.
 */
export function introducerOf(tokens: readonly Token[]): Mention | undefined {
  const last = tokens.length - 1;
  if (last >= 1 && tokens[last].text === '.' && !tokens.some((t) => t.kind === 'quote')) return lastSubject(tokens);
  if (last < 1 || tokens[last].text !== ':') return undefined;
  let first = last - 1;
  while (first > 0 && !/^[.!?;]$/.test(tokens[first - 1].text) && tokens[first - 1].kind !== 'quote') first--;
  const sentence = tokens.slice(first, last + 1);
  const cues = findCues(sentence);
  const cue = cues[cues.length - 1];
  if (cue) return cue.mention;
  return clauseSubject(sentence, 0, sentence.length - 1)?.mention;
}

/**
 * The person a paragraph without quotations ends on, as its last sentence's subject: "Clinton
 * restricted comments about breaking up big banks." speaks the quotation standing alone after it.
 */
function lastSubject(tokens: readonly Token[]): Mention | undefined {
  const last = tokens.length - 1;
  let first = last - 1;
  while (first > 0 && !/^[.!?;]$/.test(tokens[first - 1].text)) first--;
  const sentence = tokens.slice(first, last + 1);
  const found = clauseSubject(sentence, 0, sentence.length - 1);
  if (!found || !(found.mention.kind === 'name' || /^(?:he|she)$/i.test(found.mention.text))) return undefined;
  return withAntecedent(sentence, 0, found).mention;
}

/** The name right after token `i` ("according to the ministry", "— Renata Salgado"). */
function phraseAfter(tokens: readonly Token[], i: number): Mention | null {
  let end = i;
  for (let k = i + 1; k < tokens.length && k < i + 12; k++) {
    const w = tokens[k];
    if (w.kind !== 'word' && w.text !== '(' && w.text !== ')' && w.text !== '.') break;
    end = k;
  }
  while (end > i && tokens[end].text === '.') end--;
  // Shrink from the right until a phrase reads back to just after the cue.
  for (let e = end; e > i; e--) {
    if (/^(?:to|of|for|and|or|the|a|an|in|on|at|by|with|from)$/.test(tokens[e].text)) continue;
    const phrase = nounPhraseEndingAt(tokens, e);
    if (phrase && phrase.start <= tokens[i + 1].start) {
      // "union president Alma Rees-Hardy": a description before a name reads with the name.
      let last = e;
      while (last < end && (isCapitalized(tokens[last + 1]) || /^(?:[()]|of|for|and|to|the|de|on)$/.test(tokens[last + 1].text))) last++;
      if (last > e && last === end && isCapitalized(tokens[e + 1])) return { start: phrase.start, end: tokens[end].end, text: textOf(tokens, i + 1, end), kind: 'name' };
      // "according to Republican strategist Irene Saks": a few lower-case words of description
      // between a capitalised modifier and the name that ends the phrase.
      let k = e + 1;
      while (k <= end && k <= e + 3 && tokens[k].kind === 'word' && /^\p{Ll}/u.test(tokens[k].text) && !/^(?:and|or|of|to|the|in|on|at|for|with|from|by|that|who|which)$/.test(tokens[k].text)) k++;
      if (k > e + 1 && k <= end && tokens.slice(k, end + 1).every((w) => isCapitalized(w))) return { start: phrase.start, end: tokens[end].end, text: textOf(tokens, i + 1, end), kind: 'name' };
      return phrase;
    }
  }
  // "per the party’s bylaws": loosely, a determiner and its noun.
  if (end > i && /^(?:the|a|an|his|her|their|its)$/i.test(tokens[i + 1]?.text ?? '')) {
    const phrase = nounPhraseEndingAt(tokens, end, true);
    if (phrase && phrase.start <= tokens[i + 1].start) return phrase;
    // "according to his longtime personal physician": a determiner and a few words after it.
    if (end - i <= 6 && tokens.slice(i + 1, end + 1).every((w) => w.kind === 'word')) {
      return { start: tokens[i + 1].start, end: tokens[end].end, text: textOf(tokens, i + 1, end), kind: 'reference' };
    }
  }
  // A name the noun-phrase rules do not read whole ("the event organizer Alliance to Reclaim Our
  // Schools (AROS)"): the words up to the clause's end, when a name stands among them.
  if (end > i && end - i <= 10 && tokens.slice(i + 1, end + 1).some((w) => isCapitalized(w))) {
    return { start: tokens[i + 1].start, end: tokens[end].end, text: textOf(tokens, i + 1, end), kind: 'name' };
  }
  return null;
}
