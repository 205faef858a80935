import * as vscode from 'vscode';
import { askForSuggestions } from './indexingRefresh';
import { insideQuotation } from './quotationTyped';

/** How long after the server is ready typing that reaches the extension late is still looked at. */
const watchForMs = 10_000;

/**
 * A writer who opens a draft and types “ at once types it before completion is registered (often
 * before Verbatim is even activated), and VS Code does not ask again by itself. The extension
 * host also sees the typing late: when the server is ready, the “ may be on screen but not yet
 * in the host's copy of the draft. So once the server is ready, the active draft's line is read
 * then and after each change that reaches the host, and the first time it ends inside a quotation
 * suggestions are opened as “ would have. It stops at that, once VS Code has asked for
 * completions by itself (completion works), or after a few seconds.
 */
export function watchEarlyQuotation(triggerCharacters: readonly string[], onDidAsk: vscode.Event<void>): vscode.Disposable {
  const disposables: vscode.Disposable[] = [];
  const stop = (): void => {
    clearTimeout(timer);
    for (const d of disposables.splice(0)) d.dispose();
  };
  const timer = setTimeout(stop, watchForMs);
  const askIfInQuotation = (document: vscode.TextDocument, end: vscode.Position): void => {
    if (document.languageId !== 'markdown' || !document.isDirty) return;
    if (!insideQuotation(document.lineAt(end.line).text.slice(0, end.character), triggerCharacters)) return;
    stop();
    void askForSuggestions();
  };
  disposables.push(
    onDidAsk(stop),
    vscode.workspace.onDidChangeTextDocument((event) => {
      const editor = vscode.window.activeTextEditor;
      const last = event.contentChanges.at(-1);
      if (!editor || event.document !== editor.document || !last) return;
      // Where the inserted text ends: the host's caret may not have caught up yet.
      askIfInQuotation(event.document, event.document.positionAt(last.rangeOffset + last.text.length));
    }),
  );
  const editor = vscode.window.activeTextEditor;
  if (editor?.selection.isEmpty) askIfInQuotation(editor.document, editor.selection.active);
  return { dispose: stop };
}
