import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { commandIds } from '../shared/commands';
import { bibliographyRequest, frontMatterEditRequest } from '../shared/protocol';
import { toolchainMessages as messages } from '../shared/strings';

type ClientRef = () => LanguageClient | undefined;

/** The commands that hand Verbatim's sources to Pandoc: write a CSL-JSON bibliography, name it in a draft's front matter. */
export function registerBibliographyCommands(client: ClientRef): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(commandIds.writeBibliography, () => writeBibliography(client)),
    vscode.commands.registerCommand(commandIds.linkBibliography, (target?: unknown) => linkBibliography(client, target instanceof vscode.Uri ? target : undefined)),
  ];
}

/** The draft in the active editor, if it is a Markdown file. */
function activeDraft(): vscode.TextEditor | undefined {
  const editor = vscode.window.activeTextEditor;
  return editor?.document.languageId === 'markdown' ? editor : undefined;
}

/** `references.json` beside the draft, else in the first workspace folder. */
function defaultBibliographyUri(draft: vscode.Uri | undefined): vscode.Uri | undefined {
  if (draft?.scheme === 'file') return vscode.Uri.joinPath(draft, '..', 'references.json');
  const folder = vscode.workspace.workspaceFolders?.[0];
  return folder ? vscode.Uri.joinPath(folder.uri, 'references.json') : undefined;
}

/**
 * Asks the server for the sources as CSL-JSON and saves them where the writer chooses
 * (`references.json` beside the draft by default). The server never writes; in Restricted
 * Mode nothing is written at all and the JSON opens as an unsaved document.
 */
async function writeBibliography(client: ClientRef): Promise<void> {
  const c = client();
  if (!c) return;
  const { items } = await c.sendRequest(bibliographyRequest);
  if (items.length === 0) {
    void vscode.window.showWarningMessage(messages.bibliographyEmpty);
    return;
  }
  const json = `${JSON.stringify(items, null, 2)}\n`;
  if (!vscode.workspace.isTrusted) {
    const document = await vscode.workspace.openTextDocument({ language: 'json', content: json });
    await vscode.window.showTextDocument(document, { preview: false });
    void vscode.window.showInformationMessage(messages.bibliographyUntrusted);
    return;
  }
  const draft = activeDraft()?.document.uri;
  const target = await vscode.window.showSaveDialog({
    defaultUri: defaultBibliographyUri(draft),
    filters: { 'CSL-JSON': ['json'] },
    saveLabel: messages.bibliographySaveLabel,
  });
  if (!target) return;
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(json));
  const shown = vscode.workspace.asRelativePath(target);
  const action = draft
    ? await vscode.window.showInformationMessage(messages.bibliographyWritten(items.length, shown), messages.bibliographyLinkAction)
    : await vscode.window.showInformationMessage(messages.bibliographyWritten(items.length, shown));
  if (action === messages.bibliographyLinkAction && draft) await linkBibliography(client, target, draft);
}

/**
 * Sets `bibliography:` in the draft's front matter to the chosen file, relative to the
 * draft, as one edit the writer can undo. The server computes the edit from the draft's YAML.
 */
async function linkBibliography(client: ClientRef, target?: vscode.Uri, draftUri?: vscode.Uri): Promise<void> {
  const editor = draftUri
    ? vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === draftUri.toString()) ?? await vscode.window.showTextDocument(draftUri)
    : activeDraft();
  if (!editor || editor.document.languageId !== 'markdown') {
    void vscode.window.showInformationMessage(messages.noDraft);
    return;
  }
  const draft = editor.document.uri;
  if (!target) {
    const picked = await vscode.window.showOpenDialog({
      defaultUri: defaultBibliographyUri(draft),
      canSelectMany: false,
      filters: { 'CSL-JSON': ['json'], 'BibLaTeX / BibTeX': ['bib'], 'CSL YAML': ['yaml', 'yml'] },
      openLabel: messages.bibliographyPickLabel,
    });
    target = picked?.[0];
  }
  if (!target) return;
  const value = draft.scheme === 'file' && target.scheme === 'file'
    ? path.relative(path.dirname(draft.fsPath), target.fsPath).split(path.sep).join('/')
    : target.toString();
  const c = client();
  if (!c) return;
  const edit = await c.sendRequest(frontMatterEditRequest, { uri: draft.toString(), field: 'bibliography', value });
  const done = edit ? await vscode.workspace.applyEdit(await c.protocol2CodeConverter.asWorkspaceEdit(edit)) : false;
  if (done) void vscode.window.showInformationMessage(messages.bibliographyLinked(value));
}
