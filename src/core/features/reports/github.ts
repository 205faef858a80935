import { ciMessages } from '../../../shared/strings';
import type { DraftReport } from '../../check/report';
import { countLevels, reportedProblems, rootRelativeFile, type ReportLevel, type ReportOptions } from './problems';

/** How many annotations of each kind GitHub shows for one step. */
const shownPerKind = 10;

/**
 * The check as GitHub workflow commands (`::error file=…,line=…::message`), which GitHub shows as
 * annotations on the pull request's lines, then a plain summary line with the counts, since
 * GitHub shows only the first ten annotations of each kind per step.
 */
export function githubAnnotations(drafts: readonly DraftReport[], options: ReportOptions): string {
  const locate = options.locate ?? rootRelativeFile;
  const problems = reportedProblems(drafts, options.severities);
  const lines = problems.map((p) => {
    const { start, end } = p.range;
    const properties: [string, string | number][] = [['file', locate(p.draft.path).path], ['line', start.line + 1], ['col', start.character + 1], ['endLine', end.line + 1]];
    // GitHub reads endColumn (inclusive) only when the annotation stays on one line.
    if (end.line === start.line) properties.push(['endColumn', Math.max(start.character + 1, end.character)]);
    properties.push(['title', p.code]);
    const quote = p.finding ? `\n“${clip(p.finding.quote.text)}”` : '';
    return `::${command(p.level)} ${properties.map(([k, v]) => `${k}=${escapeProperty(String(v))}`).join(',')}::${escapeData(p.message + quote)}`;
  });
  const counts = countLevels(problems);
  const quotes = drafts.reduce((n, d) => n + d.findings.length, 0);
  lines.push(ciMessages.summary(drafts.length, quotes, counts));
  if (Math.max(counts.error, counts.warning, counts.note) > shownPerKind) lines.push(ciMessages.annotationsCapped);
  return `${lines.join('\n')}\n`;
}

function command(level: ReportLevel): 'error' | 'warning' | 'notice' {
  return level === 'error' || level === 'warning' ? level : 'notice';
}

function clip(s: string, max = 100): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/** A command's message, escaped as GitHub's toolkit does (`escapeData`): no line break can end it early. */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A command's property value, escaped as GitHub's toolkit does (`escapeProperty`): no `,` or `:` can end it early. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
