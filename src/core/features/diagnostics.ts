import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { CheckSeverities, SeverityLevel } from '../../shared/settings';
import { diagnosticCodes } from '../../shared/diagnosticCodes';
import { messages } from '../../shared/strings';
import type { Finding } from '../check/checkQuote';
import { sourceLocation } from './locations';
import { describeFinding } from '../check/describeFinding';
import type { TextDocument } from './context';
import { checkedLength, maxDraftChars } from '../draft/draftQuotes';

/** The one place a user's level becomes an LSP severity. */
export function toSeverity(level: SeverityLevel): DiagnosticSeverity | undefined {
  switch (level) {
    case 'error': return DiagnosticSeverity.Error;
    case 'warning': return DiagnosticSeverity.Warning;
    case 'information': return DiagnosticSeverity.Information;
    case 'hint': return DiagnosticSeverity.Hint;
    case 'off': return undefined;
  }
}

/** Diagnostics for a draft's findings, with the source passage as related information. */
export function findingsToDiagnostics(document: TextDocument, findings: readonly Finding[], levels: CheckSeverities): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const f of findings) {
    const range = { start: document.positionAt(f.quote.span.start), end: document.positionAt(f.quote.span.end) };
    const related = f.source && f.sourceSpan ? [{ location: sourceLocation(f.source, f.sourceSpan), message: messages.relatedSourcePassage }] : undefined;
    const described = describeFinding(f);
    const severity = described && toSeverity(levels[described.level]);
    if (described && severity) {
      diagnostics.push({ range, severity, code: described.code, source: 'verbatim', message: described.message, ...(related ? { relatedInformation: related } : {}), data: { verdict: f.verdict } });
    }
    const unverifiedSeverity = toSeverity(levels.speakerUnverified);
    if (f.speakerUnverified && unverifiedSeverity) {
      const doubt = f.speakerUnverified;
      diagnostics.push({ range, severity: unverifiedSeverity, code: diagnosticCodes.speakerUnverified, source: 'verbatim', message: messages.diagSpeakerUnverified(doubt.reason, f.quote.speaker?.name ?? '?', doubt.sourceSpeaker), ...(related ? { relatedInformation: related } : {}) });
    }
    const contextSeverity = toSeverity(levels.context);
    if (f.qualifier && contextSeverity) {
      diagnostics.push({ range, severity: contextSeverity, code: diagnosticCodes.context, source: 'verbatim', message: messages.diagContext(f.qualifier), ...(related ? { relatedInformation: related } : {}) });
    }
  }
  // A draft longer than is read says where its checking stopped, on the first line not read.
  const text = document.getText();
  const read = checkedLength(text);
  if (read < text.length) {
    const start = document.positionAt(read);
    diagnostics.push({ range: { start, end: document.positionAt(Math.min(text.length, read + 200)) }, severity: toSeverity('warning'), code: diagnosticCodes.draftTooLong, source: 'verbatim', message: messages.diagDraftTooLong(maxDraftChars, start.line + 1) });
  }
  return diagnostics;
}
