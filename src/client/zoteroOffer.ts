import { stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { settingKeys, settingsSection } from '../shared/settings';
import { zoteroMessages } from '../shared/strings';

/** Remembers, across workspaces, that the writer was asked once. */
const offeredKey = 'verbatim.zotero.offered';

/**
 * Offers the Zotero library at `~/Zotero` once, when the setting names none: it is used only if
 * the writer says so, and the question is never asked again either way. Not in Restricted Mode.
 */
export async function offerZoteroLibrary(context: vscode.ExtensionContext, home = homedir()): Promise<void> {
  if (context.globalState.get<boolean>(offeredKey) || !vscode.workspace.isTrusted) return;
  const key = settingKeys.zoteroDataDirectory.slice(settingsSection.length + 1);
  if (vscode.workspace.getConfiguration(settingsSection).get<string>(key)) return;
  const dir = join(home, 'Zotero');
  const found = await stat(join(dir, 'zotero.sqlite')).then((s) => s.isFile(), () => false);
  if (!found) return;
  await context.globalState.update(offeredKey, true);
  const answer = await vscode.window.showInformationMessage(zoteroMessages.offerDataDirectory(dir), zoteroMessages.offerUse, zoteroMessages.offerNotNow);
  if (answer === zoteroMessages.offerUse) await vscode.workspace.getConfiguration(settingsSection).update(key, dir, vscode.ConfigurationTarget.Global);
}
