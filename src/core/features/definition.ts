import type { Location, Position } from 'vscode-languageserver-types';
import type { CancellationToken, FeatureContext, TextDocument } from './context';
import { sourceLocation } from './locations';
import { locate, targetAt } from './target';

/** Go to definition: a citation opens its source at the cited paragraph, a quotation at its passage. */
export function provideDefinition(ctx: FeatureContext, document: TextDocument, position: Position, token: CancellationToken): Location[] {
  const target = targetAt(ctx, document.getText(), document.offsetAt(position));
  if (!target || token.isCancellationRequested) return [];
  if (target.kind === 'citation') {
    return target.sources.map((source) => {
      const { block, passage } = locate(source, target.locator);
      return sourceLocation(source, passage ?? block ?? { start: source.bodyStart, end: source.bodyStart });
    });
  }
  const { finding } = target;
  const span = finding.sourceSpan ?? finding.passage;
  return finding.source && span ? [sourceLocation(finding.source, span)] : [];
}
