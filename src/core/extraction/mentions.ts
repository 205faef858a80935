import type { Span } from '../model';
import { auxiliaries, nameConnectors, nameSuffixes, nameTitles, notNames, personalPronouns, referenceNouns, speakerNouns } from './lexicon';
import { isCapitalized, lower, type Token } from './tokens';

/** A phrase that names who speaks: a name, a pronoun, or a short reference ("the ministry"). */
export interface Mention extends Span {
  readonly text: string;
  readonly kind: 'name' | 'pronoun' | 'reference';
  /**
   * For "he" or "she": the name that is the subject of the pronoun's own sentence ("Trump took to
   * Twitter … what he called …"), the antecedent to try before anyone named earlier.
   */
  readonly antecedent?: Mention;
}

const determiners = new Set(['the', 'a', 'an', 'his', 'her', 'its', 'their', 'our', 'this', 'that', 'one', 'another', 'some', 'many', 'several', 'two', 'three']);
const adjectiveLike = /^(?:[a-z]+(?:al|an|ed|ive|ic|ish|ese|ior|ent|ant|ous|ful|less|ary|ory)|top|chief|former|deputy|new|other|vice|campaign|press|state|white|house|foreign|spokes\w*)$/;

function mentionOf(tokens: readonly Token[], first: number, last: number, kind: Mention['kind'], text: string): Mention {
  return { start: tokens[first].start, end: tokens[last].end, text, kind };
}

/**
 * The speaker phrase that ends right before token `verb` ("Charlie Smith told", "the Ministry
 * … (MIIT) has said", "he added"), skipping auxiliaries and adverbs, and an appositive set off by
 * commas ("Smith, a researcher at X, said").
 */
export function subjectBefore(tokens: readonly Token[], verb: number, loose = false): Mention | null {
  let j = verb - 1;
  // "Cruz himself said": the intensifying pronoun stands between the subject and its verb.
  while (j >= 0 && tokens[j].kind === 'word' && (auxiliaries.has(tokens[j].text) || /^[a-z]+ly$/.test(tokens[j].text) || /^(?:not|himself|herself|itself|themselves)$/.test(tokens[j].text))) j--;
  if (j < 0) return null;
  if (tokens[j].text === ',' ) {
    // "Smith, 45, a lawyer for the group, said": the subject stands before the first comma.
    let k = j - 1;
    while (k >= 0 && k > j - 16 && tokens[k].text !== ',' && tokens[k].kind !== 'quote') k--;
    // "Voss, who previously questioned whether …, said": a relative clause may run long; the
    // subject stands before the comma that opens it.
    if (k > 0 && tokens[k].text !== ',') {
      let r = j - 1;
      while (r > 0 && r > j - 48 && tokens[r].kind !== 'quote' && !/^[.;!?]$/.test(tokens[r].text) && !(tokens[r].text === ',' && /^(?:who|whose)$/.test(tokens[r + 1]?.text ?? ''))) r--;
      if (r > 0 && tokens[r].text === ',' && /^(?:who|whose)$/.test(tokens[r + 1]?.text ?? '')) k = r;
    }
    if (k <= 0 || tokens[k].text !== ',') return null;
    let inner = subjectBefore(tokens, k, loose);
    // "Neil Ashby, a salesman from Sumter, South Carolina, says": a place after a preposition
    // is inside the appositive; the subject stands before an earlier comma.
    for (let tries = 0; inner && afterPreposition(tokens, inner) && tries < 2; tries++) {
      let earlier = k - 1;
      while (earlier > 0 && earlier > k - 16 && tokens[earlier].text !== ',' && tokens[earlier].kind !== 'quote') earlier--;
      if (earlier <= 0 || tokens[earlier].text !== ',') { inner = null; break; }
      k = earlier;
      inner = subjectBefore(tokens, k, loose);
    }
    // "a spokeswoman for the ministry, Jane Doe, said": a name set off after a description is
    // the speaker the description stands for.
    const appositive = j - 1 > k ? nounPhraseEndingAt(tokens, j - 1) : null;
    if (appositive && appositive.kind === 'name' && appositive.start === tokens[k + 1].start && (!inner || inner.kind !== 'name')) return appositive;
    if (inner && (inner.kind !== 'reference' || loose)) return inner;
    return null;
  }
  // "Charlie Smith of told …": an affiliation left out by a slip still leaves the name.
  if (tokens[j].text === 'of' && isCapitalized(tokens[j - 1])) j--;
  return nounPhraseEndingAt(tokens, j, loose);
}

/** Prepositions whose object is no one's subject ("rated 32% of Republican claims as …"). */
const prepositions = /^(?:of|to|for|with|on|in|at|by|about|from|against|over|into|than|like|toward|towards|between|among|under|near)$/i;

/**
 * Whether a phrase is the object of a preposition ("of Republican claims", "from Sumter") and so
 * no subject. "of" after a name joins it ("Hovik Sarafian of the Patriarchate"); "with" and "of"
 * before a participle make its subject ("with Trump saying", "of Carson saying").
 */
export function afterPreposition(tokens: readonly Token[], mention: Mention, participle = false): boolean {
  let k = tokens.findIndex((x) => x.start === mention.start);
  if (k > 0 && tokens[k - 1].text.toLowerCase() === 'the' && tokens[k].text.toLowerCase() !== 'the') k--;
  const previous = k > 0 ? tokens[k - 1] : undefined;
  if (!previous || previous.kind !== 'word' || !prepositions.test(previous.text)) return false;
  const word = previous.text.toLowerCase();
  if (participle && (word === 'with' || word === 'of' || word === 'by')) return false;
  if (word === 'of' && isCapitalized(tokens[k - 2])) return false;
  return true;
}

/**
 * The noun phrase whose last token is `j`. Strictly, a lower-case phrase must be headed by a
 * word that names people or organisations ("the ministry"); `loose` accepts any noun after a
 * determiner ("the crowd", "one user"), for places where syntax alone says a speaker stands.
 */
export function nounPhraseEndingAt(tokens: readonly Token[], j: number, loose = false): Mention | null {
  // "Ana Wells on Tuesday said": a date after the subject belongs to the verb, not to the name.
  if (isTimeWord(tokens[j]) && /^(?:on|in|since|until|last|this|early|late|next)$/.test(tokens[j - 1]?.text ?? '') && j >= 2) return nounPhraseEndingAt(tokens, j - 2, loose);
  const t = tokens[j];
  if (!t || t.kind === 'quote') return null;
  // "Obama, who called the nominee “unfit”": the relative pronoun is the local mention.
  if (t.kind === 'word' && t.text === 'who' && j > 0 && (tokens[j - 1].text === ',' || isCapitalized(tokens[j - 1]))) {
    return mentionOf(tokens, j, j, 'pronoun', t.text);
  }
  if (t.kind === 'word' && personalPronouns.has(lower(t)) && (t.text === lower(t) || j === 0 || /^[.!?:;"“”‘’—―(]$/.test(tokens[j - 1].text) || tokens[j-1].kind === 'quote')) {
    return mentionOf(tokens, j, j, 'pronoun', t.text);
  }
  // Names, possibly with an acronym in parentheses after them: "the Ministry of … (MIIT)".
  const last = j;
  let k = j;
  if (t.text === ')') {
    let p = j - 1;
    while (p >= 0 && p > j - 6 && tokens[p].text !== '(') p--;
    if (p < 1 || tokens[p].text !== '(') return null;
    k = p - 1;
    // "Sen. Ana Wells (D-Ore.)": a party and a state say who the person is, but are no part of the name.
    if (partyTagEnd(tokens, p) === j) return nounPhraseEndingAt(tokens, k, loose);
  }
  if (isCapitalized(tokens[k]) || /^[\p{Lu}\d]/u.test(tokens[k]?.text ?? '')) {
    let first = k;
    let i = k - 1;
    while (i >= 0) {
      const w = tokens[i];
      if (isCapitalized(w) && !(notNames.has(w.text) && !nameTitles.has(w.text))) { first = i; i--; continue; }
      if (w.kind === 'word' && nameConnectors.has(w.text) && isCapitalized(tokens[i - 1])) { i--; continue; }
      break;
    }
    // Leading connectors or a sentence-initial "The" do not belong to the name.
    while (first < k && (nameConnectors.has(tokens[first].text) || notNames.has(tokens[first].text))) first++;
    if (notNames.has(tokens[first].text) && first === k && !nameTitles.has(tokens[first].text)) return null;
    // Keep the determiner in "the Ministry of …" so the mention reads as written.
    const withThe = first > 0 && lower(tokens[first - 1]) === 'the' ? first - 1 : first;
    const phrase = textOf(tokens, first, last);
    return mentionOf(tokens, withThe, last, 'name', phrase);
  }
  // A short reference: "the ministry", "a spokeswoman for the company", "officials".
  if (t.kind === 'word' && /^\p{Ll}/u.test(t.text)) {
    let first = j;
    let i = j - 1;
    let steps = 0;
    while (i >= 0 && steps < 6) {
      const w = lower(tokens[i]);
      // "63 percent", "two aides": a number determines the phrase as an article does.
      if (determiners.has(w) || /^\d[\d,.]*%?$/.test(w)) { first = i; break; }
      if (tokens[i].kind !== 'word') break;
      if (w === 'for' || w === 'of' || w === 'at' || adjectiveLike.test(w) || referenceNouns.has(w) || isCapitalized(tokens[i])) { first = i; i--; steps++; continue; }
      if (/’s$|'s$/.test(tokens[i].text)) { first = i; i--; steps++; continue; }
      // "the longtime senator", "the retired neurosurgeon": a modifier of any kind, when a
      // determiner right before it closes the phrase.
      if (referenceNouns.has(lower(tokens[j])) && steps < 2 && /^\p{Ll}+$/u.test(tokens[i].text) && !adverbLike.test(w) && determiners.has(lower(tokens[i - 1])) && lower(tokens[i - 1]) !== 'that') { first = i - 1; break; }
      break;
    }
    const words = tokens.slice(first, j + 1).map((x) => lower(x));
    const head = words.filter((w) => referenceNouns.has(w));
    // "Lennox supporters said": a name before a noun for people modifies it; the people speak, not the name.
    if (head.length === 0 && first < j && words[0] !== 'that' && speakerNouns.has(words[words.length - 1]) && tokens.slice(first, j).some((x) => isCapitalized(x) && !notNames.has(x.text))) {
      return mentionOf(tokens, first, j, 'reference', textOf(tokens, first, j));
    }
    if (loose && head.length === 0) {
      if (looseDeterminers.has(words[0]) && !adverbLike.test(t.text)) return mentionOf(tokens, first, j, 'reference', textOf(tokens, first, j));
      return null;
    }
    if (head.length === 0) return null;
    if (!determiners.has(words[0]) && !/^\d/.test(words[0]) && !/s$/.test(t.text) && first === j) return null;
    return mentionOf(tokens, first, j, 'reference', textOf(tokens, first, j));
  }
  return null;
}

/**
 * The speaker phrase right after token `verb` in inverted order ("said Smith",
 * "said the ministry's spokesman, Arun Dalal").
 */
export function subjectAfter(tokens: readonly Token[], verb: number, loose = false): Mention | null {
  let i = verb + 1;
  if (tokens[i]?.text === ',') i++;
  const start = i;
  if (!tokens[i]) return null;
  if (tokens[i].kind === 'word' && personalPronouns.has(tokens[i].text)) return mentionOf(tokens, i, i, 'pronoun', tokens[i].text);
  // Walk to the end of the phrase, then read it backwards with the same rules as a subject.
  let end = -1;
  for (; i < tokens.length && i < start + 12; i++) {
    const w = tokens[i];
    // "said Sen. Ana Wells (D-Ore.)": the party tag closes the speaker phrase.
    if (w.text === '(' && partyTagEnd(tokens, i) > 0) break;
    if (w.kind !== 'word' && w.text !== '(' && w.text !== ')' && !(w.text === '’s' || w.text === "'s")) break;
    if (w.kind === 'word' && /^\p{Ll}/u.test(w.text) && !determiners.has(w.text) && !nameConnectors.has(w.text) && !referenceNouns.has(w.text) && !adjectiveLike.test(w.text) && !/’s$|'s$/.test(w.text)) {
      // A descriptor before a name: "said pollster Wanda Pryor", "said election lawyer Rhea Colton".
      if (loose && !adverbLike.test(w.text) && (isCapitalized(tokens[i + 1]) || (tokens[i + 1]?.kind === 'word' && /^\p{Ll}/u.test(tokens[i + 1].text) && isCapitalized(tokens[i + 2])))) {
        end = i;
        continue;
      }
      // Loosely, a determiner's noun ends the phrase: "said one user", "tweeted another".
      if (loose && i > start && looseDeterminers.has(lower(tokens[i - 1])) && !adverbLike.test(w.text)) end = i;
      break;
    }
    end = i;
  }
  // A trailing connector or determiner ends nothing: "said the" is no speaker.
  while (end >= start && (nameConnectors.has(tokens[end].text) || determiners.has(tokens[end].text))) end--;
  if (end < start) return null;
  // Appositive after the phrase: "said the ministry's spokesman, Arun Dalal" names Arun Dalal.
  const next = tokens[end + 1];
  const phrase = nounPhraseEndingAt(tokens, end, loose);
  // …unless the phrase is already a name: "says Martin Ashdown, MD, president of …" names
  // Ashdown, and what follows the comma (a degree, an apposition) does not replace him.
  if (next?.text === ',' && isCapitalized(tokens[end + 2]) && phrase?.kind !== 'name' && !nameSuffixes.has(tokens[end + 2].text)) {
    let k = end + 2;
    while (isCapitalized(tokens[k + 1])) k++;
    const appositive = nounPhraseEndingAt(tokens, k);
    if (appositive && appositive.kind === 'name' && appositive.start >= tokens[end + 2].start) return appositive;
  }
  if (!phrase || phrase.start < tokens[start].start) return null;
  return phrase;
}

/** Determiners that, loosely, make whatever follows a noun phrase. */
const looseDeterminers = new Set([...determiners, 'some', 'one', 'another', 'each', 'every', 'both', 'most', 'few', 'other', 'others', 'these', 'those', 'my', 'your', 'no']);
const adverbLike = /^(?:[a-z]+ly|also|then|now|later|again|too|still|just|even|not|never|once|there|here|who|which|that|to|in|on|at|of|for|with|by|from|as|is|was|were|are|be|been|has|had|have|would|will|could|should|may|might|can|did|does|do)$/;

export function textOf(tokens: readonly Token[], first: number, last: number): string {
  let out = '';
  for (let i = first; i <= last; i++) {
    const t = tokens[i];
    const gap = i > first && t.start > tokens[i - 1].end && t.text !== ')' && tokens[i - 1].text !== '(' ? ' ' : '';
    out += gap + t.text;
  }
  return out;
}

const timeWords = new Set(('Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June ' +
  'July August September October November December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec').split(' '));

/** A weekday or a month, which follows a name only as the date of what the name did. */
function isTimeWord(token: Token | undefined): boolean {
  return token !== undefined && timeWords.has(token.text.replace(/\.$/, ''));
}

/**
 * The index of the ")" closing a party tag that opens at `open` ("(D-Ore.)", "(R-Iowa)", "(I)"),
 * or -1. US news writes a lawmaker's party and state so, right after the name.
 */
export function partyTagEnd(tokens: readonly Token[], open: number): number {
  if (tokens[open]?.text !== '(') return -1;
  let k = open + 1;
  if (!/^[DRI](?:-\p{Lu}[\p{L}.]*)?$/u.test(tokens[k]?.text ?? '')) return -1;
  k++;
  if (tokens[k]?.text === '.') k++;
  return tokens[k]?.text === ')' ? k : -1;
}
