import { ciMessages } from '../../../shared/strings';
import type { DraftReport } from '../../check/report';
import type { Finding } from '../../check/checkQuote';
import { reportedProblems, rootRelativeFile, type ReportedProblem, type ReportOptions } from './problems';

/**
 * The check as JUnit XML, for test dashboards (GitLab, Jenkins, Azure DevOps): a test suite per
 * draft, a test case per quotation, a failure for each problem at error level; problems at
 * lower levels are written to the case's output.
 */
export function junitReport(drafts: readonly DraftReport[], options: ReportOptions): string {
  const locate = options.locate ?? rootRelativeFile;
  const problems = reportedProblems(drafts, options.severities);
  const byFinding = new Map<Finding | undefined, ReportedProblem[]>();
  for (const p of problems) byFinding.set(p.finding, [...(byFinding.get(p.finding) ?? []), p]);
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  for (const draft of drafts) {
    const file = locate(draft.path).path;
    const cases: string[] = [];
    let suiteFailures = 0;
    for (const f of draft.findings) {
      const own = byFinding.get(f) ?? [];
      const errors = own.filter((p) => p.level === 'error');
      const others = own.filter((p) => p.level !== 'error');
      suiteFailures += errors.length ? 1 : 0;
      const line = (own[0]?.range.start.line ?? lineOf(draft.text, f.quote.span.start)) + 1;
      const body = [
        ...errors.map((p) => `      <failure type="${attr(p.code)}" message="${attr(p.message)}">${text(`${p.code}: ${p.message}\n“${f.quote.text}”`)}</failure>`),
        ...(others.length ? [`      <system-out>${text(others.map((p) => `${p.level} ${p.code}: ${p.message}`).join('\n'))}</system-out>`] : []),
      ];
      const open = `    <testcase name="${attr(ciMessages.quotationCase(line, clip(f.quote.text)))}" classname="${attr(file)}" file="${attr(file)}" line="${line}"`;
      cases.push(body.length ? `${open}>\n${body.join('\n')}\n    </testcase>` : `${open}/>`);
    }
    // A problem of the whole draft (too long to check) has no quotation to belong to.
    const whole = problems.filter((p) => p.draft === draft && !p.finding);
    const out = whole.length ? [`    <system-out>${text(whole.map((p) => `${p.level} ${p.code}: ${p.message}`).join('\n'))}</system-out>`] : [];
    tests += draft.findings.length;
    failures += suiteFailures;
    suites.push([
      `  <testsuite name="${attr(file)}" file="${attr(file)}" tests="${draft.findings.length}" failures="${suiteFailures}" errors="0" skipped="0">`,
      ...cases, ...out,
      '  </testsuite>',
    ].join('\n'));
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="verbatim" tests="${tests}" failures="${failures}" errors="0">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}

function lineOf(text: string, offset: number): number {
  let line = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

function clip(s: string, max = 80): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/**
 * Text XML 1.0 can hold: characters it forbids (most controls, lone surrogates, U+FFFE and
 * U+FFFF) become U+FFFD, since source and draft text is untrusted.
 */
function xmlSafe(s: string): string {
  // eslint-disable-next-line no-control-regex -- the controls XML forbids are what this finds
  return s.replace(/[\u0000-\u0008\v\f\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

/** Element text: `&`, `<` and `>` escaped (so `]]>` cannot appear). */
function text(s: string): string {
  return xmlSafe(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** An attribute value in double quotes: line breaks and tabs kept as character references, which a parser would otherwise fold into spaces. */
function attr(s: string): string {
  return text(s).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}
