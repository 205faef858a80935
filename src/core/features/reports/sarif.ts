import type { Range } from 'vscode-languageserver-types';
import { ciMessages } from '../../../shared/strings';
import type { DraftReport } from '../../check/report';
import { formatLocator, locatorOf } from '../../citations/citations';
import type { SourceProblem } from '../../model';
import { diagnosticCodes } from '../../../shared/diagnosticCodes';
import { sourceRange } from '../locations';
import { fingerprints, reportedProblems, rootRelativeFile, srcRoot, type ReportedProblem, type ReportFile, type ReportLevel, type ReportOptions } from './problems';

/** The SARIF 2.1.0 schema a log names. */
export const sarifSchema = 'https://json.schemastore.org/sarif-2.1.0.json';

/** A SARIF 2.1.0 log, as far as Verbatim writes one. */
export interface SarifLog {
  readonly $schema: string;
  readonly version: '2.1.0';
  readonly runs: readonly SarifRun[];
}

interface SarifRun {
  readonly tool: { readonly driver: SarifDriver };
  readonly originalUriBaseIds?: Readonly<Record<string, { readonly uri: string }>>;
  readonly invocations: readonly SarifInvocation[];
  readonly columnKind: 'utf16CodeUnits';
  readonly results: readonly SarifResult[];
}

interface SarifDriver {
  readonly name: string;
  readonly version?: string;
  readonly rules: readonly SarifRule[];
}

interface SarifRule {
  readonly id: string;
  readonly name: string;
  readonly shortDescription: { readonly text: string };
  readonly fullDescription: { readonly text: string };
  readonly help: { readonly text: string };
}

interface SarifInvocation {
  readonly executionSuccessful: boolean;
  readonly toolExecutionNotifications?: readonly SarifNotification[];
}

interface SarifNotification {
  readonly level: 'warning' | 'note';
  readonly message: { readonly text: string };
  readonly descriptor: { readonly id: string };
  readonly locations: readonly SarifLocation[];
}

interface SarifResult {
  readonly ruleId: string;
  readonly ruleIndex: number;
  readonly level: 'error' | 'warning' | 'note';
  readonly message: { readonly text: string };
  readonly locations: readonly SarifLocation[];
  readonly relatedLocations?: readonly SarifLocation[];
  readonly partialFingerprints: Readonly<Record<string, string>>;
}

interface SarifLocation {
  readonly id?: number;
  readonly physicalLocation: {
    readonly artifactLocation: { readonly uri: string; readonly uriBaseId?: string };
    readonly region?: SarifRegion;
  };
  readonly message?: { readonly text: string };
}

interface SarifRegion {
  readonly startLine: number;
  readonly startColumn: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly snippet?: { readonly text: string };
}

/** What a SARIF log is made of: the drafts checked, and the sources that could not be read (reported as notifications). */
export interface SarifInput extends ReportOptions {
  readonly drafts: readonly DraftReport[];
  readonly sourceProblems?: readonly SourceProblem[];
}

/** SARIF's three levels from the user's five (`off` is never reported). */
export function sarifLevel(level: ReportLevel): 'error' | 'warning' | 'note' {
  return level === 'error' || level === 'warning' ? level : 'note';
}

/**
 * The check as a SARIF 2.1.0 log (GitHub code scanning, Azure DevOps, the SARIF viewers): one
 * result per diagnostic the editor would show, at the user's level, located in the draft by a
 * URI relative to the root, with the source passage as a related location.
 */
export function sarifLog(input: SarifInput): SarifLog {
  const locate = input.locate ?? rootRelativeFile;
  const problems = reportedProblems(input.drafts, input.severities);
  const codes = [...new Set([...Object.values(diagnosticCodes), ...problems.map((p) => p.code)])];
  const ruleIndex = new Map(codes.map((code, i) => [code, i]));
  const prints = fingerprints(problems, locate);
  const results = problems.map((p): SarifResult => {
    const related = relatedLocation(p, locate);
    return {
      ruleId: p.code,
      ruleIndex: ruleIndex.get(p.code)!,
      level: sarifLevel(p.level),
      message: { text: p.message },
      locations: [{ physicalLocation: { artifactLocation: artifact(locate(p.draft.path)), region: region(p.range, p.finding && p.draft.text.slice(p.finding.quote.span.start, p.finding.quote.span.end)) } }],
      ...(related ? { relatedLocations: [related] } : {}),
      partialFingerprints: { 'verbatimFinding/v1': prints.get(p)! },
    };
  });
  const notifications = (input.sourceProblems ?? []).map((s): SarifNotification => ({
    level: s.skipped ? 'warning' : 'note',
    message: { text: `${s.path}: ${s.message}` },
    descriptor: { id: s.code },
    locations: [{ physicalLocation: { artifactLocation: artifact(locate(s.path)) } }],
  }));
  return {
    $schema: sarifSchema,
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'Verbatim', ...(input.version ? { version: input.version } : {}), rules: codes.map(rule) } },
      ...(input.rootUri ? { originalUriBaseIds: { [srcRoot]: { uri: input.rootUri } } } : {}),
      invocations: [{ executionSuccessful: true, ...(notifications.length ? { toolExecutionNotifications: notifications } : {}) }],
      columnKind: 'utf16CodeUnits',
      results,
    }],
  };
}

function rule(code: string): SarifRule {
  const text = ciMessages.rules[code];
  const short = text?.short ?? ciMessages.ruleUnknown(code);
  const full = text?.full ?? short;
  return { id: code, name: text?.name ?? ruleName(code), shortDescription: { text: short }, fullDescription: { text: full }, help: { text: full } };
}

/** `verbatim.speaker-unverified` → `SpeakerUnverified`, for a code without a written name. */
function ruleName(code: string): string {
  return code.replace(/^verbatim\./, '').split(/[^a-z0-9]+/i).map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
}

function artifact(file: ReportFile): { uri: string; uriBaseId?: string } {
  return { uri: file.uri, ...(file.uriBaseId ? { uriBaseId: file.uriBaseId } : {}) };
}

/** A SARIF region (one-based, end column exclusive) of a zero-based range. */
function region(range: Range, snippet?: string): SarifRegion {
  return {
    startLine: range.start.line + 1, startColumn: range.start.character + 1,
    endLine: range.end.line + 1, endColumn: range.end.character + 1,
    ...(snippet !== undefined ? { snippet: { text: snippet } } : {}),
  };
}

/**
 * The source passage of a finding. A text source or saved page has a region in its file; a
 * PDF's text is extracted, so its page and paragraph are said in the message instead.
 */
function relatedLocation(p: ReportedProblem, locate: (path: string) => ReportFile): SarifLocation | undefined {
  const f = p.finding;
  if (!f?.source || !f.sourceSpan) return undefined;
  const locator = f.passage && locatorOf(f.passage);
  return {
    id: 1,
    physicalLocation: {
      artifactLocation: artifact(locate(f.source.path)),
      ...(f.source.pages === undefined ? { region: region(sourceRange(f.source, f.sourceSpan)) } : {}),
    },
    message: { text: ciMessages.relatedSourcePassage(locator ? formatLocator(locator) : undefined) },
  };
}
