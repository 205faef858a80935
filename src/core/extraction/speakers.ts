import { trimWhere } from '../text/trim';
import { nameTitles, personalPronouns, speakerNouns } from './lexicon';

/**
 * What may be given as a quotation's speaker: a person, an organisation, or a document or
 * outlet. A phrase the attribution rules read in the speaker's place is kept only when it is
 * one of these, cleaned of the words around the name; anything else ("It", "There", "the team
 * that", "Furthermore", a pronoun that resolved to no one) leaves the quotation without a
 * speaker, which the check then reports as unverified rather than as a misattribution.
 */

/** Capitalised words that start sentences but name no one, in the languages whose pages a writer saves most. */
const functionWords = new Set((
  'it its there here this that these those they them he she him her his hers we us our you your i me my ' +
  'and or but so yet if when while as because although though however furthermore moreover meanwhile also ' +
  'then now still instead indeed perhaps maybe thus hence therefore besides nevertheless nonetheless otherwise ' +
  'in on at for from with without by of to into over under after before since until about what why how who ' +
  'where which whose whom yes no not one two three four five six seven eight nine ten first second third ' +
  'some many most all each every both either neither such other another any none few several ' +
  'is was are were be been being has have had do does did will would can could should may might must ' +
  'according today yesterday tomorrow well oh just only even enter exit accordingly somehow anyway ' +
  'il elle ils elles nous vous je tu ce cette ces cet ça cela un une deux trois des du et ou mais donc car ' +
  'si quand comme pour par avec sans dans sur sous au aux le la les qui que selon aussi puis alors ainsi ' +
  'er sie es wir ihr ich das der die den dem ein eine und oder aber wenn als wie für mit von zu auf auch ' +
  'el los las una unos y pero por con sin según también'
).split(/\s+/));

/** Connectors that stand inside names ("Ministry of Industry and Information Technology", "Charles de Gaulle"). */
const connectors = new Set(['of', 'for', 'and', 'the', 'de', 'du', 'des', 'van', 'von', 'der', 'den', 'la', 'le', 'on', '&', 'da', 'al', 'bin', 'y', 'el']);

/** Adverbs that begin sentences ("Essentially", "Wheezingly"); no name ends so. */
const adverb = /^\p{Lu}\p{Ll}+(?:ally|ingly|edly|ously|ively|fully|lessly|ently|antly)$/u;

const capitalised = (word: string): boolean => /^[\p{Lu}\p{Lt}]/u.test(word);
const bare = (word: string): string => trimWhere(word, (c) => !/[\p{L}\p{N}]/u.test(c)).replace(/[’']s$/, '');

/**
 * The speaker a resolved phrase names, cleaned ("Busan resident Mina Seo" → "Mina Seo",
 * "Was Bartleby" → "Bartleby"), or undefined when it names no person, organisation or
 * document. `ordinary` tells whether a capitalised word is an ordinary word of the source
 * (it also stands in lower case there), which a sentence's first word often is.
 */
export function speakerName(phrase: string, ordinary: (word: string) => boolean = () => false): string | undefined {
  let words = phrase.replace(/\s+/g, ' ').trim().split(' ').filter(Boolean);
  if (words.length === 0) return undefined;
  if (/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u.test(phrase)) return phrase.trim();
  // A lone pronoun that resolved to no one names no one.
  if (words.length === 1 && (personalPronouns.has(words[0].toLowerCase()) || words[0].toLowerCase() === 'who')) return undefined;
  // A contraction ("Don’t", "Can't") or a hyphenated participle ("Mozilla-signed", "Non-breaking") names no one.
  const functionWord = (w: string): boolean => functionWords.has(bare(w).toLowerCase()) || /\p{L}n?[’']t$/u.test(bare(w)) || /^\p{Lu}\p{L}*-\p{Ll}+(?:ed|ing)$/u.test(bare(w));
  const isNameWord = (w: string): boolean => capitalised(bare(w)) || /^\(.*\)$/.test(w) || /^(?:\p{L}\.)+$/u.test(w);
  // A description before a name ("Busan resident Mina Seo", "Foreign Ministry deputy
  // spokesperson Arun Dalal"): the capitalised run at the end is the name.
  let lastLower = words.length - 1;
  while (lastLower >= 0 && (isNameWord(words[lastLower]) || connectors.has(words[lastLower]))) lastLower--;
  if (lastLower >= 0 && lastLower < words.length - 1) {
    const name = words.slice(lastLower + 1);
    if (name.some((w) => isNameWord(w) && !functionWord(w))) words = name;
  }
  // A participle that opens a sentence ("Acting accordingly, …") names no one.
  if (words.length >= 2 && /^\p{Lu}\p{Ll}+ing$/u.test(words[0]) && /^\p{Ll}/u.test(words[1])) return undefined;
  // A phrase cut inside a relative clause ("the team that") is no one's name.
  if (/^(?:that|which|who|whom|whose)$/i.test(words[words.length - 1]) && words.length > 1) return undefined;
  // Words around the name that are no part of it: "Was Bartleby", "Bartleby and", "All For One positively".
  while (words.length > 1 && (connectors.has(words[words.length - 1].toLowerCase()) || (!isNameWord(words[words.length - 1]) && (functionWord(words[words.length - 1]) || /ly$/.test(words[words.length - 1]))))) words.pop();
  while (words.length > 1 && (connectors.has(words[0].toLowerCase()) || (isNameWord(words[0]) && functionWord(words[0]) && !nameTitles.has(bare(words[0])))) && isNameWord(words[1])) words.shift();
  if (words.every((w) => isNameWord(w) || connectors.has(w.toLowerCase()))) {
    // One capitalised word that the source also writes in lower case is an ordinary word
    // that began a sentence ("Possible", "Somehow"), not a name.
    const content = words.filter((w) => isNameWord(w) && !functionWord(w) && !(words.length === 1 && (ordinary(bare(w)) || adverb.test(bare(w)))));
    // "All Might", "One For All": a name made only of capitalised common words is still a
    // name when it is two words or more; one such word ("It", "Possible") is not.
    if (content.length === 0 && (words.length < 2 || !words.every(isNameWord))) return undefined;
    return words.join(' ');
  }
  // A description: its head noun (the last word, or the one before "of", "for", "at") names
  // a person, a group, an organisation or a document.
  const lower = words.map((w) => bare(w).toLowerCase());
  const of = lower.findIndex((w, i) => i > 0 && /^(?:of|for|at|from|with|in|on)$/.test(w));
  const head = of > 0 ? lower[of - 1] : lower[lower.length - 1];
  if (speakerNouns.has(head) || (head.endsWith('s') && speakerNouns.has(head.slice(0, -1)))) return words.join(' ');
  return undefined;
}
