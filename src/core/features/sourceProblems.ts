import type { Diagnostic } from 'vscode-languageserver-types';
import type { SourceProblem } from '../model';
import { toSeverity } from './diagnostics';

/** A source file's diagnostics, to publish on it; an empty list clears what the file showed. */
export interface FileDiagnostics {
  readonly uri: string;
  readonly diagnostics: Diagnostic[];
}

/**
 * A broken source shows in the Problems panel on the file itself, at its start: a skipped
 * source as an error, a warning about an indexed one (a duplicate key) as a warning.
 */
export function sourceProblemDiagnostics(problems: readonly SourceProblem[]): Map<string, Diagnostic[]> {
  const byUri = new Map<string, Diagnostic[]>();
  for (const p of problems) {
    byUri.set(p.uri, [...(byUri.get(p.uri) ?? []), {
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      severity: toSeverity(p.skipped ? 'error' : 'warning'),
      code: p.code,
      source: 'verbatim',
      message: p.message,
    }]);
  }
  return byUri;
}

/**
 * What each source file was last sent, so that only the files whose diagnostics changed are
 * sent again: a library of many broken files is not sent again and again.
 */
export class PublishedSourceProblems {
  #published = new Map<string, string>();

  /** The files to publish now that the problems are `problems`: changed ones, and cleared ones. */
  changes(problems: readonly SourceProblem[]): FileDiagnostics[] {
    const now = sourceProblemDiagnostics(problems);
    const changes: FileDiagnostics[] = [];
    for (const uri of this.#published.keys()) if (!now.has(uri)) changes.push({ uri, diagnostics: [] });
    const sent = new Map<string, string>();
    for (const [uri, diagnostics] of now) {
      const json = JSON.stringify(diagnostics);
      sent.set(uri, json);
      if (this.#published.get(uri) !== json) changes.push({ uri, diagnostics });
    }
    this.#published = sent;
    return changes;
  }
}
