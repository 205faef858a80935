import type { Span } from '../model';
import type { Mention } from './mentions';
import { findCues } from './attribution';
import { strongReportingVerbs } from './lexicon';
import { lower, type Token } from './tokens';

/** Reported speech found in one sentence: what was said, and by whom. */
export interface Reported {
  readonly content: Span;
  readonly mention: Mention;
}

const clauseOpeners = /^(?:the|a|an|this|that|these|those|it|he|she|they|we|i|there|his|her|its|their|our|some|many|most|all|no|companies|people|nobody|everyone)$/i;

/**
 * Reported speech in a sentence without quotation marks:
 * "X said (on Tuesday) that …", "X told the Guardian that …", "…, X said.", "…, according to X."
 * and "According to X, …". Returns null when the sentence reports nobody.
 */
export function findReported(tokens: readonly Token[]): Reported | null {
  if (tokens.length < 4) return null;
  const last = tokens[tokens.length - 1];
  const sentenceEnd = /^[.!?]$/.test(last.text) ? tokens.length - 2 : tokens.length - 1;
  for (const { mention, cue } of findCues(tokens)) {
    const verb = tokens[cue];
    const mentionFirst = tokens.findIndex((t) => t.start === mention.start);
    if (lower(verb) === 'according') {
      if (cue === 0) {
        const comma = tokens.findIndex((t, k) => k > cue && t.text === ',');
        if (comma > 0 && comma < sentenceEnd) return { content: spanOf(tokens, comma + 1, sentenceEnd), mention };
      } else if (tokens[cue - 1]?.text === ',') {
        return { content: spanOf(tokens, 0, cue - 2), mention };
      }
      continue;
    }
    if (mention.end <= verb.start) {
      // Subject first. Inverted order "…, the ministry said." puts the content before it.
      if (mentionFirst > 1 && tokens[mentionFirst - 1].text === ',' && afterVerbIsTail(tokens, cue, sentenceEnd)) {
        // "Moreover, the government argued, the Court should …": set off by commas after a word
        // or two that open the sentence, the cue is a parenthesis, and what follows is reported.
        const after = cue + 2;
        if (tokens[cue + 1]?.text === ',' && wordsIn(tokens, 0, mentionFirst - 2) <= 2 && wordsIn(tokens, after, sentenceEnd) >= 4) {
          return { content: spanOf(tokens, after, sentenceEnd), mention };
        }
        return { content: spanOf(tokens, 0, mentionFirst - 2), mention };
      }
      if (mentionFirst > 2) continue;
      const that = tokens.findIndex((t, k) => k > cue && k < cue + 10 && lower(t) === 'that');
      if (that > 0 && that < sentenceEnd && noVerbBetween(tokens, cue, that)) {
        return { content: spanOf(tokens, that + 1, sentenceEnd), mention };
      }
      if (strongReportingVerbs.has(verb.text) && verb.text !== 'told' && verb.text !== 'tells' && clauseOpeners.test(tokens[cue + 1]?.text ?? '') && cue + 4 <= sentenceEnd) {
        return { content: spanOf(tokens, cue + 1, sentenceEnd), mention };
      }
    } else if (cue > 1 && tokens[cue - 1].text === ',' && afterVerbIsTail(tokens, tokens.findIndex((t) => t.end === mention.end), sentenceEnd)) {
      // "…, said the ministry."
      return { content: spanOf(tokens, 0, cue - 2), mention };
    }
  }
  return null;
}

/** After the cue come only a full stop or a trailing phrase set off by a comma. */
function afterVerbIsTail(tokens: readonly Token[], cue: number, sentenceEnd: number): boolean {
  if (cue >= sentenceEnd) return true;
  const next = tokens[cue + 1];
  return next.text === ',' || /^(?:on|in|at|during|last|this|earlier|later|late|yesterday|today|recently|according|to|when|while|after|before|via|through)$/i.test(next.text);
}

/** How many words stand from token `first` to token `last`. */
function wordsIn(tokens: readonly Token[], first: number, last: number): number {
  let n = 0;
  for (let k = first; k <= last && k < tokens.length; k++) if (tokens[k].kind === 'word') n++;
  return n;
}

function noVerbBetween(tokens: readonly Token[], from: number, to: number): boolean {
  for (let k = from + 1; k < to; k++) if (tokens[k].kind === 'quote' || tokens[k].text === ';') return false;
  return true;
}

function spanOf(tokens: readonly Token[], first: number, last: number): Span {
  return { start: tokens[first].start, end: tokens[Math.max(first, last)].end };
}
