import { messages } from '../../shared/strings';
import { formatLocator, locatorOf, longDate } from '../citations/citations';
import { describeFinding } from './describeFinding';
import type { Finding } from './checkQuote';
import { formatDiff } from './words';

/** One draft's findings, and where to show them. */
export interface DraftReport {
  readonly path: string;
  readonly text: string;
  readonly findings: readonly Finding[];
}

/** 0-based line and character of an offset. */
export function lineAndCharacter(text: string, offset: number): { line: number; character: number } {
  let line = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, character: offset - lineStart };
}

function clip(s: string, max = 90): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/**
 * The audit of drafts as a person reads it: grouped by draft, every quotation with its verdict
 * and source, and for each problem what differs. `markdown` is the report an editor signs off;
 * `text` is the command line's.
 */
export function formatReport(drafts: readonly DraftReport[], format: 'markdown' | 'text'): string {
  const total = drafts.reduce((n, d) => n + d.findings.length, 0);
  const problems = drafts.reduce((n, d) => n + d.findings.filter((f) => describeFinding(f) || f.qualifier || f.speakerUnverified).length, 0);
  const out: string[] = [];
  if (format === 'markdown') out.push(`# ${messages.auditTitle}`, '', messages.auditSummary(drafts.length, total, problems), '');
  for (const draft of drafts) {
    if (format === 'markdown') out.push(`## ${draft.path}`, '', '| line | quotation | verdict | source |', '| --- | --- | --- | --- |');
    else out.push(draft.path);
    for (const f of draft.findings) {
      const { line } = lineAndCharacter(draft.text, f.quote.span.start);
      const locator = f.passage && locatorOf(f.passage);
      const source = f.source ? `@${f.source.meta.key}${locator ? `, ${formatLocator(locator)}` : ''}${f.passage?.speaker ? ` (${f.passage.speaker})` : ''}` : '—';
      const unverified = f.speakerUnverified && messages.diagSpeakerUnverified(f.speakerUnverified.reason, f.quote.speaker?.name ?? '?', f.speakerUnverified.sourceSpeaker);
      const detail = [describeFinding(f)?.message, unverified].filter(Boolean).join(' ') || undefined;
      if (format === 'markdown') {
        const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
        out.push(`| ${line + 1} | “${cell(clip(f.quote.text))}” | **${f.verdict}**${detail ? `: ${cell(detail)}` : ''}${f.qualifier ? ` ${cell(messages.diagContext(f.qualifier))}` : ''} | ${cell(source)} |`);
      } else if (detail || f.qualifier) {
        out.push(`  ${line + 1}: ${f.verdict.padEnd(13)} “${clip(f.quote.text, 70)}”`);
        if (detail) out.push(`      ${detail}`);
        if (f.qualifier) out.push(`      ${messages.diagContext(f.qualifier)}`);
        if (f.diff) out.push(`      ${formatDiff(f.diff)}`);
        if (f.source) out.push(`      source: ${source}, ${f.source.meta.outlet ?? f.source.path}${f.source.meta.date ? `, ${longDate(f.source.meta.date)}` : ''}`);
      } else {
        out.push(`  ${line + 1}: ${f.verdict.padEnd(13)} “${clip(f.quote.text, 70)}” ${source}`);
      }
    }
    out.push('');
  }
  if (format === 'text') out.push(messages.auditSummary(drafts.length, total, problems));
  return `${out.join('\n')}\n`;
}
