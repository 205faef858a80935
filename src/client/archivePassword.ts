import * as vscode from 'vscode';
import { commandIds } from '../shared/commands';
import { messages } from '../shared/strings';

/** Where the shared archive's password is kept: VS Code's secret storage (the OS keychain), never a settings file. */
const secretKey = 'verbatim.archive.password';

/**
 * Sets PGPASSWORD (libpq's and `pg`'s variable) in the environment the language server starts
 * with: the password saved in secret storage, else whatever the editor's own environment has.
 */
export async function applyArchivePassword(context: vscode.ExtensionContext, env: NodeJS.ProcessEnv): Promise<void> {
  const password = await Promise.resolve(context.secrets.get(secretKey)).catch(() => undefined);
  if (password) env.PGPASSWORD = password;
  else if (process.env.PGPASSWORD !== undefined) env.PGPASSWORD = process.env.PGPASSWORD;
  else delete env.PGPASSWORD;
}

/**
 * The command that saves (or, left empty, removes) the archive's password, then restarts the
 * language server with it in `env`.
 */
export function registerArchivePassword(context: vscode.ExtensionContext, env: NodeJS.ProcessEnv, restart: () => Promise<void>): vscode.Disposable {
  return vscode.commands.registerCommand(commandIds.setArchivePassword, async () => {
    const password = await vscode.window.showInputBox({ prompt: messages.archivePasswordPrompt, password: true, ignoreFocusOut: true });
    if (password === undefined) return;
    if (password) await context.secrets.store(secretKey, password);
    else await context.secrets.delete(secretKey);
    await applyArchivePassword(context, env);
    void vscode.window.showInformationMessage(password ? messages.archivePasswordSaved : messages.archivePasswordCleared);
    await restart();
  });
}
