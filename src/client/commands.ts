import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { auditRequest, reindexRequest, searchRequest, type PassageItem, type StatusParams, type WirePassage } from '../shared/protocol';
import { messages } from '../shared/strings';
import { commandIds } from '../shared/commands';
import { footnoteAppendText } from '../shared/footnotes';


type ClientRef = () => LanguageClient | undefined;

export function registerCommands(client: ClientRef): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(commandIds.insertQuote, () => insertQuote(client)),
    vscode.commands.registerCommand(commandIds.reindex, () => reindex(client)),
    vscode.commands.registerCommand(commandIds.openSource, () => openSource()),
    vscode.commands.registerCommand(commandIds.showProblems, () => showProblems(client)),
    vscode.commands.registerCommand(commandIds.auditWorkspace, () => auditWorkspace(client)),
  ];
}

interface PassagePick extends vscode.QuickPickItem {
  readonly passage: PassageItem;
}

/**
 * A picker searched by the server as the writer types (the items are always shown, so VS Code's
 * own filter does not undo the server's fuzzy matches); the chosen passage is inserted at the
 * cursor with its citation, as one edit the writer can undo.
 */
async function insertQuote(client: ClientRef): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  const c = client();
  if (!editor || !c) return;
  const picker = vscode.window.createQuickPick<PassagePick>();
  picker.placeholder = messages.pickerPlaceholder;
  picker.matchOnDescription = false;
  picker.matchOnDetail = false;
  let request = 0;
  const search = async (query: string): Promise<void> => {
    const mine = ++request;
    if (query.trim().length < 2) { picker.items = []; return; }
    picker.busy = true;
    const results = await c.sendRequest(searchRequest, { query, uri: editor.document.uri.toString() });
    // A slower answer to an older query must not replace a newer one.
    if (mine !== request) return;
    picker.busy = false;
    picker.items = results.length
      ? results.map((passage) => ({ label: passage.text, description: passage.speaker, detail: passage.byline, alwaysShow: true, passage }))
      : [{ label: messages.pickerNoResults, alwaysShow: true, passage: undefined as unknown as PassageItem }];
  };
  picker.onDidChangeValue((value) => void search(value));
  const chosen = await new Promise<PassageItem | undefined>((resolve) => {
    picker.onDidAccept(() => { resolve(picker.selectedItems[0]?.passage); picker.hide(); });
    picker.onDidHide(() => resolve(undefined));
    picker.show();
  });
  picker.dispose();
  if (!chosen) return;
  await insertPassageText(editor, chosen);
}

/** Puts a quotation and its citation at the cursor, and a footnote's definition at the end, as one edit. */
export async function insertPassageText(editor: vscode.TextEditor, passage: WirePassage): Promise<boolean> {
  return editor.edit((edit) => {
    edit.replace(editor.selection, passage.insertText);
    if (passage.footnote) {
      const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
      edit.insert(end, footnoteAppendText(editor.document.getText(), passage.footnote));
    }
  });
}

async function reindex(client: ClientRef): Promise<StatusParams | undefined> {
  const c = client();
  if (!c) return undefined;
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: messages.statusIndexing }, () => c.sendRequest(reindexRequest));
}

/** Opens the source of the citation or quotation under the cursor, through the server's definition. */
async function openSource(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return;
  const locations = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>(
    'vscode.executeDefinitionProvider', editor.document.uri, editor.selection.active);
  const first = locations?.[0];
  if (!first) {
    void vscode.window.showInformationMessage(messages.noCitationHere);
    return;
  }
  const uri = 'targetUri' in first ? first.targetUri : first.uri;
  const range = 'targetUri' in first ? (first.targetSelectionRange ?? first.targetRange) : first.range;
  await vscode.window.showTextDocument(uri, { selection: range });
}

/** Lists problem sources; choosing one opens it. */
async function showProblems(client: ClientRef): Promise<void> {
  const status = await reindex(client);
  if (!status) return;
  if (status.problems.length === 0) {
    void vscode.window.showInformationMessage(status.sources === 0 ? messages.noSources : `Verbatim: ${messages.statusIndexed(status.sources, status.passages)}`);
    return;
  }
  const pick = await vscode.window.showQuickPick(status.problems.map((p) => ({ label: p.path, detail: p.message, uri: p.uri })));
  if (pick) await vscode.window.showTextDocument(vscode.Uri.parse(pick.uri));
}

/**
 * Checks every draft into the Problems panel and opens the audit report as a new, unsaved
 * document: the editor reads it, saves it where they like, and signs it off.
 */
async function auditWorkspace(client: ClientRef): Promise<void> {
  const c = client();
  if (!c) return;
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: messages.auditTitle, cancellable: false },
    () => c.sendRequest(auditRequest),
  );
  const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: result.report });
  await vscode.window.showTextDocument(document, { preview: false });
}
