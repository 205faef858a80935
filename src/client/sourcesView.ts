import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { commandIds, contextKeys, sourcesViewId } from '../shared/commands';
import { passagesRequest, sourcesRequest, type PassageNode, type SourceNode, type StatusParams } from '../shared/protocol';
import { messages, viewMessages } from '../shared/strings';
import { insertPassageText } from './commands';

type ClientRef = () => LanguageClient | undefined;

/** What the Sources view shows: sources, then their problems and passages. */
export type SourcesTreeNode =
  | { readonly type: 'source'; readonly source: SourceNode }
  | { readonly type: 'problem'; readonly source: SourceNode; readonly message: string; readonly skipped: boolean }
  | { readonly type: 'passage'; readonly source: SourceNode; readonly passage: PassageNode }
  | { readonly type: 'more'; readonly source: SourceNode; readonly count: number };

/** Longest label of a passage; the tooltip has the whole text. */
const labelLength = 80;
/** While indexing, the list is refreshed at most this often (the message counts every update). */
const refreshWhileIndexingMs = 2_000;

const kindIcons = { quote: 'quote', reported: 'comment', clause: 'law', term: 'tag', highlight: 'bookmark' } as const;

/**
 * The tree of the Sources view. Sources come in one request; a source's passages only when it
 * is expanded, so a library of thousands of sources lists at once. Everything shown from a
 * source is a plain string: labels, descriptions and tooltips are never Markdown.
 */
export class SourcesTreeProvider implements vscode.TreeDataProvider<SourcesTreeNode>, vscode.Disposable {
  readonly #changed = new vscode.EventEmitter<SourcesTreeNode | undefined>();
  readonly onDidChangeTreeData = this.#changed.event;
  #lastRefresh = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #lastCounts = '';

  constructor(private readonly client: ClientRef) {}

  /** The server's status changed: list the sources again (throttled while indexing). */
  onStatus(status: StatusParams): void {
    void vscode.commands.executeCommand('setContext', contextKeys.hasSources, status.sources > 0);
    if (!status.indexing) void vscode.commands.executeCommand('setContext', contextKeys.indexed, true);
    const counts = `${status.sources}/${status.passages}/${status.problems.length}/${status.indexing}`;
    if (counts === this.#lastCounts) return;
    this.#lastCounts = counts;
    if (this.#timer) return;
    const wait = status.indexing ? Math.max(0, this.#lastRefresh + refreshWhileIndexingMs - Date.now()) : 0;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#lastRefresh = Date.now();
      this.#changed.fire(undefined);
    }, wait);
  }

  refresh(): void {
    this.#changed.fire(undefined);
  }

  async getChildren(node?: SourcesTreeNode): Promise<SourcesTreeNode[]> {
    const c = this.client();
    if (!c) return [];
    if (!node) {
      const sources = await c.sendRequest(sourcesRequest);
      return sources.map((source) => ({ type: 'source', source }));
    }
    if (node.type !== 'source') return [];
    const { source } = node;
    const problems: SourcesTreeNode[] = source.problems.map((p) => ({ type: 'problem', source, message: p.message, skipped: p.skipped }));
    if (source.broken) return problems;
    const listing = await c.sendRequest(passagesRequest, { uri: source.uri });
    if (!listing) return problems;
    return [
      ...problems,
      ...listing.passages.map((passage): SourcesTreeNode => ({ type: 'passage', source, passage })),
      ...(listing.more > 0 ? [{ type: 'more', source, count: listing.more } as const] : []),
    ];
  }

  getTreeItem(node: SourcesTreeNode): vscode.TreeItem {
    switch (node.type) {
      case 'source': return sourceItem(node.source);
      case 'problem': {
        const item = new vscode.TreeItem(node.message, vscode.TreeItemCollapsibleState.None);
        item.iconPath = new vscode.ThemeIcon(node.skipped ? 'error' : 'warning', new vscode.ThemeColor(node.skipped ? 'problemsErrorIcon.foreground' : 'problemsWarningIcon.foreground'));
        item.tooltip = `${node.source.path}: ${node.message}`;
        item.contextValue = 'verbatim.problem';
        item.command = { command: 'vscode.open', title: node.source.path, arguments: [vscode.Uri.parse(node.source.uri)] };
        return item;
      }
      case 'passage': return passageItem(node.source, node.passage);
      case 'more': {
        const item = new vscode.TreeItem(viewMessages.morePassages(node.count), vscode.TreeItemCollapsibleState.None);
        item.tooltip = viewMessages.moreTooltip;
        item.contextValue = 'verbatim.more';
        return item;
      }
    }
  }

  dispose(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#changed.dispose();
  }
}

function sourceItem(source: SourceNode): vscode.TreeItem {
  const item = new vscode.TreeItem(source.label, source.broken && source.problems.length === 0
    ? vscode.TreeItemCollapsibleState.None : vscode.TreeItemCollapsibleState.Collapsed);
  item.id = source.uri;
  item.resourceUri = vscode.Uri.parse(source.uri);
  item.description = source.broken ? viewMessages.broken : source.description || source.path;
  item.tooltip = [
    source.label,
    source.description,
    source.key ? `@${source.key}` : '',
    source.path,
    source.broken ? '' : viewMessages.passageCount(source.passages),
    ...source.problems.map((p) => p.message),
  ].filter(Boolean).join('\n');
  item.iconPath = source.broken
    ? new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground'))
    : source.problems.length ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground')) : new vscode.ThemeIcon('book');
  item.contextValue = source.broken ? 'verbatim.brokenSource' : 'verbatim.source';
  return item;
}

function passageItem(source: SourceNode, passage: PassageNode): vscode.TreeItem {
  const text = passage.text.replace(/\s+/g, ' ');
  const item = new vscode.TreeItem(text.length > labelLength ? `${text.slice(0, labelLength - 1)}…` : text, vscode.TreeItemCollapsibleState.None);
  item.id = `${source.uri}#${passage.id}`;
  item.description = [passage.speaker, passage.locator].filter(Boolean).join(' · ');
  // A plain string: VS Code shows it as text, so nothing in a source becomes a link or a command.
  item.tooltip = [
    messages.kindLabel(passage.kind),
    passage.text,
    [passage.speaker, passage.locator, `@${passage.key}`].filter(Boolean).join(' · '),
  ].join('\n\n');
  item.iconPath = new vscode.ThemeIcon(kindIcons[passage.kind]);
  item.contextValue = 'verbatim.passage';
  item.command = { command: commandIds.openPassage, title: messages.hoverOpenSource, arguments: [{ type: 'passage', source, passage }] };
  return item;
}

/** Opens a source with the passage selected and scrolled into view. */
export async function openPassage(node: SourcesTreeNode | undefined): Promise<vscode.TextEditor | undefined> {
  if (node?.type !== 'passage') return undefined;
  if (node.source.opensWhole) {
    // A PDF opens in the editor VS Code has for it; its text was extracted, so no range is there.
    await vscode.commands.executeCommand('vscode.open', vscode.Uri.parse(node.source.uri));
    return undefined;
  }
  const { start, end } = node.passage.range;
  const selection = new vscode.Range(start.line, start.character, end.line, end.character);
  const editor = await vscode.window.showTextDocument(vscode.Uri.parse(node.source.uri), { selection, preview: true });
  editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return editor;
}

/**
 * The draft a passage goes into: the active editor if it is a Markdown file that is not a
 * source, else the first visible one that is (clicking a passage opens its source beside it).
 */
function targetDraft(sourceUris: ReadonlySet<string>): vscode.TextEditor | undefined {
  const isDraft = (e: vscode.TextEditor | undefined) => e?.document.languageId === 'markdown' && !sourceUris.has(e.document.uri.toString());
  const active = vscode.window.activeTextEditor;
  if (isDraft(active)) return active;
  return vscode.window.visibleTextEditors.find(isDraft);
}

/** Inserts a passage, with its citation numbered for the draft, at the draft's cursor. */
async function insertPassage(client: ClientRef, node: SourcesTreeNode | undefined): Promise<void> {
  const c = client();
  if (node?.type !== 'passage' || !c) return;
  const sources = await c.sendRequest(sourcesRequest);
  const editor = targetDraft(new Set(sources.map((s) => vscode.Uri.parse(s.uri).toString())));
  if (!editor) {
    void vscode.window.showInformationMessage(viewMessages.noDraft);
    return;
  }
  const listing = await c.sendRequest(passagesRequest, { uri: node.source.uri, id: node.passage.id, draft: editor.document.uri.toString() });
  const passage = listing?.passages[0];
  if (!passage) {
    void vscode.window.showWarningMessage(viewMessages.notIndexed);
    return;
  }
  await insertPassageText(await vscode.window.showTextDocument(editor.document, editor.viewColumn), passage);
}

/** Copies the citation of a passage; for footnotes, the note's text, which stands on its own. */
async function copyCitation(node: SourcesTreeNode | undefined): Promise<void> {
  if (node?.type !== 'passage') return;
  const text = node.passage.footnote ? node.passage.footnote.replace(/^\[\^\d+\]:\s*/, '') : node.passage.citation;
  await vscode.env.clipboard.writeText(text);
  void vscode.window.setStatusBarMessage(viewMessages.copied(text), 4_000);
}

/** The Sources view in the Explorer, its commands, and its message while indexing. */
export function registerSourcesView(client: ClientRef): { provider: SourcesTreeProvider; disposables: vscode.Disposable[]; onStatus(status: StatusParams): void } {
  const provider = new SourcesTreeProvider(client);
  const view = vscode.window.createTreeView(sourcesViewId, { treeDataProvider: provider, showCollapseAll: true });
  // The server starts indexing as soon as it runs; its first status replaces this.
  view.message = viewMessages.indexing;
  void vscode.commands.executeCommand('setContext', contextKeys.active, true);
  return {
    provider,
    disposables: [
      provider,
      view,
      vscode.commands.registerCommand(commandIds.openPassage, (node?: SourcesTreeNode) => openPassage(node)),
      vscode.commands.registerCommand(commandIds.insertPassage, (node?: SourcesTreeNode) => insertPassage(client, node)),
      vscode.commands.registerCommand(commandIds.copyCitation, (node?: SourcesTreeNode) => copyCitation(node)),
    ],
    onStatus(status) {
      view.message = status.indexing
        ? status.progress ? viewMessages.indexingProgress(status.progress.done, status.progress.total) : viewMessages.indexing
        : undefined;
      provider.onStatus(status);
    },
  };
}
