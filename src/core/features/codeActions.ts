import { CodeActionKind, type CodeAction, type Range, type TextEdit } from 'vscode-languageserver-types';
import { messages } from '../../shared/strings';
import type { Finding } from '../check/checkQuote';
import { formatCitation, locatorOf } from '../citations/citations';
import type { TextDocument } from './context';
import { trimEndWhere } from '../text/trim';

/**
 * Fixes for the findings under `range`. Each fix is one edit of the open draft, tied to the
 * draft's version so an editor refuses it once the text has moved on.
 */
export function codeActionsFor(document: TextDocument, findings: readonly Finding[], range: Range, citationStyle: Parameters<typeof formatCitation>[0]): CodeAction[] {
  const from = document.offsetAt(range.start);
  const to = document.offsetAt(range.end);
  const actions: CodeAction[] = [];
  const edit = (title: string, edits: TextEdit[], preferred = false): CodeAction => ({
    title,
    kind: CodeActionKind.QuickFix,
    isPreferred: preferred,
    edit: { documentChanges: [{ textDocument: { uri: document.uri, version: document.version }, edits }] },
  });
  const text = document.getText();
  for (const f of findings) {
    if (f.quote.span.end < from || f.quote.span.start > to) continue;
    const inner = { start: document.positionAt(f.quote.inner.start), end: document.positionAt(f.quote.inner.end) };
    if (f.source && f.sourceSpan && (f.verdict === 'altered' || f.verdict === 'normalized' || f.verdict === 'edited')) {
      // Keep the writer's closing punctuation (“…,” she said) outside what is replaced.
      const draftInner = text.slice(f.quote.inner.start, f.quote.inner.end);
      const trailing = draftInner.slice(trimEndWhere(draftInner, (c) => /[\s,;:.]/.test(c)).length);
      const end = document.positionAt(f.quote.inner.end - trailing.length);
      actions.push(edit(messages.fixReplace, [{ range: { start: inner.start, end }, newText: f.source.text.slice(f.sourceSpan.start, f.sourceSpan.end) }], f.verdict === 'altered'));
    }
    if (f.verdict === 'misattributed' && f.sourceSpeaker && f.quote.speaker) {
      const span = f.quote.speaker.span;
      actions.push(edit(messages.fixAttribute(f.sourceSpeaker), [{ range: { start: document.positionAt(span.start), end: document.positionAt(span.end) }, newText: f.sourceSpeaker }], true));
    }
    if (!f.quote.citation && f.source && f.passage && f.verdict !== 'not-found' && f.verdict !== 'altered') {
      const citation = formatCitation(citationStyle === 'footnote' ? 'pandoc' : citationStyle, f.source.meta, locatorOf(f.passage));
      const at = document.positionAt(f.quote.span.end);
      actions.push(edit(messages.fixCite(citation.inline), [{ range: { start: at, end: at }, newText: ` ${citation.inline}` }]));
    }
    const ellipsis = f.verdict === 'altered' ? ellipsisEdit(text, f) : undefined;
    if (ellipsis) actions.push(edit(messages.fixEllipsis, ellipsis.map((e) => ({ range: { start: document.positionAt(e.at), end: document.positionAt(e.at) }, newText: e.text }))));
  }
  return actions;
}

/** Where the draft dropped source words without saying so, an ellipsis goes; only when nothing else changed. */
function ellipsisEdit(text: string, f: Finding): { at: number; text: string }[] | undefined {
  if (!f.diff || f.quote.block || f.alterations.length === 0 || !f.alterations.every((a) => a.kind === 'omitted')) return undefined;
  if (text.slice(f.quote.inner.start, f.quote.inner.end) !== f.quote.text) return undefined;
  const edits: { at: number; text: string }[] = [];
  let lastDraftEnd = 0;
  for (const op of f.diff) {
    if (op.op === 'same' || op.op === 'changed') lastDraftEnd = op.draft[op.draft.length - 1]?.end ?? lastDraftEnd;
    if (op.op === 'dropped' && lastDraftEnd > 0) edits.push({ at: f.quote.inner.start + lastDraftEnd, text: ' …' });
  }
  return edits.length ? edits : undefined;
}
