import { trimWhere } from '../text/trim';
import type { Span } from '../model';
import { isTitle } from './titles';
import { cjkLetter } from '../text/language';

/**
 * Terms: words in quotation marks that nobody is quoted as saying. The title of a work ("his
 * book “The Art of the Deal”"), a so-called word ("the so-called “Arab Spring”", "the term
 * “radical Islam”"), a scare-quoted word the writer keeps at a distance ("a federal “supermax”
 * prison") and a name of code or markup ("the “Content-Type” header"). A term is indexed
 * (searchable, insertable) but never given a speaker, so it can never be misattributed.
 */
export function isTerm(text: string, inner: Span, open: number, close: number, attributed: 'cue' | 'subject' | 'neighbour' | undefined, english = true): boolean {
  if (isTitle(text, inner, open, close)) return true;
  const quoted = text.slice(inner.start, inner.end).trim();
  if (quoted === '') return false;
  if (english && (isBylinedTitle(text, open, close) || isDatedWork(text, close) || isNickname(text, quoted, open, close))) return true;
  if (english && (isCapitalHeading(text, quoted, open, close) || isMention(text, quoted, open, close) || isLabel(text, quoted, open, close))) return true;
  if (english && attributed !== 'cue' && namesSomething(text, quoted, open, close)) return true;
  const before = text.slice(Math.max(0, open - 40), open).replace(/\s+/g, ' ');
  if (namingBefore.test(before)) return true;
  if (codeLike(quoted) || inCode(text, open, close)) return true;
  if (isStageDirection(text, inner)) return true;
  // A quotation a cue of speech gives to someone is their words, however short.
  if (attributed === 'cue') return false;
  // A sentence's subject is the speaker of a phrase it quotes only when the sentence reports words,
  // thoughts or judgements: "the media pushed the “gun violence” narrative" quotes nobody.
  if (english && attributed !== undefined && isScareQuote(text, quoted, open, close)) return true;
  // One of a list of quoted words ("a type, which is “basic”, “cors” or “error”") names values, not speech.
  if (inListOfWords(text, quoted, open, close)) return true;
  // A phrase quoted in passing: a few words that end no clause ("“establishment” candidate",
  // "the “comeback kid” in 1992"). Words that end with a comma, a full stop or a question mark
  // inside the marks were cut from speech, and stay quotations.
  const words = quoted.split(/\s+/);
  if (words.length > maxTermWords || /[.,;:?!…—–\-。，！？；：]$/.test(quoted) || cjkLetter.test(quoted)) return false;
  // Only a phrase that no rule gives to anyone: in news prose a short phrase in a sentence about
  // someone ("called the system “rigged”") is nearly always that person's word. So is one a verb
  // of calling or portraying puts in someone's mouth ("calls people “losers”", "pounding Trump as
  // a “con artist”"), even when its subject is too far for the rules of attribution.
  if (attributed !== undefined) return false;
  return !english || !callingBefore.test(text.slice(Math.max(0, open - 50), open).split(/[.;!?“”"]/).pop()!);
}

/** The words of the quotation's sentence before its opening mark. */
function sentenceBefore(text: string, open: number): string {
  return text.slice(Math.max(0, open - 200), open).split(/[.!?]\s|\n/).pop()!;
}

/**
 * Verbs of saying, thinking and judging, and nouns of speech, whose presence in a sentence makes a
 * phrase it quotes somebody's words. Each verb in all its regular forms (see `judgingForms`); a
 * verb that doubles its last consonant before -ed and -ing says so with a trailing "*" ("slam*").
 */
const judgingVerbs = ('accuse acknowledge admire admit* advise affirm allege announce answer apologize apologise argue ask assert ' +
  'assume assure attack bash beg* belittle berate blame blast boast brag* brand call caution characterize characterise charge chant ' +
  'chastise chide cite claim comment compare complain concede conclude condemn confess confirm consider contend criticize criticise ' +
  'declare decry deem defend demand denigrate denounce deny depict deplore deride describe dismiss disparage doubt dub* echo emphasize ' +
  'emphasise endorse excoriate explain express fear hail herald hint hope imply indicate insist insult intimate invoke joke label ' +
  'lambaste lament laud liken mention mock name note observe opine plead pledge portray praise predict proclaim promise pronounce ' +
  'propose protest quip* quote reassure rebuke recall recommend refer* regard reiterate reject remark remind repeat reply report reveal ' +
  'ridicule say scoff scold scream shout slam* sneer speak stress suggest swear talk taunt testify think threaten tout tweet urge view ' +
  'vow warn wish wonder worry write yell believe expect want').split(' ');
const judgingWords = judgingForms(judgingVerbs, ('said told tell tells telling thought felt feel feels feeling found find finds spoke spoken ' +
  'swore sworn wrote written termed word words phrase slogan nickname moniker rhetoric language speech remarks statement interview ' +
  'letter memo editorial column complaint criticism as according').split(' '));

/**
 * The regular forms of verbs (call, calls, called, calling; decry, decried; slam*, slammed), with
 * other words as they are. A verb ending in one vowel and an unstressed "l" has both spellings
 * (label: labeled, labelled, labeling, labelling).
 */
function judgingForms(verbs: readonly string[], others: readonly string[]): ReadonlySet<string> {
  const forms = new Set(others);
  for (const entry of verbs) {
    const doubled = entry.endsWith('*');
    const verb = doubled ? entry.slice(0, -1) : entry;
    const y = /[^aeiou]y$/.test(verb);
    const stems = verb.endsWith('e') ? [verb.slice(0, -1)] : doubled ? [verb + verb.at(-1)!]
      : /[^aeiou][aeiou]l$/.test(verb) ? [verb, verb + 'l'] : [verb];
    forms.add(verb);
    forms.add(/(?:[sxz]|sh|ch)$/.test(verb) ? verb + 'es' : y ? verb.slice(0, -1) + 'ies' : verb + 's');
    for (const stem of stems) {
      forms.add(verb.endsWith('e') ? verb + 'd' : y ? verb.slice(0, -1) + 'ied' : stem + 'ed');
      forms.add(stem + 'ing');
    }
  }
  return forms;
}

/** Whether the words hold a verb of saying, thinking or judging, or a noun of speech. */
function reportsJudgement(words: string): boolean {
  return (words.toLowerCase().match(/[a-z]+/g) ?? []).some((w) => judgingWords.has(w));
}

/**
 * A scare quote: a phrase of a few words inside a noun phrase (after a determiner or a possessive,
 * or before the noun it qualifies: "the GOP’s “establishment” candidate", "a federal “supermax”
 * prison") in a sentence with no verb of saying or judging. Before a noun of speech ("the “king of
 * debt” moniker") the phrase is someone's words.
 */
function isScareQuote(text: string, quoted: string, open: number, close: number): boolean {
  if (quoted.split(/\s+/).length > maxTermWords || /[.,;:?!…]$/.test(quoted)) return false;
  const sentence = sentenceBefore(text, open);
  if (reportsJudgement(sentence)) return false;
  const next = /^[^\S\n]+(\p{Ll}[\p{Ll}-]*)/u.exec(text.slice(close + 1, close + 30))?.[1];
  if (next !== undefined && speechNounsAfter.has(next)) return false;
  const qualifies = next !== undefined && !functionWords.has(next) && !quantifiers.has(next) && !/ly$/.test(next);
  return qualifies || /(?:\b(?:the|a|an|its|his|her|their|our|this|that|these|those|my|your)|['’]s)\s$/i.test(sentence);
}

const speechNounsAfter = new Set('remark remarks comment comments moniker nickname label line slogan phrase quote quip jab insult rhetoric claim charge tweet chant refrain mantra catchphrase taunt'.split(' '));
const quantifiers = new Set('a an the more most less very too all both each every some any no'.split(' '));

/**
 * A headline in capitals, on a line with no lower-case letter ("“DIVISIVE, STUPID AND WRONG”"
 * heading a section): a heading, not a quotation in the prose.
 */
function isCapitalHeading(text: string, quoted: string, open: number, close: number): boolean {
  if (!/\p{Lu}{2}/u.test(quoted) || quoted.split(/\s+/).length < 2) return false;
  const lineStart = text.lastIndexOf('\n', open - 1) + 1;
  const lineEnd = text.indexOf('\n', close);
  return !/\p{Ll}/u.test(text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd));
}

/**
 * The name of a button or of an answer to pick ("click “sign up.”", "those who chose “honest and
 * trustworthy”"), or a label standing alone as its paragraph ("“Related:”"): words of an
 * interface or a form, not anyone's speech.
 */
function isLabel(text: string, quoted: string, open: number, close: number): boolean {
  if (/\b(?:click(?:s|ed|ing)?|tap(?:s|ped|ping)?|press(?:es|ed|ing)?|select(?:s|ed|ing)?|choose|chooses|chose|chosen|choosing|pick(?:s|ed|ing)?|tick(?:s|ed|ing)?)(?: on)? $/i.test(text.slice(Math.max(0, open - 30), open))) return true;
  return /^[^\s:]+(?: [^\s:]+)?:$/.test(quoted) && (open === 0 || text[open - 1] === '\n') && (close + 1 >= text.length || text[close + 1] === '\n');
}

/**
 * Words quoted to speak of the words themselves: a few words opening their sentence, followed by
 * "is", "was", "means" ("“Top secret” is the highest level of classification", "“Non-paper” is a
 * diplomatic term").
 */
function isMention(text: string, quoted: string, open: number, close: number): boolean {
  if (quoted.split(/\s+/).length > maxTermWords || /[.,;:?!…]$/.test(quoted)) return false;
  if (!/(?:^|[.!?]["”’]?\s|\n)$/.test(text.slice(Math.max(0, open - 3), open))) return false;
  return /^[^\S\n](?:is|was|are|were|means|meant|refers|has|have|had)\b/.test(text.slice(close + 1, close + 12));
}

/**
 * A stage direction or an editor's note, all in parentheses or brackets: "(CROSSTALK.)",
 * "[Applause]". Nobody's words, even inside a transcript's quotation that runs on.
 */
export function isStageDirection(text: string, inner: Span): boolean {
  return /^\([^()]*\)[.!]?$|^\[[^[\]]*\][.!]?$/.test(text.slice(inner.start, inner.end).trim());
}

/** A verb that gives someone's name for a thing, then the thing (and "a", "as a") before the quoted words. */
const callingBefore = /\b(?:call(?:s|ed|ing)?|dub(?:s|bed|bing)?|label(?:s|ed|led|ing|ling)?|brand(?:s|ed|ing)?|portray(?:s|ed|ing)?|(?<!-)describ(?:e|es|ed|ing)|dismiss(?:es|ed|ing)?|derid(?:e|es|ed|ing)|mock(?:s|ed|ing)?|pound(?:s|ed|ing)?|criticiz(?:e|es|ed|ing)|slam(?:s|med|ming)?|blast(?:s|ed|ing)?|denounc(?:e|es|ed|ing))\b[^,]{0,40}$/i;

/** Phrases quoted in passing are this short at most; longer ones are somebody's words. */
const maxTermWords = 3;

/** Words that introduce a term rather than speech: "so-called", "the word", "known as". */
const namingBefore = /(?:\bso-called|\bso called|\bthe (?:word|words|term|terms|phrase|label|name|expression|hashtag|slogan|pseudonym|alias|nickname|moniker|codename|code name)|\b(?:known|referred to|billed|branded|marketed) as|\ba\.k\.a\.?|\baka)[,:]?\s?$/i;

/** Items of a list of quoted words are this short at most. */
const maxListItemWords = 2;
/** How many quoted words in a row make a list of names rather than words someone said. */
const minListItems = 3;
const listItem = /^[^“”"\n]{1,40}$/;
/** What separates two items of a list: a comma, "or", "and", or both. */
const listGapAfter = /^[,;]?\s*(?:(?:or|and|und|et|ou|y|o)\s+)?(?=[“"])/;
const listGapBefore = /[”"][,;]?\s*(?:(?:or|and|und|et|ou|y|o)\s+)?$/;

/**
 * Whether the quotation is one of at least three short quoted items in a row, separated by
 * commas, "or" or "and" (“basic”, “cors”, “default” or “error”).
 */
function inListOfWords(text: string, quoted: string, open: number, close: number): boolean {
  const short = (item: string): boolean => listItem.test(item) && item.trim().split(/\s+/).length <= maxListItemWords;
  if (!short(quoted)) return false;
  let items = 1;
  // Forwards: the gap after this item's closing mark, then the next item.
  let at = close + 1;
  while (items < minListItems) {
    const gap = listGapAfter.exec(text.slice(at, at + 12));
    if (!gap) break;
    const from = at + gap[0].length + 1;
    const end = text.slice(from, from + 42).search(/[”"]/);
    if (end < 0 || !short(text.slice(from, from + end))) break;
    items++;
    at = from + end + 1;
  }
  // Backwards: the gap before this item's opening mark, then the item before.
  let to = open;
  while (items < minListItems) {
    const window = text.slice(Math.max(0, to - 12), to);
    const gap = listGapBefore.exec(window);
    if (!gap) break;
    const closing = to - (window.length - gap.index);
    const start = text.slice(Math.max(0, closing - 42), closing).search(/[“"][^“”"]*$/);
    if (start < 0) break;
    const from = Math.max(0, closing - 42) + start;
    if (!short(text.slice(from + 1, closing))) break;
    items++;
    to = from;
  }
  return items >= minListItems;
}

/** A name of code, markup, a file, a header or an address, not words anyone said. */
function codeLike(quoted: string): boolean {
  if (/\s/.test(quoted)) return /^(?:https?:|www\.|\/)/.test(quoted);
  return /[/_@=<>{}#\\]|^\d[\d.,:%]*$|\p{Ll}\p{Lu}|^[\p{Lu}\d]{2,}$|^\.?[\w-]+\.[a-z]{1,4}$|^\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)+$/u.test(quoted);
}

/**
 * A quotation inside code or markup (a JSON object, an HTTP exchange, a tag's attribute): braces
 * near it, a key's colon right after it, or an assignment right before it.
 */
function inCode(text: string, open: number, close: number): boolean {
  const before = text.slice(Math.max(0, open - 40), open);
  const after = text.slice(close + 1, close + 41);
  if (/[{}]/.test(before.slice(before.lastIndexOf('\n') + 1)) || /[{}]/.test(after.split('\n', 1)[0]) || /^\s*:/.test(after)) return true;
  // An argument or an item: `f("x")`, `["a", "b"]`, `key = "v",`. Prose in parentheses ("Rubio
  // (“Tiny Paul”)", "she noted, “…”)") has a space before its bracket or its words after a comma.
  return /(?:[=[]|[\w$]\(|["'\d\]],)\s*$/.test(before) && /^\s*[,\]})]/.test(after);
}

/**
 * A headline or a title followed by its byline: "“Posthumous books could come with a lot of
 * dollar signs,” by the Courier’s Ivo Marsh". The comma before "by" sets the byline apart;
 * "labeled “top secret” by the State Department" has none, and gives the words to someone.
 */
function isBylinedTitle(text: string, open: number, close: number): boolean {
  // A headline opens its line or follows a dash or a colon ("FAREWELL—“…,” by …").
  if (!/(?:^|\n)[^\S\n]*$|[—–:-][^\S\n]*$/u.test(text.slice(Math.max(0, open - 30), open))) return false;
  const inside = text[close - 1] === ',';
  return new RegExp(String.raw`^${inside ? '' : ','}[^\S\n]+by[^\S\n]+(?:the[^\S\n]+)?\p{Lu}`, 'u').test(text.slice(close + 1, close + 40));
}

/** A work with its year in parentheses right after it: a poster, a film, a slogan of a campaign ("“Yes to tower ban” (2009)"). */
function isDatedWork(text: string, close: number): boolean {
  return /^[,.]?[^\S\n]*\((?:\p{L}+\.?[^\S\n]+)?(?:1[5-9]|20)\d\d\)/u.test(text.slice(close + 1, close + 24));
}

/** A nickname inside a name: Harold “Hal” Brisbane, Juan "Chico" Manriquez. */
function isNickname(text: string, quoted: string, open: number, close: number): boolean {
  if (!/^\p{Lu}[\p{L}.'’-]*(?: \p{Lu}[\p{L}.'’-]*)?$/u.test(quoted)) return false;
  return /(?:^|\P{L})\p{Lu}[\p{L}\p{M}.'’-]*[^\S\n]$/u.test(text.slice(Math.max(0, open - 30), open)) && /^[^\S\n]\p{Lu}\p{Ll}/u.test(text.slice(close + 1, close + 4));
}

/**
 * A name in title case that the sentence uses as one ("the “Arab Spring” uprisings", "a “Talk
 * Bernie to Me” tote bag", "the “Gang of Eight,” which"): after an article or a possessive, or
 * before a noun it qualifies. Names of groups, plans, events and things, not words anyone said.
 */
function namesSomething(text: string, quoted: string, open: number, close: number): boolean {
  const words = quoted.replace(/[,.]$/, '').split(/\s+/);
  if (words.length < 2 || words.length > 8 || /[!?…:;]/.test(quoted) || !titleCased(words)) return false;
  const before = text.slice(Math.max(0, open - 50), open);
  // "called the “Trump of the East”", "known as the “Midnight Crew”": somebody's name for it.
  if (namingVerbBefore.test(before)) return false;
  if (/(?:^|\s)(?:the|a|an|this|that)\s$/i.test(before)) return true;
  // A name that opens its sentence and goes on with a verb is that sentence's subject, said or not.
  if (/(?:^|[.!?:]["”’]?)\s*$/u.test(before)) return false;
  const next = /^[^\S\n]+(\p{Ll}+)/u.exec(text.slice(close + 1, close + 30));
  return next !== null && !functionWords.has(next[1]);
}

const namingVerbBefore = /\b(?:call(?:s|ed|ing)?|dub(?:s|bed|bing)?|nam(?:e|es|ed|ing)|label(?:s|ed|led|ing|ling)?|brand(?:s|ed|ing)?|nicknamed|known as|refer(?:s|red|ring)? to|as|chant(?:s|ed|ing)?|shout(?:s|ed|ing)?|yell(?:s|ed|ing)?|read(?:s|ing)?|sa(?:y|ys|id|ying))(?:\s+(?:the|an?))?\s+$/i;

/** Every word capitalised but the minor ones between: the way names and titles are written. */
function titleCased(words: readonly string[]): boolean {
  let capitals = 0;
  for (const [i, raw] of words.entries()) {
    const word = trimWhere(raw, (c) => !/[\p{L}\p{N}]/u.test(c));
    if (word === '') continue;
    if (/^[\p{Lu}\p{N}]/u.test(word)) capitals++;
    else if (i === 0 || i === words.length - 1 || !minorWords.has(word)) return false;
  }
  return capitals >= 2;
}

const minorWords = new Set('a an the and or nor but of to in on at for with by from as vs via into per than de la le del von van para y et'.split(' '));

/** Words that follow a quoted name as a verb, a preposition or a conjunction would, not as the noun it qualifies. */
const functionWords = new Set(('is are was were be been being has have had do does did will would can could should may might must ' +
  'and or but nor so yet for of to in on at by with from as than that which who whom whose where when while if ' +
  'because since after before until unless though although about into onto over under between through during ' +
  'against among without within across toward towards upon around near off out up down also only even just still ' +
  'not never now then there here it its he she they we you this these those his her their our said says say told ' +
  'became become becomes remains remained continues seems seemed').split(/\s+/));
