// Helpers for the in-editor suite. Every wait is an event or a polled condition with a deadline;
// the only timers are the deadline itself and the poll interval.
import * as assert from 'node:assert/strict';
import { appendFileSync } from 'node:fs';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'verbatim.verbatim';

/**
 * Polls `check` until it returns a truthy value (returned) or the deadline passes. A throw counts
 * as "not yet"; the last error is reported on timeout.
 */
type Truthy<T> = Exclude<T, false | null | undefined | 0 | ''>;

export async function waitFor<T>(check: () => T | Promise<T>, what: string, timeoutMs = 20_000, intervalMs = 50): Promise<Truthy<T>> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value as Truthy<T>;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() >= deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${(lastError as Error).message}` : ''}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs)); // poll interval
  }
}

/**
 * Resolves with the diagnostics of `uri` once `accept` holds for them: checked at once, then on
 * every `languages.onDidChangeDiagnostics` for that URI, until the deadline.
 */
export function waitForDiagnostics(
  uri: vscode.Uri,
  accept: (diagnostics: vscode.Diagnostic[]) => boolean,
  what: string,
  timeoutMs = 30_000,
): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const current = () => vscode.languages.getDiagnostics(uri);
    const finish = (err?: Error) => {
      clearTimeout(deadline);
      listener.dispose();
      if (err) reject(err);
      else resolve(current());
    };
    const listener = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString()) && accept(current())) finish();
    });
    const deadline = setTimeout(() => {
      const seen = current().map((d) => `${codeOf(d)}@${d.range.start.line + 1}`).join(', ') || 'none';
      finish(new Error(`timed out after ${timeoutMs} ms waiting for diagnostics ${what} on ${uri.path} (have: ${seen})`));
    }, timeoutMs); // the deadline, not a sleep
    if (accept(current())) finish();
  });
}

/** A diagnostic's code as a string (LSP codes arrive as a string or as { value, target }). */
export function codeOf(d: vscode.Diagnostic): string {
  const c = d.code;
  return String(typeof c === 'object' && c !== null ? c.value : c ?? '');
}

/** The position of `needle` (its `at`-th character) in `doc`; fails the test if it is not there. */
export function positionOf(doc: vscode.TextDocument, needle: string, at = 0, from = 0): vscode.Position {
  const i = doc.getText().indexOf(needle, from);
  assert.ok(i >= 0, `"${needle}" is not in ${doc.uri.path}`);
  return doc.positionAt(i + at);
}

/** The example workspace the suite runs on (a temp copy of examples/newsroom). */
export function exampleFolder(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  assert.ok(folder, 'no workspace folder is open: open a copy of examples/newsroom');
  return folder;
}

export function inFolder(...segments: string[]): vscode.Uri {
  return vscode.Uri.joinPath(exampleFolder(), ...segments);
}

/** Text of hover results, Markdown escapes removed, so assertions read like what a person sees. */
export function hoverText(hovers: vscode.Hover[] | undefined): string {
  return (hovers ?? [])
    .flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : String(c))))
    .join('\n')
    .replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

export function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

/** The range a completion item replaces (VS Code gives either a Range or { inserting, replacing }). */
export function replaceRangeOf(item: vscode.CompletionItem): vscode.Range {
  const r = item.range;
  assert.ok(r, `completion item "${labelOf(item)}" has no range`);
  return 'replacing' in r ? r.replacing : r;
}

export function insertTextOf(item: vscode.CompletionItem): string {
  const t = item.insertText ?? labelOf(item);
  return typeof t === 'string' ? t : t.value;
}

/**
 * Measurements for the report (activation time, time to first completion...). Printed to the
 * console and, when VERBATIM_TEST_METRICS names a file, appended to it as JSON lines, which the
 * code-server harness and the test-electron runner read back.
 */
export function recordMetric(name: string, value: number | string | boolean, unit = 'ms'): void {
  console.log(`[verbatim metric] ${name}: ${value}${typeof value === 'number' ? ` ${unit}` : ''}`);
  const file = process.env.VERBATIM_TEST_METRICS;
  if (file) appendFileSync(file, `${JSON.stringify({ name, value, unit, at: new Date().toISOString() })}\n`);
}

/**
 * Applies a Verbatim quick fix as choosing it in the editor does: its command applies the edit
 * to the version of the draft it was computed for. True when applied, false when refused.
 */
export async function applyFix(fix: vscode.CodeAction): Promise<boolean> {
  assert.ok(fix.command, `the fix "${fix.title}" has no command`);
  return vscode.commands.executeCommand<boolean>(fix.command.command, ...(fix.command.arguments ?? []));
}
