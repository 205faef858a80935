import * as vscode from 'vscode';
import { commandIds, contextKeys, walkthroughId } from '../shared/commands';
import { settingsSection } from '../shared/settings';
import { viewMessages } from '../shared/strings';
import { insertsCitedQuote, sourceFolderOf } from './walkthroughPaths';

/** The sample source shipped in the package, and the name it gets in the sources folder. */
const sampleSource = ['media', 'walkthrough', 'sample-source.md'];
const sampleName = 'sample-harbour-library.md';
const draftPath = ['drafts', 'draft.md'];

/**
 * The walkthrough's commands (add a source, create a draft, get started) and the context key
 * that ticks off its "pick a quote" step when a draft receives a cited quotation.
 */
export function registerWalkthrough(context: vscode.ExtensionContext): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(commandIds.addSampleSource, () => addSampleSource(context)),
    vscode.commands.registerCommand(commandIds.addSources, () => addSources()),
    vscode.commands.registerCommand(commandIds.createDraft, () => createDraft()),
    vscode.commands.registerCommand(commandIds.getStarted, () => vscode.commands.executeCommand('workbench.action.openWalkthrough', walkthroughId, false)),
    vscode.workspace.onDidChangeTextDocument((event) => {
      if (event.document.languageId !== 'markdown') return;
      if (event.contentChanges.some((change) => insertsCitedQuote(change.text))) {
        void vscode.commands.executeCommand('setContext', contextKeys.quoteInserted, true);
      }
    }),
  ];
}

/** The first workspace folder, where a writer may write; says why not otherwise. */
function writableFolder(): vscode.Uri | undefined {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!folder) {
    void vscode.window.showInformationMessage(viewMessages.noFolder);
    return undefined;
  }
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showInformationMessage(viewMessages.untrusted);
    return undefined;
  }
  return folder;
}

function sourcesFolder(folder: vscode.Uri): { uri: vscode.Uri; relative: string } {
  const patterns = vscode.workspace.getConfiguration(settingsSection, folder).get<string[]>('sources') ?? [];
  const relative = sourceFolderOf(Array.isArray(patterns) ? patterns : []);
  return { uri: vscode.Uri.joinPath(folder, ...relative.split('/')), relative };
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  return vscode.workspace.fs.stat(uri).then(() => true, () => false);
}

/** Writes the sample source into the sources folder, unless a file of that name is there. */
async function addSampleSource(context: vscode.ExtensionContext): Promise<vscode.Uri | undefined> {
  const folder = writableFolder();
  if (!folder) return undefined;
  const sources = sourcesFolder(folder);
  const target = vscode.Uri.joinPath(sources.uri, sampleName);
  const shown = `${sources.relative}/${sampleName}`;
  if (await exists(target)) {
    void vscode.window.showInformationMessage(viewMessages.sampleExists(shown));
  } else {
    const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(context.extensionUri, ...sampleSource));
    await vscode.workspace.fs.createDirectory(sources.uri);
    await vscode.workspace.fs.writeFile(target, bytes);
    void vscode.window.showInformationMessage(viewMessages.sampleAdded(shown));
  }
  await vscode.window.showTextDocument(target, { preview: true });
  return target;
}

/** Copies files the writer chooses into the sources folder; a file of the same name is kept, never replaced. */
async function addSources(): Promise<vscode.Uri[]> {
  const folder = writableFolder();
  if (!folder) return [];
  const picked = await vscode.window.showOpenDialog({
    canSelectMany: true,
    openLabel: viewMessages.addSourcesLabel,
    filters: { Sources: ['md', 'markdown', 'txt', 'html', 'htm', 'pdf'] },
  });
  if (!picked?.length) return [];
  const sources = sourcesFolder(folder);
  await vscode.workspace.fs.createDirectory(sources.uri);
  const added: vscode.Uri[] = [];
  const kept: string[] = [];
  for (const file of picked) {
    const name = file.path.slice(file.path.lastIndexOf('/') + 1);
    const target = vscode.Uri.joinPath(sources.uri, name);
    if (target.toString() === file.toString()) continue;
    if (await exists(target)) {
      kept.push(`${sources.relative}/${name}`);
      continue;
    }
    await vscode.workspace.fs.copy(file, target, { overwrite: false });
    added.push(target);
  }
  if (added.length) void vscode.window.showInformationMessage(viewMessages.sourcesAdded(added.length, sources.relative));
  if (kept.length) void vscode.window.showWarningMessage(viewMessages.sourcesKept(kept.join(', ')));
  return added;
}

/** Opens `drafts/draft.md`, writing a short guide into it first if it does not exist. */
async function createDraft(): Promise<vscode.TextEditor | undefined> {
  const folder = writableFolder();
  if (!folder) return undefined;
  const target = vscode.Uri.joinPath(folder, ...draftPath);
  if (!(await exists(target))) {
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(target, '..'));
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(viewMessages.draftGuide));
  }
  const editor = await vscode.window.showTextDocument(target, { preview: false });
  // The cursor on the empty line the guide leaves for the first quote.
  const line = editor.document.getText().split('\n').findIndex((l, i, all) => i > 0 && l === '' && all[i - 1] === '' && i < all.length - 1);
  if (line > 0) editor.selection = new vscode.Selection(line, 0, line, 0);
  return editor;
}
