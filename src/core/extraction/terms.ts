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
export function isTerm(text: string, inner: Span, open: number, close: number, attributed: 'cue' | 'subject' | 'neighbour' | undefined): boolean {
  if (isTitle(text, inner, open, close)) return true;
  const quoted = text.slice(inner.start, inner.end).trim();
  if (quoted === '') return false;
  const before = text.slice(Math.max(0, open - 40), open).replace(/\s+/g, ' ');
  if (namingBefore.test(before)) return true;
  if (codeLike(quoted) || inCode(text, open, close)) return true;
  // A stage direction or an editor's note, all in parentheses or brackets: "(CROSSTALK.)", "[Applause]".
  if (/^\([^()]*\)[.!]?$|^\[[^[\]]*\][.!]?$/.test(quoted)) return true;
  // A quotation a cue of speech gives to someone is their words, however short.
  if (attributed === 'cue') return false;
  // One of a list of quoted words ("a type, which is “basic”, “cors” or “error”") names values, not speech.
  if (inListOfWords(text, quoted, open, close)) return true;
  // A phrase quoted in passing: a few words that end no clause ("“establishment” candidate",
  // "the “comeback kid” in 1992"). Words that end with a comma, a full stop or a question mark
  // inside the marks were cut from speech, and stay quotations.
  const words = quoted.split(/\s+/);
  if (words.length > maxTermWords || /[.,;:?!…—–\-。，！？；：]$/.test(quoted) || cjkLetter.test(quoted)) return false;
  // Only a phrase that no rule gives to anyone: in news prose a short phrase in a sentence about
  // someone ("called the system “rigged”") is nearly always that person's word.
  return attributed === undefined;
}

/** Phrases quoted in passing are this short at most; longer ones are somebody's words. */
const maxTermWords = 3;

/** Words that introduce a term rather than speech: "so-called", "the word", "known as". */
const namingBefore = /(?:\bso-called|\bso called|\bthe (?:word|words|term|terms|phrase|label|name|expression|hashtag|slogan)|\b(?:known|referred to|billed|branded|marketed) as|\ba\.k\.a\.?|\baka)[,:]?\s?$/i;

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
  return /[{}]/.test(before.slice(before.lastIndexOf('\n') + 1)) || /[{}]/.test(after.split('\n', 1)[0]) || /^\s*:/.test(after) || /[=:[(,]\s*$/.test(before) && /^\s*[,\]})]/.test(after);
}
