import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { CheckSeverities, SeverityLevel } from '../../shared/settings';
import { messages } from '../../shared/strings';
import type { Finding } from '../check/checkQuote';
import { sourceLocation } from './locations';
import { formatLocator, locatorOf } from '../citations/citations';
import type { TextDocument } from './context';
import { checkedLength, maxDraftChars } from '../draft/draftQuotes';

/** Stable diagnostic codes, one per verdict that needs attention, and one for context. */
export const diagnosticCodes = Object.freeze({
  edited: 'verbatim.edited',
  altered: 'verbatim.altered',
  misattributed: 'verbatim.misattributed',
  wrongSource: 'verbatim.wrong-source',
  notFound: 'verbatim.not-found',
  context: 'verbatim.context',
  draftTooLong: 'verbatim.draftTooLong',
  speakerUnverified: 'verbatim.speakerUnverified',
});

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

/** Which setting decides a finding's level, and the message it shows. */
export function describeFinding(f: Finding): { level: keyof CheckSeverities; code: string; message: string } | undefined {
  const cited = f.quote.citation?.key ? `@${f.quote.citation.key}` : 'the cited source';
  switch (f.verdict) {
    case 'verbatim':
    case 'normalized':
      return undefined;
    case 'edited':
      return { level: 'edited', code: diagnosticCodes.edited, message: messages.diagEdited(f.edits.map((e) => messages.editDescription(e.kind, e.draft, e.source)).join('; ')) };
    case 'altered': {
      const weighty = f.alterations.some((a) => a.kind === 'number' || a.kind === 'numberAdded' || a.kind === 'numberDropped' || a.kind === 'negation' || a.kind === 'name');
      return { level: weighty ? 'alteredMeaning' : 'altered', code: diagnosticCodes.altered, message: messages.diagAltered(f.alterations.map((a) => messages.alterationDescription(a.kind, a.draft, a.source)).join('; ')) };
    }
    case 'misattributed':
      return { level: 'misattributed', code: diagnosticCodes.misattributed, message: messages.diagMisattributed(f.sourceSpeaker ?? '?', f.quote.speaker?.name ?? '?', f.speakerSentence) };
    case 'wrong-source':
      return { level: 'wrongSource', code: diagnosticCodes.wrongSource, message: messages.diagWrongSource(cited, `@${f.source?.meta.key}${where(f)}`) };
    case 'not-found':
      if (f.citedProblem) return { level: 'notFound', code: diagnosticCodes.notFound, message: messages.diagNotFoundUnreadable(cited, f.citedProblem.message) };
      return f.quote.citation
        ? { level: 'notFound', code: diagnosticCodes.notFound, message: messages.diagNotFoundCited(cited) }
        : { level: 'notFoundUncited', code: diagnosticCodes.notFound, message: messages.diagNotFound };
  }
}

/** " (para. 7)" or " (art. 19)": where in its source a finding's passage stands. */
function where(f: Finding): string {
  const locator = f.passage && locatorOf(f.passage);
  return locator ? ` (${formatLocator(locator)})` : '';
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
    diagnostics.push({ range: { start, end: document.positionAt(Math.min(text.length, read + 200)) }, severity: DiagnosticSeverity.Warning, code: diagnosticCodes.draftTooLong, source: 'verbatim', message: messages.diagDraftTooLong(maxDraftChars, start.line + 1) });
  }
  return diagnostics;
}
