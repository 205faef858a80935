import type { Location, Range } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { SourceDoc, Span } from '../model';
import { sourceFilePosition } from '../sources/loadSource';

const lineIndexes = new WeakMap<SourceDoc, TextDocument>();

/**
 * The editor range of a span of a source. A PDF's text is extracted, not the file: no range in
 * the file corresponds to it, so the range is the file's start (the editor opens the file).
 */
export function sourceRange(source: SourceDoc, span: Span): Range {
  if (source.pages !== undefined) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  // A saved web page's offsets are into its article text; the page maps them back to the file.
  const start = sourceFilePosition(source, span.start);
  const end = start && sourceFilePosition(source, span.end);
  if (start && end) return { start, end };
  let doc = lineIndexes.get(source);
  if (!doc) {
    doc = TextDocument.create(source.uri, 'plaintext', 0, source.text);
    lineIndexes.set(source, doc);
  }
  return { start: doc.positionAt(span.start), end: doc.positionAt(span.end) };
}

export function sourceLocation(source: SourceDoc, span: Span): Location {
  return { uri: source.uri, range: sourceRange(source, span) };
}

/** A link that opens the source at a span (`file:///…#L12,5`), for hovers; a PDF opens as a file. */
export function sourceLink(source: SourceDoc, span: Span): string {
  if (source.pages !== undefined) return source.uri;
  const { start } = sourceRange(source, span);
  return `${source.uri}#L${start.line + 1},${start.character + 1}`;
}
