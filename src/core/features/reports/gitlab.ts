import type { DraftReport } from '../../check/report';
import { fingerprints, reportedProblems, rootRelativeFile, type ReportLevel, type ReportOptions } from './problems';

/** One issue of a GitLab code quality report (the Code Climate format GitLab reads). */
export interface CodeQualityIssue {
  readonly description: string;
  readonly check_name: string;
  readonly fingerprint: string;
  readonly severity: 'info' | 'minor' | 'major' | 'critical' | 'blocker';
  readonly location: { readonly path: string; readonly lines: { readonly begin: number; readonly end: number } };
}

const severities: Readonly<Record<ReportLevel, CodeQualityIssue['severity']>> = {
  error: 'critical', warning: 'major', information: 'minor', hint: 'info',
};

/**
 * The check as a GitLab code quality report (`artifacts:reports:codequality`), which GitLab
 * shows in merge requests; the fingerprint stays the same while the quotation does.
 */
export function gitlabCodeQuality(drafts: readonly DraftReport[], options: ReportOptions): CodeQualityIssue[] {
  const locate = options.locate ?? rootRelativeFile;
  const problems = reportedProblems(drafts, options.severities);
  const prints = fingerprints(problems, locate);
  return problems.map((p) => ({
    description: p.message,
    check_name: p.code,
    fingerprint: prints.get(p)!,
    severity: severities[p.level],
    location: { path: locate(p.draft.path).path, lines: { begin: p.range.start.line + 1, end: p.range.end.line + 1 } },
  }));
}
