// Verbatim in a real VS Code when things go wrong: a fix offered for an older version of the
// draft, and a language server that is killed. Runs after verbatim.test.ts (files run in name
// order), because its last test leaves the language server stopped for good.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, applyFix, codeOf, inFolder, recordMetric, waitFor } from './util';

/** What Verbatim's activation returns (src/client/extension.ts), as far as these tests use it. */
interface VerbatimApi {
  serverProcessId(): number | undefined;
  serverRunning(): boolean;
  gaveUpWith(): string | undefined;
}

/** The message of src/shared/strings.ts `serverFailed`, as the writer reads it. */
const GAVE_UP = /stopped several times in a row and was not restarted again/;

const hasAltered = (ds: readonly vscode.Diagnostic[]): boolean => ds.some((d) => codeOf(d) === 'verbatim.altered');

suite('Verbatim in a real VS Code, when things go wrong', function () {
  this.timeout(120_000);
  let draft: vscode.TextDocument;
  let draftText: string;
  let api: VerbatimApi;
  /** Servers killed so far by these tests, all within the client's restart window. */
  let kills = 0;

  suiteSetup(async () => {
    const ext = vscode.extensions.getExtension<VerbatimApi>(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not installed`);
    api = await ext.activate();
    draft = await vscode.workspace.openTextDocument(inFolder('drafts', 'report.md'));
    draftText = draft.getText();
    await vscode.window.showTextDocument(draft);
  });

  suiteTeardown(async () => {
    for (const doc of vscode.workspace.textDocuments.filter((d) => d.isDirty)) {
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  /** Kills the running server and waits until the client has started another one. */
  async function killServer(): Promise<{ before: number; after: number | undefined }> {
    const before = await waitFor(() => api.serverProcessId(), 'a running language server');
    process.kill(before, 'SIGKILL');
    kills++;
    await waitFor(() => api.serverProcessId() !== before || api.gaveUpWith(), 'the client to restart the server or give up', 60_000);
    return { before, after: api.serverProcessId() };
  }

  test('a quick fix computed for an older version of the draft is refused and the draft stays byte-identical; the fix undoes in one step', async () => {
    await waitFor(() => hasAltered(vscode.languages.getDiagnostics(draft.uri)), 'verbatim.altered on the example draft', 60_000);
    const altered = vscode.languages.getDiagnostics(draft.uri).find((d) => codeOf(d) === 'verbatim.altered')!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', draft.uri, altered.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.title === 'Replace with the source’s exact words');
    assert.ok(fix, `no replace fix among: ${actions.map((a) => a.title).join(' | ')}`);

    // The writer types before choosing the fix: the fix belongs to the text before that.
    const editor = await vscode.window.showTextDocument(draft);
    assert.ok(await editor.edit((b) => b.insert(new vscode.Position(0, 0), 'X')));
    const typed = draft.getText();
    assert.equal(await applyFix(fix), false, 'the outdated fix was applied');
    assert.equal(draft.getText(), typed, 'the draft changed although the fix was refused');
    await vscode.commands.executeCommand('undo');
    await waitFor(() => draft.getText() === draftText, 'the typed X to be undone', 10_000);

    // Asked again, the fix applies, and one Undo restores the draft byte for byte.
    const fresh = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', draft.uri, altered.range, vscode.CodeActionKind.QuickFix.value))
      .find((a) => a.title === fix.title);
    assert.ok(fresh && await applyFix(fresh), 'the fix for the current version was refused');
    assert.notEqual(draft.getText(), draftText);
    await vscode.commands.executeCommand('undo');
    await waitFor(() => draft.getText() === draftText, 'the draft to read as before after one undo', 10_000);
    assert.equal(draft.isDirty, false);
  });

  test('a server killed in the middle of a request is restarted, the request settles and the diagnostics come back', async () => {
    await waitFor(() => hasAltered(vscode.languages.getDiagnostics(draft.uri)), 'verbatim.altered on the example draft', 60_000);
    const pid = await waitFor(() => api.serverProcessId(), 'a running language server');
    const whole = new vscode.Range(new vscode.Position(0, 0), draft.positionAt(draftText.length));
    // Diagnostics published after the kill, by whichever server answers then.
    const fresh: vscode.Diagnostic[][] = [];
    let killed = false;
    const listener = vscode.languages.onDidChangeDiagnostics((e) => {
      if (killed && e.uris.some((u) => u.toString() === draft.uri.toString())) fresh.push(vscode.languages.getDiagnostics(draft.uri));
    });
    try {
      const pending = vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', draft.uri, whole, vscode.CodeActionKind.QuickFix.value);
      const started = Date.now();
      process.kill(pid, 'SIGKILL');
      killed = true;
      kills++;
      let settled = false;
      void Promise.resolve(pending).finally(() => { settled = true; });
      await waitFor(() => settled, 'the request being answered when the server died to settle', 30_000);
      const after = await waitFor(() => api.serverProcessId() !== pid && api.serverProcessId(), 'a new server process', 60_000);
      assert.notEqual(after, pid);
      await waitFor(() => fresh.some(hasAltered), 'the draft’s diagnostics from the restarted server', 60_000);
      recordMetric('diagnostics back after the server was killed', Date.now() - started);
      assert.equal(api.gaveUpWith(), undefined, 'one crash must not make the client give up');
    } finally {
      listener.dispose();
    }
  });

  test('a server that keeps crashing is restarted four times, then stopped with one clear message', async () => {
    const pids = new Set<number>();
    while (!api.gaveUpWith() && kills < 10) {
      const { before, after } = await killServer();
      pids.add(before);
      if (after) pids.add(after);
    }
    // Four restarts within three minutes, then no fifth: five crashes in all, counting the one above.
    assert.equal(kills, 5, `the client gave up after ${kills} crashes`);
    assert.match(api.gaveUpWith() ?? '', GAVE_UP);
    await waitFor(() => !api.serverRunning(), 'the client to stay stopped', 30_000);
    assert.equal(api.serverProcessId(), undefined, 'no server was started again');
    recordMetric('server processes seen before the client gave up', pids.size, 'processes');
  });
});
