import type { PassageKind } from '../model';
import { kindBit, kindOfBit, type PassageTable } from './passages';
import type { TermMatch } from './terms';

/**
 * An estimate of fuse.js's score for a candidate, computed from the same formula fuse.js
 * applies (per field, edits divided by length, raised to the field's weight, multiplied over
 * terms and fields), from word-level distances. It only decides which candidates fuse.js sees;
 * fuse.js scores and orders them.
 */

/** How fuse.js scores, as configured in passageIndex.ts. */
export interface Scoring {
  readonly weights: { readonly text: number; readonly speaker: number; readonly source: number };
  /** fuse.js's threshold: a match is kept when edits / length ≤ threshold. */
  readonly threshold: number;
}

// A term's distance to a word, speaker or source as marked (`Marks`), in edits, or one of these.
/** No match. */
export const NONE = 255;
/** The whole field equals the term: fuse.js scores 0, i.e. Number.EPSILON in its product. */
export const EQUAL = 254;

/** ln of fuse.js's factor for a match of d edits of a term of `length` in a field of `weight`, by d (EQUAL last). */
export function factorTable(length: number, weight: number): Float64Array {
  const t = new Float64Array(length + 2);
  for (let d = 0; d <= length; d++) t[d] = weight * Math.log(Math.max(0.001, d / length));
  t[length + 1] = weight * Math.log(Number.EPSILON);
  return t;
}

function factor(table: Float64Array, d: number): number {
  return d === EQUAL ? table[table.length - 1] : table[Math.min(d, table.length - 2)];
}

/**
 * fuse.js's score for the passage, from word-level distances: per term, the product over the
 * fields it matches of (edits / length)^weight (0.001 at least, EPSILON for a whole-field
 * match), multiplied over terms; a direct quotation gets the same small boost as in ranking.
 * NaN when the passage is filtered out, or misses a term and `every` is asked. Terms whose
 * bit is clear in `held` are known to be missing and are not looked for.
 */
export function estimate(table: PassageTable, slot: number, matches: readonly TermMatch[], kinds: readonly PassageKind[] | undefined, every: boolean, held = -1): number {
  const kind = table.slotKind.data[slot];
  if (kinds && !kinds.includes(kindOfBit[kind])) return NaN;
  const doc = table.slotDoc.data[slot];
  const speaker = table.slotSpeaker.data[slot];
  const from = table.forwardStart.data[slot];
  const to = table.forwardStart.data[slot + 1];
  const forward = table.forward.data;
  let log = 0;
  for (let k = 0; k < matches.length; k++) {
    if ((held & (1 << k)) === 0) continue;
    const m = matches[k];
    const marks = m.wordMarks.values;
    let d = NONE;
    for (let i = from; i < to; i++) {
      const v = marks[forward[i]];
      if (v < d) d = v;
    }
    // A text of one word equal to the term is a whole-field match.
    if (d === 0 && to - from === 1 && table.passage(slot).text.toLowerCase() === m.term) d = EQUAL;
    const s = speaker >= 0 ? m.speakerMarks.values[speaker] : NONE;
    const l = m.docMarks.values[doc];
    if (d === NONE && s === NONE && l === NONE) {
      if (every) return NaN;
      continue;
    }
    if (d !== NONE) log += factor(m.text, d);
    if (s !== NONE) log += factor(m.speaker, s);
    if (l !== NONE) log += factor(m.source, l);
  }
  return Math.exp(log) - (kind === kindBit('quote') ? 0.02 : 0);
}
