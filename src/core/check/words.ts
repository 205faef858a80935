import type { Span } from '../model';

/** A word or punctuation mark with its place in the text it came from. */
export interface Word extends Span {
  readonly text: string;
  /** Lower-cased, with curly quotes and dashes folded, for comparing. */
  readonly key: string;
  readonly isWord: boolean;
}

// Chinese and Japanese are written without spaces: each of their characters is compared alone.
const wordPattern = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]|(?:(?![\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}])[\p{L}\p{N}])+(?:['’.,-](?:(?![\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}])[\p{L}\p{N}])+)*|[^\s\p{L}\p{N}]/gu;
const unspaced = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303f\uff00-\uffef]/u;

/**
 * Words (numbers like "1,200" and "3.5" and words like "don’t" stay whole) and punctuation; in
 * Chinese and Japanese, single characters.
 */
export function words(text: string, span: Span = { start: 0, end: text.length }): Word[] {
  const out: Word[] = [];
  const slice = text.slice(span.start, span.end);
  for (const m of slice.matchAll(wordPattern)) {
    const start = span.start + m.index!;
    const w = m[0];
    out.push({ text: w, start, end: start + w.length, key: w.toLowerCase().replace(/’/g, "'"), isWord: /[\p{L}\p{N}]/u.test(w[0]) });
  }
  return out;
}

/** One step of a word diff between a draft's quotation and its source. */
export type DiffOp =
  | { readonly op: 'same'; readonly draft: readonly Word[]; readonly source: readonly Word[] }
  | { readonly op: 'changed'; readonly draft: readonly Word[]; readonly source: readonly Word[] }
  | { readonly op: 'added'; readonly draft: readonly Word[]; readonly source: readonly [] }
  | { readonly op: 'dropped'; readonly draft: readonly []; readonly source: readonly Word[] };

/** The result of aligning a quotation against a stretch of source text. */
export interface Alignment {
  readonly ops: DiffOp[];
  /** Draft words found in the source, in order. */
  readonly matched: number;
  /** Where the aligned stretch starts and ends in the source. */
  readonly sourceSpan: Span;
}

const score = { match: 2, mismatch: -1, gap: -1 } as const;

/**
 * Aligns the draft's words with the best-matching stretch of the source's words (global in the
 * draft, free to start and end anywhere in the source), by dynamic programming over words.
 * Punctuation counts as words here, so a changed comma shows, but weighs the same as a word.
 */
export function align(draft: readonly Word[], source: readonly Word[]): Alignment | undefined {
  const m = draft.length;
  const n = source.length;
  if (m === 0 || n === 0) return undefined;
  // Rows of scores; the traceback keeps one byte per cell: 0 diagonal, 1 up (draft word added), 2 left (source word dropped), 3 free start.
  const back = new Uint8Array((m + 1) * (n + 1));
  let previous = new Float64Array(n + 1);
  let current = new Float64Array(n + 1);
  for (let j = 0; j <= n; j++) { previous[j] = 0; back[j] = 3; }
  for (let i = 1; i <= m; i++) {
    current[0] = previous[0] + score.gap;
    back[i * (n + 1)] = 1;
    for (let j = 1; j <= n; j++) {
      const same = draft[i - 1].key === source[j - 1].key;
      const diagonal = previous[j - 1] + (same ? score.match : score.mismatch);
      const up = previous[j] + score.gap;
      const left = current[j - 1] + score.gap;
      let best = diagonal;
      let dir = 0;
      if (up > best) { best = up; dir = 1; }
      if (left > best) { best = left; dir = 2; }
      current[j] = best;
      back[i * (n + 1) + j] = dir;
    }
    [previous, current] = [current, previous];
  }
  // Free end in the source: the best last column of the last row.
  let endJ = 0;
  for (let j = 1; j <= n; j++) if (previous[j] > previous[endJ]) endJ = j;
  const steps: { op: 'same' | 'changed' | 'added' | 'dropped'; i: number; j: number }[] = [];
  let i = m;
  let j = endJ;
  while (i > 0) {
    const dir = back[i * (n + 1) + j];
    if (dir === 0 && j > 0) {
      steps.push({ op: draft[i - 1].key === source[j - 1].key ? 'same' : 'changed', i: i - 1, j: j - 1 });
      i--; j--;
    } else if (dir === 2 && j > 0) {
      steps.push({ op: 'dropped', i, j: j - 1 });
      j--;
    } else {
      steps.push({ op: 'added', i: i - 1, j });
      i--;
    }
  }
  steps.reverse();
  const ops: DiffOp[] = [];
  let matched = 0;
  for (const s of steps) {
    const last = ops[ops.length - 1];
    const d = s.op === 'dropped' ? [] : [draft[s.i]];
    const src = s.op === 'added' ? [] : [source[s.j]];
    if (s.op === 'same' && draft[s.i].isWord) matched++;
    if (last && last.op === s.op) {
      ops[ops.length - 1] = { op: s.op, draft: [...last.draft, ...d], source: [...last.source, ...src] } as DiffOp;
    } else {
      ops.push({ op: s.op, draft: d, source: src } as DiffOp);
    }
  }
  const sourceWords = steps.filter((s) => s.op !== 'added').map((s) => source[s.j]);
  const sourceSpan = sourceWords.length ? { start: sourceWords[0].start, end: sourceWords[sourceWords.length - 1].end } : { start: source[0].start, end: source[0].start };
  return { ops: mergeChanges(ops), matched, sourceSpan };
}

/** Adjacent additions and drops read better as one change ("last" → "final"). */
function mergeChanges(ops: DiffOp[]): DiffOp[] {
  const out: DiffOp[] = [];
  for (const op of ops) {
    const last = out[out.length - 1];
    if (last && last.op !== 'same' && op.op !== 'same' && last.op !== op.op) {
      out[out.length - 1] = { op: 'changed', draft: [...last.draft, ...op.draft], source: [...last.source, ...op.source] };
    } else if (last && last.op === 'changed' && op.op === 'changed') {
      out[out.length - 1] = { op: 'changed', draft: [...last.draft, ...op.draft], source: [...last.source, ...op.source] };
    } else {
      out.push(op);
    }
  }
  return out;
}

/** A word diff readable without colour: `close the [-last-]{+final+} lifeline`. */
export function formatDiff(ops: readonly DiffOp[]): string {
  // No space next to a character of a script written without spaces.
  const join = (ws: readonly Word[]): string => ws.map((w, i) => (i > 0 && !unspaced.test(w.text) && !unspaced.test(ws[i - 1].text) ? ' ' : '') + w.text).join('').replace(/ ([,.;:!?”’»)])/g, '$1').replace(/([“‘«(]) /g, '$1');
  const parts = ops.map((op) => {
    switch (op.op) {
      case 'same': return join(op.draft);
      case 'added': return `{+${join(op.draft)}+}`;
      case 'dropped': return `[-${join(op.source)}-]`;
      case 'changed': return `[-${join(op.source)}-]{+${join(op.draft)}+}`;
    }
  });
  const edge = (op: DiffOp, last: boolean): string => {
    const ws = op.op === 'dropped' ? op.source : op.draft;
    return (last ? ws[ws.length - 1] : ws[0])?.text ?? '';
  };
  return parts.map((part, i) => (i > 0 && !unspaced.test(edge(ops[i - 1], true)) && !unspaced.test(edge(ops[i], false)) ? ' ' : '') + part).join('');
}
