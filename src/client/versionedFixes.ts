import * as vscode from 'vscode';
import type { Middleware } from 'vscode-languageclient/node';
import { messages } from '../shared/strings';

/** Applies one quick fix, if the draft is still the version the fix was computed for. */
export const applyFixCommand = 'verbatim.applyFix';

/**
 * Quick fixes tied to the draft's version. The server sends each fix as an edit of one version
 * of the draft, but the language client hands VS Code a plain edit and drops the version; here
 * the edit travels in a command that applies it only to that version, so a fix computed before
 * the writer typed is refused and the draft stays as it is. Fixes that arrive after the draft
 * has changed are not offered at all.
 */
export const versionedCodeActions: Middleware['provideCodeActions'] = async (document, range, context, token, next) => {
  const version = document.version;
  const actions = await next(document, range, context, token);
  if (!actions || document.version !== version) return actions && [];
  return actions.map((action) => {
    if (!(action instanceof vscode.CodeAction) || !action.edit || action.command) return action;
    action.command = { title: action.title, command: applyFixCommand, arguments: [document.uri.toString(), version, action.edit] };
    action.edit = undefined;
    return action;
  });
};

/** The command behind every quick fix: true when the edit was applied (one step for Undo). */
export function registerApplyFix(): vscode.Disposable {
  return vscode.commands.registerCommand(applyFixCommand, async (uri: string, version: number, edit: vscode.WorkspaceEdit): Promise<boolean> => {
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
    if (!document || document.version !== version) {
      void vscode.window.showWarningMessage(messages.fixOutdated);
      return false;
    }
    return vscode.workspace.applyEdit(edit);
  });
}
