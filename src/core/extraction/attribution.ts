import type { Mention } from './mentions';
import { nounPhraseEndingAt, subjectAfter, subjectBefore } from './mentions';
import { speechVerbs } from './lexicon';
import { isCapitalized, lower, type Token } from './tokens';

/** Who speaks, as the sentence around a quotation says it. */
export interface Attribution {
  readonly mention: Mention;
  /** Token index of the cue (the speech verb, "according to", the dash or the colon). */
  readonly cue: number;
}

/**
 * Finds the attribution for every quotation token in one sentence's tokens. A sentence that
 * holds several quotations and one attribution gives it to all of them ("“A,” he said, “B.”").
 * The cue nearest to each quotation wins, after cues that touch it (", he said" right after the
 * closing mark; "Smith said:" right before the opening one).
 */
export function attributeSentence(tokens: readonly Token[]): Map<number, Attribution> {
  const cues = findCues(tokens);
  const result = new Map<number, Attribution>();
  tokens.forEach((token, index) => {
    if (token.kind !== 'quote' || token.quote === undefined) return;
    let best: Attribution | undefined;
    let bestDistance = Infinity;
    for (const cue of cues) {
      const distance = cue.cue > index ? cue.cue - index : (index - cue.cue) + 0.5;
      if (distance < bestDistance) {
        best = cue;
        bestDistance = distance;
      }
    }
    if (best) result.set(token.quote, best);
  });
  return result;
}

/** Every attribution cue in the sentence that has a speaker phrase. */
export function findCues(tokens: readonly Token[]): Attribution[] {
  const cues: Attribution[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind === 'word' && speechVerbs.has(t.text)) {
      // A verb right after a quotation is followed by its subject ("…,” said Smith) unless a
      // subject stands before it ("…,” Smith said); elsewhere the subject comes first.
      const before = subjectBefore(tokens, i);
      const mention = before ?? subjectAfter(tokens, i);
      if (mention) cues.push({ mention, cue: i });
      continue;
    }
    if (lower(t) === 'according' && lower(tokens[i + 1]) === 'to') {
      const mention = phraseAfter(tokens, i + 1);
      if (mention) cues.push({ mention, cue: i });
      continue;
    }
    // "— Sonya Herridge" after a quotation, as in collected testimonies and epigraphs.
    if (/^[―—–]$/.test(t.text) && tokens[i - 1]?.kind === 'quote' && isCapitalized(tokens[i + 1])) {
      const mention = phraseAfter(tokens, i);
      if (mention) cues.push({ mention, cue: i });
      continue;
    }
    // "Trump: “…”" and "Smith said: “…”" (the second is found by its verb).
    if (t.text === ':' && tokens[i + 1]?.kind === 'quote' && i > 0) {
      const mention = nounPhraseEndingAt(tokens, i - 1);
      if (mention && mention.kind === 'name' && mention.start === tokens[0].start) cues.push({ mention, cue: i });
    }
  }
  return cues;
}

/** The name right after token `i` ("according to the ministry", "— Pamela Padilla"). */
function phraseAfter(tokens: readonly Token[], i: number): Mention | null {
  let end = i;
  for (let k = i + 1; k < tokens.length && k < i + 12; k++) {
    const w = tokens[k];
    if (w.kind !== 'word' && w.text !== '(' && w.text !== ')' && w.text !== '.') break;
    end = k;
  }
  // Shrink from the right until a phrase reads back to just after the cue.
  for (let e = end; e > i; e--) {
    const phrase = nounPhraseEndingAt(tokens, e);
    if (phrase && phrase.start <= tokens[i + 1].start) return phrase;
  }
  return null;
}
