import { MarkupKind, type Hover, type Position } from 'vscode-languageserver-types';
import { messages, pdfMessages } from '../../shared/strings';
import type { CancellationToken, FeatureContext, TextDocument } from './context';
import { blockLabel, passageDetails, sourceCard } from './describe';
import { sourceLink } from './locations';
import { escapeMarkdown, quoteBlock, safeLink } from './markdown';
import { locate, targetAt } from './target';
import type { Finding } from '../check/checkQuote';
import type { SourceDoc } from '../model';
import { formatDiff } from '../check/words';

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
        parts.push(passageDetails(passage, source), safeLink(openLabel(source), sourceLink(source, passage)));
      } else if (block) {
        parts.push(`${escapeMarkdown(blockLabel(block))}`, quoteBlock(source.text.slice(block.start, block.end)), safeLink(openLabel(source), sourceLink(source, block)));
      } else if (target.locator?.kind === 'paragraph') {
        const { paragraph, page } = target.locator;
        parts.push(escapeMarkdown(source.pages === undefined ? messages.hoverParagraphMissing(paragraph)
          : page === undefined ? pdfMessages.hoverPageNeeded(paragraph) : pdfMessages.hoverPageParagraphMissing(page, paragraph)));
      } else if (target.locator?.kind === 'page' && source.pages !== undefined) {
        parts.push(escapeMarkdown(pdfMessages.hoverPageMissing(target.locator.page)));
      }
    }
  } else {
    parts.push(...describeQuote(target.finding));
  }
  return { contents: { kind: MarkupKind.Markdown, value: parts.join('\n\n---\n\n') }, range };
}

/** A PDF opens as a file, not at the passage. */
function openLabel(source: SourceDoc): string {
  return source.pages === undefined ? messages.hoverOpenSource : pdfMessages.hoverOpenPdf;
}

/** A quotation's verdict, what differs, and where it comes from. */
function describeQuote(finding: Finding): string[] {
  // The finding's message is the diagnostic's, which the editor already shows beside this hover.
  const parts = [`**${escapeMarkdown(messages.verdictLabel(finding.verdict))}**`];
  if (finding.sourceSpeaker) parts.push(escapeMarkdown(messages.saidBy(finding.sourceSpeaker)));
  if (finding.qualifier) parts.push(escapeMarkdown(messages.diagContext(finding.qualifier)));
  if (finding.diff) parts.push(codeBlock(formatDiff(finding.diff)));
  if (finding.source && finding.passage) {
    parts.push(passageDetails(finding.passage, finding.source));
    parts.push(sourceCard(finding.source));
    parts.push(safeLink(openLabel(finding.source), sourceLink(finding.source, finding.sourceSpan ?? finding.passage)));
  }
  return parts;
}

/** Untrusted text in a fence longer than any run of backticks inside it: shown as is, never rendered. */
function codeBlock(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  // Control and bidirectional characters are exactly what this strips.
  // eslint-disable-next-line no-control-regex
  return `${fence}text\n${text.replace(/[\u0000-\u0008\u000b-\u001f\u202a-\u202e\u2066-\u2069]/g, '')}\n${fence}`;
}
