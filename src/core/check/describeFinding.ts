import type { CheckSeverities } from '../../shared/settings';
import { messages } from '../../shared/strings';
import { diagnosticCodes, type DiagnosticCode } from '../../shared/diagnosticCodes';
import { formatLocator, locatorOf } from '../citations/citations';
import type { Finding } from './checkQuote';

/** Which setting decides a finding's level, and the message it shows. */
export function describeFinding(f: Finding): { level: keyof CheckSeverities; code: DiagnosticCode; message: string } | undefined {
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
