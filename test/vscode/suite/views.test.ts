// The Sources view and the walkthrough's commands in a real VS Code (after verbatim.test.ts: the
// files run in name order, and that suite times the extension's first activation). The tree is
// reached through what `activate` returns, the same provider VS Code asks for the view's items.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, inFolder, waitFor } from './util';

/** What the view's nodes look like from outside (the extension's own type is not imported here). */
interface Node { type: string; source: { uri: string; path: string }; passage?: { text: string } }
interface Api { sourcesTree: vscode.TreeDataProvider<Node> }

const HKFP = 'sources/hkfp-2017-vpn.md';
const LIFELINE = 'close the last lifeline to a free internet.';

async function api(): Promise<Api> {
  const ext = vscode.extensions.getExtension<Api>(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is not installed`);
  return ext.activate();
}

async function itemsOf(tree: vscode.TreeDataProvider<Node>, node?: Node): Promise<{ node: Node; item: vscode.TreeItem }[]> {
  const nodes = (await tree.getChildren(node)) ?? [];
  return Promise.all(nodes.map(async (n) => ({ node: n, item: await tree.getTreeItem(n) })));
}

const labelText = (item: vscode.TreeItem): string => (typeof item.label === 'string' ? item.label : item.label?.label ?? '');

suite('The Sources view in a real VS Code', function () {
  this.timeout(60_000);

  suiteTeardown(async () => {
    for (const doc of vscode.workspace.textDocuments.filter((d) => d.isDirty)) {
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('lists the example’s sources, and a source’s passages with speaker and paragraph', async () => {
    const { sourcesTree } = await api();
    const sources = await waitFor(async () => {
      const items = await itemsOf(sourcesTree);
      return items.length === 2 && items;
    }, 'the two example sources in the view', 30_000);
    const hkfp = sources.find((s) => s.node.source.path === HKFP);
    assert.ok(hkfp, sources.map((s) => s.node.source.path).join(', '));
    assert.match(labelText(hkfp.item), /VPN crackdown/);
    assert.equal(hkfp.item.description, 'Hong Kong Free Press · 25 January 2017');
    assert.equal(hkfp.item.collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
    const passages = await itemsOf(sourcesTree, hkfp.node);
    const lifeline = passages.find((p) => labelText(p.item) === LIFELINE);
    assert.ok(lifeline, passages.map((p) => labelText(p.item)).join(' | '));
    assert.equal(lifeline.item.description, 'PEN America · para. 7');
    assert.equal(typeof lifeline.item.tooltip, 'string', 'a passage’s tooltip is plain text, never Markdown');
    assert.equal(lifeline.item.command?.command, 'verbatim.openPassage');
  });

  test('clicking a passage opens its source with the passage selected', async () => {
    const { sourcesTree } = await api();
    const hkfp = (await itemsOf(sourcesTree)).find((s) => s.node.source.path === HKFP);
    assert.ok(hkfp);
    const lifeline = (await itemsOf(sourcesTree, hkfp.node)).find((p) => labelText(p.item) === LIFELINE);
    assert.ok(lifeline?.item.command);
    await vscode.commands.executeCommand(lifeline.item.command.command, ...(lifeline.item.command.arguments ?? []));
    const editor = await waitFor(() => {
      const e = vscode.window.activeTextEditor;
      return e?.document.uri.path.endsWith(`/${HKFP}`) && e;
    }, 'the source to open');
    assert.equal(editor.document.getText(editor.selection), LIFELINE);
    assert.ok(editor.visibleRanges.some((r) => r.contains(editor.selection)), 'the passage is scrolled into view');
  });

  test('Insert Passage into Draft puts the quotation and its citation at the draft’s cursor', async () => {
    const { sourcesTree } = await api();
    const uri = inFolder('drafts', 'view-insert.md');
    await vscode.workspace.fs.writeFile(uri, Buffer.from('PEN America called the rules an attempt to \n'));
    const draft = await vscode.window.showTextDocument(uri);
    draft.selection = new vscode.Selection(0, draft.document.lineAt(0).text.length, 0, draft.document.lineAt(0).text.length);
    const hkfp = (await itemsOf(sourcesTree)).find((s) => s.node.source.path === HKFP);
    assert.ok(hkfp);
    const lifeline = (await itemsOf(sourcesTree, hkfp.node)).find((p) => labelText(p.item) === LIFELINE);
    assert.ok(lifeline);
    await vscode.commands.executeCommand('verbatim.insertPassage', lifeline.node);
    assert.equal(draft.document.lineAt(0).text, `PEN America called the rules an attempt to “${LIFELINE}” [@hkfp-2017-vpn, para. 7]`);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await vscode.workspace.fs.delete(uri);
  });

  test('the walkthrough adds a sample source without replacing one, and the view lists it', async () => {
    const { sourcesTree } = await api();
    const sample = inFolder('sources', 'sample-harbour-library.md');
    await vscode.commands.executeCommand('verbatim.addSampleSource');
    const added = new TextDecoder().decode(await vscode.workspace.fs.readFile(sample));
    assert.match(added, /^id: sample-harbour-library$/m);
    await waitFor(async () => (await itemsOf(sourcesTree)).some((s) => s.node.source.path === 'sources/sample-harbour-library.md'), 'the sample source in the view', 30_000);
    // Run again on a file the writer has changed: it stays as it is.
    await vscode.workspace.fs.writeFile(sample, Buffer.from(`${added}\nMy own note.\n`));
    await vscode.commands.executeCommand('verbatim.addSampleSource');
    assert.match(new TextDecoder().decode(await vscode.workspace.fs.readFile(sample)), /My own note\.\n$/);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(sample);
    await waitFor(async () => (await itemsOf(sourcesTree)).length === 2, 'the view without the sample source', 30_000);
  });

  test('Create a Draft writes drafts/draft.md with a guide once, and opens it', async () => {
    const uri = inFolder('drafts', 'draft.md');
    await vscode.commands.executeCommand('verbatim.createDraft');
    const editor = await waitFor(() => vscode.window.activeTextEditor?.document.uri.path.endsWith('/drafts/draft.md') && vscode.window.activeTextEditor, 'the new draft to open');
    assert.match(editor.document.getText(), /^# My first draft/);
    await vscode.workspace.fs.writeFile(uri, Buffer.from('Mine.\n'));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('verbatim.createDraft');
    assert.equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)), 'Mine.\n');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(uri);
  });
});
