#!/usr/bin/env node
// End-to-end proof that an extension runs in a real VS Code (code-server) on this machine kind,
// in both modes the Verbatim e2e tests will use:
//
//   UI mode      Chromium (playwright-core) drives the workbench like a person: open draft.md,
//                type “ and letters, see the suggest widget, accept, read the text, hover, screenshot.
//   host mode    a runner extension runs Mocha suites inside the extension host, using the vscode
//                API (executeCompletionItemProvider, executeHoverProvider), and writes JSON results.
//
// It uses a throwaway "probe" extension generated into a temp folder (a completion provider for
// Markdown with trigger character “, and a hover provider), so it works before the real
// extension exists. The real tests plug the real .vsix in the same way.
//
//   node test/vscode/run-e2e.mjs [--out DIR] [--keep] [--no-setup] [--headed]
//
// --out: where screenshots, timings.json, host-results.json and logs go (default: a temp dir).
// --keep: keep the temp folders (workspace, code-server user data and logs) for debugging.
// Exit code 0 only if every check passed; the last line is "N passed, N failed".
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startCodeServer, waitFor } from '../../scripts/vscode/serve.mjs';
import { packageVsix } from '../../scripts/vscode/vsix.mjs';
import { writeHostRunnerExtension } from '../../scripts/vscode/host-runner.mjs';
import {
  acceptSuggestion,
  focusEditor,
  goTo,
  hoverWord,
  dismissWidgets,
  launchBrowser,
  openFromExplorer,
  openWorkbench,
  problemCounts,
  SELECTORS,
  readEditorText,
  screenshot,
  suggestionLabels,
  typeText,
  waitForStatusBarItem,
  waitForSuggestion,
} from '../../scripts/vscode/workbench.mjs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const outIdx = args.indexOf('--out');
const outDir = resolve(outIdx >= 0 ? args[outIdx + 1] : mkdtempSync(join(tmpdir(), 'verbatim-e2e-out-')));
mkdirSync(outDir, { recursive: true });
// A failure.png from an earlier run in the same --out would be misleading.
rmSync(join(outDir, 'failure.png'), { force: true });
// code-server runs in its own process group (so it can be stopped as a whole), which means a
// Ctrl+C in the terminal does not reach it. Exiting runs startCodeServer's 'exit' hook, which
// kills that group; Playwright closes its browser on exit too.
for (const sig of ['SIGINT', 'SIGTERM']) process.once(sig, () => process.exit(130));

// ---------- timing and checks ------------------------------------------------------------------
const t0 = Date.now();
const timings = [];
const results = [];
async function step(name, fn) {
  const start = Date.now();
  process.stdout.write(`• ${name} ... `);
  try {
    const value = await fn();
    const ms = Date.now() - start;
    timings.push({ step: name, ms });
    console.log(`${ms} ms`);
    return value;
  } catch (err) {
    timings.push({ step: name, ms: Date.now() - start, failed: true });
    console.log('FAILED');
    throw err;
  }
}
function check(name, ok, detail = '') {
  results.push({ name, ok: !!ok, detail });
  console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? ` — ${detail}` : ''}`);
}

// ---------- the throwaway extensions ----------------------------------------------------------
const PROBE_ID = 'verbatim-test.verbatim-e2e-probe';
const QUOTES = [
  { text: 'Imagination is more important than knowledge.', who: 'Einstein' },
  { text: 'Life is like riding a bicycle.', who: 'Einstein' },
];

function writeProbeExtension(dir) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify(
      {
        name: 'verbatim-e2e-probe',
        publisher: 'verbatim-test',
        displayName: 'Verbatim e2e probe',
        description: 'Throwaway extension proving completion and hover in code-server.',
        version: '0.0.1',
        license: 'MIT',
        engines: { vscode: '^1.90.0' },
        main: './extension.js',
        activationEvents: ['onLanguage:markdown'],
        capabilities: { untrustedWorkspaces: { supported: true } },
      },
      null,
      2,
    ),
  );
  writeFileSync(join(dir, 'README.md'), '# Verbatim e2e probe\n\nGenerated for tests; not published.\n');
  // The completion items follow what was seen to keep VS Code's suggest widget open while the
  // writer goes on typing: the range starts right *after* the opening mark, and filterText is the
  // quote itself, so it matches the letters typed since the mark.
  writeFileSync(
    join(dir, 'extension.js'),
    `'use strict';
const vscode = require('vscode');
const QUOTES = ${JSON.stringify(QUOTES)};
exports.activate = function (context) {
  context.subscriptions.push(
    vscode.languages.registerCompletionItemProvider({ language: 'markdown' }, {
      provideCompletionItems(document, position) {
        const before = document.lineAt(position.line).text.slice(0, position.character);
        const mark = before.lastIndexOf('\\u201c');
        if (mark < 0) return undefined;
        const range = new vscode.Range(position.line, mark + 1, position.line, position.character);
        return QUOTES.map((q, i) => {
          const item = new vscode.CompletionItem(q.text, vscode.CompletionItemKind.Text);
          item.detail = q.who;
          item.filterText = q.text;
          item.sortText = String(i);
          item.insertText = q.text + '\\u201d';
          item.range = range;
          return item;
        });
      },
    }, '\\u201c'),
    vscode.languages.registerHoverProvider({ language: 'markdown' }, {
      provideHover(document, position) {
        const range = document.getWordRangeAtPosition(position);
        if (!range || document.getText(range) !== 'Einstein') return undefined;
        return new vscode.Hover(new vscode.MarkdownString('**Albert Einstein** (probe hover)'), range);
      },
    }),
  );
  // Diagnostics, like a linter or a language server would publish: a warning on each TODO.
  const diagnostics = vscode.languages.createDiagnosticCollection('verbatim-probe');
  const lint = (doc) => {
    if (doc.languageId !== 'markdown') return;
    const found = [];
    doc.getText().split('\\n').forEach((line, i) => {
      const col = line.indexOf('TODO');
      if (col >= 0) found.push(new vscode.Diagnostic(new vscode.Range(i, col, i, col + 4), 'Unfinished: TODO', vscode.DiagnosticSeverity.Warning));
    });
    diagnostics.set(doc.uri, found);
  };
  vscode.workspace.textDocuments.forEach(lint);
  context.subscriptions.push(
    diagnostics,
    vscode.workspace.onDidOpenTextDocument(lint),
    vscode.workspace.onDidChangeTextDocument((e) => lint(e.document)),
  );
  // A visible "ready" signal: UI tests wait for it before typing, so they never race activation.
  const item = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Left, 1000);
  item.text = '$(quote) probe ready';
  item.show();
  context.subscriptions.push(item);
};
exports.deactivate = function () {};
`,
  );
  return dir;
}

// Mocha suites for the host mode (tdd UI). One is packaged next to the runner; the other stays
// outside any extension folder, as compiled project tests would, to prove require('vscode')
// works from there too.
const HOST_SUITE = (name) => `'use strict';
const assert = require('assert');
const vscode = require('vscode');

suite('${name}', () => {
  let doc;
  suiteSetup(async () => {
    // The probe activates on Markdown; activate explicitly so the providers are registered.
    await vscode.extensions.getExtension('${PROBE_ID}').activate();
    const folder = vscode.workspace.workspaceFolders[0].uri;
    // openTextDocument without showing it: the UI tests own the visible editor.
    doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder, 'host.md'));
  });

  test('completion after the opening mark', async () => {
    const line = doc.lineAt(2);
    const pos = new vscode.Position(2, line.text.length);
    const list = await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', doc.uri, pos, '\\u201c');
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.ok(labels.includes(${JSON.stringify(QUOTES[0].text)}), 'labels: ' + labels.join(' | '));
    const item = list.items.find((i) => i.label === ${JSON.stringify(QUOTES[0].text)});
    assert.strictEqual(item.range.inserting ? item.range.inserting.start.character : item.range.start.character, line.text.length);
  });

  test('hover on Einstein', async () => {
    const col = doc.lineAt(0).text.indexOf('Einstein') + 2;
    const hovers = await vscode.commands.executeCommand('vscode.executeHoverProvider', doc.uri, new vscode.Position(0, col));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\\n');
    assert.match(text, /Albert Einstein/);
  });

  test('diagnostics on draft.md (polled: they arrive asynchronously)', async () => {
    const folder = vscode.workspace.workspaceFolders[0].uri;
    const uri = vscode.Uri.joinPath(folder, 'draft.md');
    await vscode.workspace.openTextDocument(uri);
    const deadline = Date.now() + 10000;
    let diags = [];
    while (Date.now() < deadline) {
      diags = vscode.languages.getDiagnostics(uri);
      if (diags.length > 0) break;
      await new Promise((r) => setTimeout(r, 50)); // poll interval
    }
    assert.deepStrictEqual(diags.map((d) => [d.message, d.severity, d.range.start.line]), [['Unfinished: TODO', vscode.DiagnosticSeverity.Warning, 4]]);
  });

  test.skip('a pending test is reported as pending', () => {});
});
`;

// ---------- main ---------------------------------------------------------------------------------
async function main() {
  console.log(`output: ${outDir}`);
  if (!flag('--no-setup')) {
    await step('setup.sh (cached after the first run)', async () =>
      execFileSync('bash', [join(repoRoot, 'scripts', 'vscode', 'setup.sh')], { stdio: ['ignore', 'pipe', 'inherit'] }),
    );
  }

  const work = mkdtempSync(join(tmpdir(), 'verbatim-e2e-'));
  const workspace = join(work, 'workspace');
  mkdirSync(workspace);
  writeFileSync(join(workspace, 'draft.md'), '# Draft\n\nAs Einstein put it, \n\nTODO check the source.\n');
  writeFileSync(join(workspace, 'notes.md'), '# Notes\n\nOpened from the Explorer.\n');
  writeFileSync(join(workspace, 'host.md'), 'Einstein, in the host.\n\nHe said \u201c\n');
  const resultsFile = join(work, 'host-results.json');

  const probeVsix = await step(
    'package probe extension (vsce)',
    async () => (await packageVsix(writeProbeExtension(join(work, 'probe')), join(work, 'probe.vsix'))).vsix,
  );
  const runnerVsix = await step('package host runner extension (vsce)', async () => {
    const inside = join(work, 'runner', 'suite-inside.test.js');
    const outside = join(work, 'tests-outside', 'suite-outside.test.js');
    mkdirSync(dirname(outside), { recursive: true });
    const dir = writeHostRunnerExtension({
      dir: join(work, 'runner'),
      files: [inside, outside],
      resultsFile,
      extensionDependencies: [PROBE_ID],
    });
    writeFileSync(inside, HOST_SUITE('in-host (file inside the runner extension)'));
    writeFileSync(outside, HOST_SUITE('in-host (file outside any extension)'));
    return (await packageVsix(dir, join(work, 'runner.vsix'))).vsix;
  });

  const server = await step('install both .vsix + start code-server', async () =>
    startCodeServer({ folder: workspace, vsix: [probeVsix, runnerVsix], idleTimeoutSeconds: 900 }),
  );
  console.log(
    `  server ${server.url} (install ${server.timings.installExtensionsMs} ms, start ${server.timings.serverStartMs} ms)`,
  );

  let browser, page, consoleLines;
  try {
    ({ browser, page, consoleLines } = await step('launch Chromium', () =>
      launchBrowser({ headless: !flag('--headed') }),
    ));

    // The route: ?folder=...&payload=[["openFile", vscode-remote://host/path]] opens the file directly.
    await step('open workbench with draft.md (URL route)', () =>
      openWorkbench(page, server.workbenchUrl({ openFile: 'draft.md' }), { file: 'draft.md' }),
    );

    // Host mode: the runner starts on onStartupFinished, i.e. once this window is up.
    const host = await step('in-host Mocha results (poll for JSON)', async () => {
      const json = await waitFor(() => existsSync(resultsFile) && JSON.parse(readFileSync(resultsFile, 'utf8')), {
        timeoutMs: 60_000,
        intervalMs: 200,
        what: `host results ${resultsFile}`,
      });
      copyFileSync(resultsFile, join(outDir, 'host-results.json'));
      return json;
    });
    check(
      'host runner finished without error',
      !host.error,
      host.error?.message ?? `VS Code ${host.vscodeVersion}, ${host.node}, ${host.durationMs} ms`,
    );
    for (const t of host.tests) {
      if (t.state === 'pending') check(`host: ${t.fullTitle} (pending as written)`, true);
      else check(`host: ${t.fullTitle}`, t.state === 'passed', t.error?.message);
    }
    check(
      'host: 6 passed, 2 pending',
      host.passed === 6 && host.pending === 2,
      `passed ${host.passed}, failed ${host.failed}, pending ${host.pending}`,
    );

    // UI mode.
    await step('wait for probe "ready" status bar item (activation)', () => waitForStatusBarItem(page, 'probe ready'));
    await screenshot(page, join(outDir, '01-workbench.png'));

    await step('type “ → suggest widget', async () => {
      await focusEditor(page);
      await goTo(page, 3, 'As Einstein put it, '.length + 1); // end of line 3
      await typeText(page, '\u201c');
      const labels = await waitForSuggestion(page, QUOTES[0].text.slice(0, 20));
      check('suggest widget opened by “ with both quotes', labels.length === 2, labels.join(' | '));
    });
    await step('type "imag" → widget stays, filtered', async () => {
      await typeText(page, 'imag');
      const labels = await waitForSuggestion(page, 'Imagination');
      check(
        'widget still open, filtered to the matching quote',
        labels.length === 1 && labels[0].startsWith('Imagination'),
        labels.join(' | '),
      );
    });
    await screenshot(page, join(outDir, '02-suggest.png'));
    await step('accept suggestion (Enter) + read editor text', async () => {
      await acceptSuggestion(page, 'Imagination');
      const text = await waitFor(
        async () => {
          const t = await readEditorText(page);
          return t.includes('\u201d') && t;
        },
        { timeoutMs: 10_000, what: 'the accepted quote in the editor' },
      );
      const expected = `As Einstein put it, \u201c${QUOTES[0].text}\u201d`;
      check('editor text has the accepted quote', text.split('\n').includes(expected), JSON.stringify(text));
      check('suggest widget closed after accepting', (await suggestionLabels(page)).length === 0);
    });
    await step('hover "Einstein" → .monaco-hover', async () => {
      const hoverText = await hoverWord(page, 'Einstein', { expect: 'Albert Einstein' });
      check(
        'hover shows the provider text',
        hoverText.includes('Albert Einstein (probe hover)'),
        JSON.stringify(hoverText),
      );
    });
    await screenshot(page, join(outDir, '03-hover.png'));
    await dismissWidgets(page);

    await step('Problems count + warning squiggle + diagnostic hover', async () => {
      const counts = await waitFor(
        async () => {
          const c = await problemCounts(page);
          return c.warnings === 1 && c;
        },
        { timeoutMs: 10_000, what: 'one warning in the status bar' },
      );
      check('status bar Problems: 0 errors, 1 warning', counts.errors === 0, JSON.stringify(counts));
      await page.locator(SELECTORS.squiggle('warning')).first().waitFor({ state: 'visible' });
      const hoverText = await hoverWord(page, 'TODO', { expect: 'Unfinished' });
      check(
        'hover on the squiggle shows the diagnostic',
        hoverText.includes('Unfinished: TODO'),
        JSON.stringify(hoverText),
      );
      await screenshot(page, join(outDir, '04-diagnostic.png'));
      await dismissWidgets(page);
    });

    await step('open notes.md from the Explorer', async () => {
      await openFromExplorer(page, 'notes.md');
      const text = await readEditorText(page);
      check('Explorer opened notes.md', text.includes('Opened from the Explorer.'), JSON.stringify(text));
    });
    await screenshot(page, join(outDir, '05-explorer.png'));
  } catch (err) {
    check(`harness error: ${err.message.split('\n')[0]}`, false);
    console.error(err.stack);
    if (page) await screenshot(page, join(outDir, 'failure.png')).catch(() => {});
  } finally {
    if (consoleLines) writeFileSync(join(outDir, 'browser-console.log'), consoleLines.join('\n'));
    if (existsSync(server.logFile)) copyFileSync(server.logFile, join(outDir, 'code-server.log'));
    await step('close browser + stop code-server', async () => {
      await browser?.close();
      await server.stop({ keepFiles: flag('--keep') });
    });
    if (!flag('--keep')) rmSync(work, { recursive: true, force: true });
    else console.log(`kept: ${work} and ${server.root}`);
  }

  timings.push({ step: 'total', ms: Date.now() - t0 });
  writeFileSync(join(outDir, 'timings.json'), JSON.stringify({ timings, server: server.timings }, null, 2));
  const passed = results.filter((r) => r.ok).length;
  const failed = results.length - passed;
  console.log(`screenshots and logs: ${outDir}`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed === 0 && passed > 0 ? 0 : 1;
}

main().catch((err) => {
  console.error(err.stack ?? err);
  console.log(`${results.filter((r) => r.ok).length} passed, ${results.filter((r) => !r.ok).length + 1} failed`);
  process.exit(1);
});
