import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity, type Range } from 'vscode-languageserver-types';
import type { CheckSeverities } from '../../../shared/settings';
import type { Finding } from '../../check/checkQuote';
import type { DraftReport } from '../../check/report';
import { diagnosticCodes } from '../../../shared/diagnosticCodes';
import { findingsToDiagnostics } from '../diagnostics';

/** A level a problem is reported at (`off` is never reported). */
export type ReportLevel = 'error' | 'warning' | 'information' | 'hint';

/** One diagnostic of a draft, as a CI report shows it. */
export interface ReportedProblem {
  readonly draft: DraftReport;
  /** The quotation's finding; absent for a problem of the whole draft (`verbatim.draftTooLong`). */
  readonly finding?: Finding;
  readonly code: string;
  readonly level: ReportLevel;
  readonly message: string;
  /** Zero-based lines and UTF-16 characters in the draft, end exclusive. */
  readonly range: Range;
}

/** Where a file stands for a CI tool. */
export interface ReportFile {
  /** The path the tool shows and links: relative to the root with `/`, else absolute. */
  readonly path: string;
  /** An RFC 3986 reference: relative to `uriBaseId` when set, else absolute. */
  readonly uri: string;
  readonly uriBaseId?: string;
}

/** What every report needs besides the drafts. */
export interface ReportOptions {
  /** The user's level for each kind of finding. */
  readonly severities: CheckSeverities;
  /** Where a draft or source, by its path in the check, stands for the tool; default `rootRelativeFile`. */
  readonly locate?: (path: string) => ReportFile;
  /** The absolute URI of the root relative paths start from, ending in `/` (SARIF's `%SRCROOT%`). */
  readonly rootUri?: string;
  /** Verbatim's version, for the tool's description. */
  readonly version?: string;
}

/** The base id of paths relative to the root of the repository. */
export const srcRoot = '%SRCROOT%';

/** A path already relative to the root, encoded as a URI reference. */
export function rootRelativeFile(path: string): ReportFile {
  const relative = path.replace(/\\/g, '/');
  return { path: relative, uri: relative.split('/').map(encodeURIComponent).join('/'), uriBaseId: srcRoot };
}

const levels: Readonly<Record<number, ReportLevel>> = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'information',
  [DiagnosticSeverity.Hint]: 'hint',
};

/**
 * The problems of drafts at the user's levels: exactly the diagnostics the editor shows for them
 * (so CI and the Problems panel agree), each tied back to its quotation's finding.
 */
export function reportedProblems(drafts: readonly DraftReport[], severities: CheckSeverities): ReportedProblem[] {
  const problems: ReportedProblem[] = [];
  for (const draft of drafts) {
    const document = TextDocument.create('verbatim:draft', 'markdown', 0, draft.text);
    // A diagnostic of a quotation starts where the quotation does, and no two quotations start at the same offset.
    const byStart = new Map(draft.findings.map((f) => [f.quote.span.start, f]));
    for (const d of findingsToDiagnostics(document, draft.findings, severities)) {
      const level = d.severity === undefined ? undefined : levels[d.severity];
      if (!level) continue;
      const code = String(d.code ?? '');
      const finding = code === diagnosticCodes.draftTooLong ? undefined : byStart.get(document.offsetAt(d.range.start));
      problems.push({ draft, ...(finding ? { finding } : {}), code, level, message: typeof d.message === 'string' ? d.message : d.message.value, range: d.range });
    }
  }
  return problems;
}

/** Counts by the three levels CI tools know: error, warning and note (information and hint). */
export function countLevels(problems: readonly ReportedProblem[]): { error: number; warning: number; note: number } {
  const counts = { error: 0, warning: 0, note: 0 };
  for (const p of problems) counts[p.level === 'error' || p.level === 'warning' ? p.level : 'note']++;
  return counts;
}

/** A stable 64-bit FNV-1a fingerprint of strings, as 16 hex digits (not for security: for telling findings apart across runs). */
export function fingerprint(...parts: readonly string[]): string {
  let hash = 0xcbf29ce484222325n;
  const text = parts.join('\u0000');
  for (let i = 0; i < text.length; i++) {
    hash ^= BigInt(text.charCodeAt(i));
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return hash.toString(16).padStart(16, '0');
}

/** Each problem's fingerprint: its code, its draft, its quotation and the how-manieth such quotation it is. */
export function fingerprints(problems: readonly ReportedProblem[], locate: (path: string) => ReportFile): Map<ReportedProblem, string> {
  const seen = new Map<string, number>();
  const result = new Map<ReportedProblem, string>();
  for (const p of problems) {
    // A problem of the whole draft names a line in its message, which moves; the draft is enough.
    const base = [p.code, locate(p.draft.path).path, p.finding?.quote.text ?? ''];
    const key = base.join('\u0000');
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    result.set(p, fingerprint(...base, String(n)));
  }
  return result;
}
