import { MarkupKind, type Hover, type Position } from 'vscode-languageserver-types';
import { messages } from '../../shared/strings';
import type { CancellationToken, FeatureContext, TextDocument } from './context';
import { passageDetails, sourceCard } from './describe';
import { sourceLink } from './locations';
import { escapeMarkdown, quoteBlock, safeLink } from './markdown';
import { locate, targetAt } from './target';

/**
 * Hover on a citation: the source card and the cited paragraph. Hover on a quotation: the
 * passage it comes from, who said it, where and when, and whether the draft's text matches.
 */
export function provideHover(ctx: FeatureContext, document: TextDocument, position: Position, token: CancellationToken): Hover | null {
  const text = document.getText();
  const target = targetAt(ctx, text, document.offsetAt(position));
  if (!target || token.isCancellationRequested) return null;
  const range = { start: document.positionAt(target.span.start), end: document.positionAt(target.span.end) };
  const parts: string[] = [];
  if (target.kind === 'citation') {
    const [source] = target.sources;
    if (!source) {
      parts.push(escapeMarkdown(messages.hoverUnknownKey(target.key)));
    } else {
      if (target.sources.length > 1) parts.push(`⚠ ${escapeMarkdown(messages.hoverAmbiguousKey(target.key))}`);
      parts.push(sourceCard(source));
      const { block, passage } = locate(source, target.locator);
      if (passage) {
        parts.push(passageDetails(passage, source), safeLink(messages.hoverOpenSource, sourceLink(source, passage)));
      } else if (block) {
        parts.push(`${escapeMarkdown(messages.paragraphLabel(block.number))}`, quoteBlock(source.text.slice(block.start, block.end)), safeLink(messages.hoverOpenSource, sourceLink(source, block)));
      } else if (target.locator?.kind === 'paragraph') {
        parts.push(escapeMarkdown(messages.hoverParagraphMissing(target.locator.paragraph)));
      }
    }
  } else {
    const { match } = target;
    const verdict = {
      exact: messages.hoverMatchesExactly,
      normalized: messages.hoverMatchesNormalized,
      differs: messages.hoverDiffers,
      none: messages.hoverNotFound,
    }[match.kind];
    parts.push(`**${escapeMarkdown(verdict)}**`);
    if (match.source && match.passage) {
      parts.push(passageDetails(match.passage, match.source));
      parts.push(sourceCard(match.source));
      parts.push(safeLink(messages.hoverOpenSource, sourceLink(match.source, match.span ?? match.passage)));
    }
  }
  return { contents: { kind: MarkupKind.Markdown, value: parts.join('\n\n---\n\n') }, range };
}
