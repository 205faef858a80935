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
  // A quotation a cue of speech gives to someone is their words, however short.
  if (attributed === 'cue') return false;
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
