import type { SourceDoc, Span } from '../model';
import type { Normalized } from '../text/normalize';
import { normalize } from '../text/normalize';
import { escapeRegExp } from '../text/escapeRegExp';

/** One faithful edit of a quotation, by the usual conventions. */
export interface Edit {
  readonly kind: 'omission' | 'bracket' | 'capital';
  /** What the draft has ("…", "[the ministry]", "The"). */
  readonly draft: string;
  /** What the source has there (the omitted words, the replaced words, "the"). */
  readonly source: string;
}

/** A quotation found in a source through its edits. */
export interface EditedMatch {
  readonly span: Span;
  readonly edits: Edit[];
}

/** Ellipses: …, ..., . . ., and the bracketed forms [...] and […]. */
const ellipsis = /\[\s*(?:…|\.\s?\.\s?\.)\s*\]|…|\.\s?\.\s?\./;
/** Farthest apart two pieces of an elided quotation may stand in the source. */
const maxGap = 1500;
/** How many source words a bracketed insertion may stand for. */
const maxBracketWords = 6;

/**
 * Finds a quotation that uses the conventions of faithful editing: ellipses for omitted words,
 * square brackets for inserted or changed words, a changed initial capital. The pieces between
 * ellipses must stand in the source in order, close together. Works on normalised text.
 */
export function matchEdited(quote: string, source: SourceDoc, normalized: Normalized): EditedMatch | undefined {
  const pieces = normalize(quote, { stripEmphasis: true }).text.split(ellipsis).map((p) => p.trim()).filter(Boolean);
  const hasMarks = pieces.length > 1 || /\[[^[\]]*\]/.test(quote) || /^\s*(?:…|\.\.\.)/.test(quote) || /(?:…|\.\.\.)\s*$/.test(quote);
  const text = normalized.text;
  // More than three brackets in one stretch is no quotation to certify, and would cost too much to try.
  if (pieces.some((p) => (p.match(/\[/g)?.length ?? 0) > 3)) return undefined;
  // A bracket that opens a piece would match as far back as it may; it is read separately,
  // as the same number of source words right before the rest of the piece.
  const leading = pieces.map((p) => /^\[[^[\]]*\]\s*/.exec(p)?.[0] ?? '');
  // A stretch that is all brackets says nothing to find in the source.
  if (pieces.some((p, i) => p.slice(leading[i].length).replace(/\[[^[\]]*\]/g, '').trim() === '')) return undefined;
  const patterns = pieces.map((p, i) => piecePattern(p.slice(leading[i].length)));
  let bodyStart = normalized.map.findIndex((o) => o >= source.bodyStart);
  if (bodyStart < 0) bodyStart = text.length;
  // Try every place the first piece occurs; the rest must follow in order.
  const first = patterns[0];
  if (!first) return undefined;
  first.lastIndex = Math.max(0, bodyStart);
  let tries = 0;
  // A first piece that occurs hundreds of times ("the") is tried at its first 200 places only.
  for (let m = first.exec(text); m && tries++ < 200; m = first.exec(text)) {
    // An empty match would not move the search on.
    if (m[0].length === 0) { first.lastIndex++; continue; }
    const spans: { start: number; end: number; match: RegExpExecArray; lead?: Edit }[] = [{ start: m.index, end: m.index + m[0].length, match: m }];
    let ok = true;
    for (let k = 1; k < patterns.length; k++) {
      const p = patterns[k];
      const from = spans[spans.length - 1].end;
      // Only a window after the previous piece is searched, so a long source costs no more.
      const window = text.slice(from, from + maxGap + pieces[k].length * 4);
      p.lastIndex = 0;
      const next = p.exec(window);
      if (!next || next.index > maxGap) { ok = false; break; }
      spans.push({ start: from + next.index, end: from + next.index + next[0].length, match: next });
    }
    if (!ok) continue;
    spans.forEach((s, k) => {
      if (!leading[k]) return;
      const count = leading[k].trim().slice(1, -1).split(/\s+/).filter(Boolean).length;
      // Bounded: at most 200 characters are searched.
      // eslint-disable-next-line regexp/no-super-linear-move
      const before = /(?:\S+\s+){0,6}$/.exec(text.slice(Math.max(0, s.start - 200), s.start))?.[0] ?? '';
      const taken = before.trimEnd().split(/\s+/).filter(Boolean).slice(-count).join(' ');
      s.lead = { kind: 'bracket', draft: leading[k].trim(), source: taken.replace(/^[^\p{L}\p{N}]+/u, '') };
      if (taken) s.start = s.start - before.length + before.trimEnd().lastIndexOf(taken);
    });
    const edits: Edit[] = [];
    spans.forEach((s, k) => {
      if (s.lead) edits.push(s.lead);
      edits.push(...bracketEdits(pieces[k].slice(leading[k].length), s.match));
      if (k > 0) edits.push({ kind: 'omission', draft: '…', source: text.slice(spans[k - 1].end, s.start).trim() });
      const draftFirst = pieces[k].slice(leading[k].length)[0];
      const sourceFirst = text[s.start];
      if (draftFirst !== sourceFirst && draftFirst?.toLowerCase() === sourceFirst?.toLowerCase()) {
        edits.push({ kind: 'capital', draft: draftFirst, source: sourceFirst });
      }
    });
    if (!hasMarks && edits.length === 0) continue;
    if (edits.length === 0) continue;
    const start = normalized.map[spans[0].start];
    const end = normalized.map[spans[spans.length - 1].end - 1] + 1;
    return { span: { start, end }, edits };
  }
  return undefined;
}

/**
 * A piece of a quotation as a pattern over normalised source text: its words literally (the
 * first letter in either case), each `[bracketed]` part standing for up to six source words.
 * Bounded repetition only, so no input can make it backtrack without end.
 */
function piecePattern(piece: string): RegExp {
  let pattern = '';
  let first = true;
  for (const part of piece.split(/(\[[^[\]]*\])/)) {
    if (!part) continue;
    if (part.startsWith('[') && part.endsWith(']')) {
      // As few source words as will do, and not many more than the brackets hold.
      const most = Math.min(maxBracketWords, part.split(/\s+/).length + 1) - 1;
      pattern += `(?<b${pattern.length}>[^ ]+?(?: [^ ]+?){0,${most}}?|)`;
      first = false;
      continue;
    }
    let literal = escapeRegExp(part);
    if (first && /^\p{L}/u.test(part)) literal = `[${escapeRegExp(part[0].toLowerCase())}${escapeRegExp(part[0].toUpperCase())}]${escapeRegExp(part.slice(1))}`;
    pattern += literal;
    first = false;
  }
  return new RegExp(pattern, 'gu');
}

function bracketEdits(piece: string, match: RegExpExecArray): Edit[] {
  const brackets = piece.match(/\[[^[\]]*\]/g) ?? [];
  const groups = Object.entries(match.groups ?? {}).sort(([a], [b]) => Number(a.slice(1)) - Number(b.slice(1))).map(([, v]) => v ?? '');
  return brackets.map((b, i) => ({ kind: 'bracket' as const, draft: b, source: groups[i] ?? '' }));
}
