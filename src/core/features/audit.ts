import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { AuditResult } from '../../shared/protocol';
import type { Finding } from '../check/checkQuote';
import { formatReport, type DraftReport } from '../check/report';
import type { IWorkspace } from '../ports';
import type { CancellationToken, FeatureContext } from './context';
import { findingsToDiagnostics } from './diagnostics';

/**
 * The largest draft the audit reads, in bytes: far past anything written by hand (a draft is
 * checked up to `maxDraftChars` and told where checking stopped), small enough that a stray
 * huge file matched by the draft patterns cannot exhaust memory.
 */
export const maxAuditedDraftBytes = 64 * 1024 * 1024;

/** What the audit needs from its host besides the workspace. */
export interface AuditHost {
  readonly workspace: IWorkspace;
  /** The text of a draft open in the editor (which may differ from the file), else undefined. */
  readonly openText: (uri: string) => string | undefined;
  /** Shows a closed draft's diagnostics (an open one's are kept up to date as the writer types). */
  readonly publish: (uri: string, diagnostics: Diagnostic[]) => void;
  /** Checks one draft's text; undefined when cancelled. */
  readonly check: (text: string, token: CancellationToken) => Promise<Finding[] | undefined>;
}

/**
 * Checks every draft of the workspace (the files the draft patterns match that are not
 * sources), publishes the diagnostics of those not open, and returns the report; undefined
 * when cancelled. A draft that cannot be read is left out.
 */
export async function auditDrafts(ctx: FeatureContext, host: AuditHost, token: CancellationToken): Promise<AuditResult | undefined> {
  const settings = ctx.settings();
  const drafts = (await host.workspace.findSources(settings.drafts)).filter((ref) => !ctx.library.get(ref.uri));
  const decoder = new TextDecoder();
  const reports: DraftReport[] = [];
  for (const ref of drafts) {
    const open = host.openText(ref.uri);
    const text = open ?? await host.workspace.readFile(ref, maxAuditedDraftBytes).then((bytes) => decoder.decode(bytes), () => undefined);
    if (text === undefined) continue;
    const findings = await host.check(text, token);
    if (!findings) return undefined;
    reports.push({ path: ref.path, text, findings });
    if (open === undefined) {
      const document = TextDocument.create(ref.uri, 'markdown', 0, text);
      host.publish(ref.uri, settings.checkEnabled ? findingsToDiagnostics(document, findings, settings.checkSeverity) : []);
    }
  }
  if (token.isCancellationRequested) return undefined;
  return { report: formatReport(reports, 'markdown'), drafts: reports.length, quotations: reports.reduce((n, r) => n + r.findings.length, 0) };
}
