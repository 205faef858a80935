#!/usr/bin/env node
// npm run test:vscode — Verbatim in a real VS Code on every CI run, with what installs here:
// code-server 4.139.1 (VS Code 1.139.1) + Debian's Chromium + playwright-core (scripts/vscode/).
//
//   1. build + package: `npm run package` (minified dist/, verbatim.vsix) and `tsc -p test/vscode`
//   2. scripts/vscode/setup.sh (cached after the first run; fails saying what to install)
//   3. the .vsix holds only what it should (test/vscode/vsix-contents.mjs)
//   4. in-host: the Mocha suite test/vscode/suite/*.test.ts (the same files `npm run test:electron`
//      runs) inside code-server's extension host, with the PACKAGED .vsix installed, on a temp
//      copy of examples/newsroom
//   5. UI: test/vscode/e2e/ui.test.mjs types, hovers, fixes and navigates like a person, in a fresh
//      code-server with the same .vsix, and takes the screenshots
//
//   node test/vscode/run.mjs [--out DIR] [--media] [--keep] [--headed] [--no-build] [--vsix FILE] [--only vsix,host,ui] [--grep TEXT]
//
// --out DIR   screenshots, logs, results.json (default: out/vscode-e2e)
// --media     also write the README's screenshots to media/*.png
// --keep      keep the temp workspaces and code-server data (their paths are printed)
// --no-build  use the existing verbatim.vsix and out/test/vscode
// --vsix FILE test that package instead of building verbatim.vsix (the suite is still compiled)
// --grep TEXT run only the UI tests whose title holds TEXT
// Prints every test, the measurements, and last `N passed, N failed`; exits 1 on any failure
// (a missing dependency is a failure with the command that installs it, never a skip).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const outDir = resolve(option('--out', join(repoRoot, 'out', 'vscode-e2e')));
const only = new Set((option('--only', 'vsix,host,ui') ?? '').split(','));
// --vsix FILE tests a given package (e.g. a release candidate) instead of building one.
const VSIX = resolve(option('--vsix', join(repoRoot, 'verbatim.vsix')));
const t0 = Date.now();

const results = []; // { suite, title, state: 'passed'|'failed'|'pending', error?, ms? }
const metrics = {};
const phases = {};

function report(suite, title, state, error, ms) {
  results.push({ suite, title, state, error, ms });
  const mark = { passed: 'ok  ', failed: 'FAIL', pending: 'skip' }[state];
  console.log(`  ${mark} ${title}${ms !== undefined ? ` (${ms} ms)` : ''}`);
  if (error) console.log(`       ${String(error).split('\n').slice(0, 12).join('\n       ')}`);
}

/** Runs a command with its output shown; rejects with `hint` when it fails. */
async function run(cmd, cmdArgs, { hint, cwd = repoRoot, env } = {}) {
  const child = spawn(cmd, cmdArgs, { cwd, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, ...env } });
  const [code, signal] = await Promise.race([once(child, 'exit'), once(child, 'error').then(([e]) => [e.message, null])]);
  if (code !== 0) throw new Error(`${cmd} ${cmdArgs.join(' ')} failed (${signal ?? code})${hint ? `: ${hint}` : ''}`);
}

async function phase(name, fn) {
  const start = Date.now();
  console.log(`\n== ${name}`);
  try {
    return await fn();
  } finally {
    phases[name] = Date.now() - start;
  }
}

// ---------- 1. build ---------------------------------------------------------------------------
async function build() {
  if (!flag('--vsix')) await run('npm', ['run', '--silent', 'package'], { hint: 'npm ci first; the package script needs esbuild and @vscode/vsce from devDependencies' });
  await run(process.execPath, [join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(repoRoot, 'test', 'vscode')], {
    hint: 'the real-VS-Code suite does not compile',
  });
}

// ---------- 3. the package's contents ----------------------------------------------------------
async function vsixContents() {
  const { checkVsix } = await import('./vsix-contents.mjs');
  const { entries, size, problems } = checkVsix(VSIX);
  metrics['.vsix size'] = `${(size / 1024).toFixed(1)} KiB (${size} bytes, ${entries.length} files)`;
  for (const e of entries) console.log(`       ${String(e.size).padStart(8)}  ${e.name}`);
  report('vsix', 'verbatim.vsix is under 1 MB and holds only dist/extension.js, the server and pdf.js (compressed, each with its loader), media, snippets, package.json, README, CHANGELOG, LICENSE and vsce’s manifests', problems.length ? 'failed' : 'passed', problems.join('\n') || undefined);
  const js = entries.filter((e) => e.name.endsWith('.js')).map((e) => e.name.replace('extension/', '')).sort();
  report('vsix', 'the bundles are in the package (no node_modules, no source maps)', JSON.stringify(js) === JSON.stringify(['dist/extension.js', 'dist/pdfjs.js', 'dist/server.js']) ? 'passed' : 'failed', js.join(', '));
}

// ---------- 4. the Mocha suite in code-server's extension host --------------------------------
async function inHost() {
  const { startCodeServer, waitFor } = await import('../../scripts/vscode/serve.mjs');
  const { packageVsix } = await import('../../scripts/vscode/vsix.mjs');
  const { writeHostRunnerExtension } = await import('../../scripts/vscode/host-runner.mjs');
  const { launchBrowser, openWorkbench } = await import('../../scripts/vscode/workbench.mjs');
  const { copyExtHostLogs } = await import('./e2e/logs.mjs');

  const work = mkdtempSync(join(tmpdir(), 'verbatim-host-'));
  const workspace = join(work, 'newsroom');
  cpSync(join(repoRoot, 'examples', 'newsroom'), workspace, { recursive: true });
  const suiteDir = join(repoRoot, 'out', 'test', 'vscode', 'suite');
  const files = readdirSync(suiteDir).filter((f) => f.endsWith('.test.js')).sort().map((f) => join(suiteDir, f));
  if (!files.length) throw new Error(`no compiled suite in ${suiteDir}: run without --no-build`);
  const resultsFile = join(work, 'host-results.json');
  const metricsFile = join(work, 'host-metrics.jsonl');
  // No extensionDependencies on verbatim.verbatim: the suite activates it itself, to time it.
  const runnerDir = writeHostRunnerExtension({ dir: join(work, 'runner'), files, resultsFile, ui: 'tdd', timeoutMs: 60_000 });
  const { vsix: runnerVsix } = await packageVsix(runnerDir, join(work, 'runner.vsix'));

  const server = await startCodeServer({
    folder: workspace,
    vsix: [VSIX, runnerVsix],
    env: { VERBATIM_TEST_METRICS: metricsFile },
    idleTimeoutSeconds: 900,
    timeoutMs: 90_000,
  });
  let browser;
  try {
    // A code-server window's extension host starts only when a client connects: open the folder
    // (no file, so nothing activates Verbatim before the suite times it).
    const b = await launchBrowser({ headless: !flag('--headed') });
    browser = b.browser;
    await openWorkbench(b.page, server.workbenchUrl(), { timeoutMs: 120_000 });
    const json = await waitFor(() => existsSync(resultsFile) && JSON.parse(readFileSync(resultsFile, 'utf8')), {
      timeoutMs: 8 * 60_000,
      intervalMs: 250,
      what: `the in-host suite's results (${resultsFile}; extension host log under ${server.userDataDir}/logs)`,
    });
    writeFileSync(join(outDir, 'host-results.json'), JSON.stringify(json, null, 2));
    if (json.error) report('host', `in-host runner: ${json.error.message}`, 'failed', json.error.stack);
    else console.log(`  VS Code ${json.vscodeVersion}, extension host Node ${json.node}, ${json.durationMs} ms`);
    for (const t of json.tests) report('host', t.fullTitle, t.state, t.error?.message, t.durationMs);
    if (!json.error && json.tests.length === 0) report('host', 'in-host suite ran no test', 'failed');
    if (existsSync(metricsFile)) {
      for (const line of readFileSync(metricsFile, 'utf8').trim().split('\n')) {
        const m = JSON.parse(line);
        metrics[`host: ${m.name}`] = typeof m.value === 'number' && m.unit !== 'ms' ? `${m.value} ${m.unit}` : m.value;
      }
    }
    if (json.failed) await b.page.screenshot({ path: join(outDir, 'host-failure.png') }).catch(() => {});
  } finally {
    if (existsSync(server.logFile)) copyFileSync(server.logFile, join(outDir, 'host-code-server.log'));
    copyExtHostLogs(server.userDataDir, outDir, 'host-');
    await browser?.close().catch(() => {});
    await server.stop({ keepFiles: flag('--keep') });
    if (!flag('--keep')) rmSync(work, { recursive: true, force: true });
    else console.log(`  kept ${work} and ${server.root}`);
  }
}

// ---------- 5. the UI tests (Mocha in this process) ---------------------------------------------
async function ui() {
  const { e2e } = await import('./e2e/context.mjs');
  Object.assign(e2e, { vsix: VSIX, outDir, mediaDir: flag('--media') ? join(repoRoot, 'media') : undefined, headed: flag('--headed'), keep: flag('--keep'), metrics });
  const { default: Mocha } = await import('mocha');
  const mocha = new Mocha({ ui: 'bdd', timeout: 120_000, color: false, reporter: class {}, grep: option('--grep', undefined) });
  mocha.addFile(join(repoRoot, 'test', 'vscode', 'e2e', 'firstSeconds.test.mjs'));
  mocha.addFile(join(repoRoot, 'test', 'vscode', 'e2e', 'ui.test.mjs'));
  await mocha.loadFilesAsync();
  await new Promise((resolvePromise) => {
    const runner = mocha.run(resolvePromise);
    runner.on('pass', (t) => report('ui', t.fullTitle(), 'passed', undefined, t.duration));
    runner.on('fail', (t, err) => report('ui', t.fullTitle(), 'failed', err?.stack ?? err?.message ?? String(err), t.duration));
    runner.on('pending', (t) => report('ui', t.fullTitle(), 'pending'));
    runner.on('retry', (t, err) => console.log(`  RETRY ${t.fullTitle()}: ${(err?.message ?? String(err)).split('\n')[0]}`));
  });
}

/**
 * The README's screenshots ship in the package: quantised to 256 colours (pngquant, from
 * Debian's packages) they take a third of the space and look the same.
 */
async function compressMedia() {
  const media = join(repoRoot, 'media');
  const shots = readdirSync(media).filter((f) => f.endsWith('.png') && f !== 'icon.png').map((f) => join(media, f));
  try {
    await run('pngquant', ['--quality=60-85', '--speed', '1', '--strip', '--force', '--ext', '.png', ...shots]);
  } catch (error) {
    console.log(`  the screenshots in media/ were not compressed (${error.message.split('\n')[0]}): apt-get install pngquant`);
  }
}

async function main() {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  console.log(`output: ${outDir}`);
  // code-server runs in its own process group; exiting runs startCodeServer's exit hook, which ends it.
  for (const sig of ['SIGINT', 'SIGTERM']) process.once(sig, () => process.exit(130));

  const steps = [
    ['build and package', () => (flag('--no-build') ? undefined : build())],
    ['setup (code-server, Chromium, playwright-core)', () => run('bash', [join(repoRoot, 'scripts', 'vscode', 'setup.sh')])],
    ...(only.has('vsix') ? [['package contents', vsixContents]] : []),
    ...(only.has('host') ? [['in-host Mocha suite (code-server extension host)', inHost]] : []),
    ...(only.has('ui') ? [['UI end-to-end (Chromium on the code-server workbench)', ui]] : []),
  ];
  for (const [name, fn] of steps) {
    try {
      await phase(name, fn);
    } catch (err) {
      report(name, `${name}: ${err.message.split('\n')[0]}`, 'failed', err.stack);
      // Nothing after a failed build or setup can run meaningfully.
      if (name.startsWith('build') || name.startsWith('setup')) break;
    }
  }

  if (flag('--media')) await compressMedia();

  const passed = results.filter((r) => r.state === 'passed').length;
  const failed = results.filter((r) => r.state === 'failed').length;
  const pending = results.filter((r) => r.state === 'pending').length;
  console.log('\n== measurements');
  for (const [k, v] of Object.entries(metrics)) console.log(`  ${k}: ${v}${typeof v === 'number' && !/Ctrl\+Space|closings|changes/.test(k) ? ' ms' : ''}`);
  for (const [k, v] of Object.entries(phases)) console.log(`  phase ${k}: ${v} ms`);
  console.log(`  total: ${Date.now() - t0} ms`);
  writeFileSync(join(outDir, 'results.json'), JSON.stringify({ passed, failed, pending, metrics, phases, results }, null, 2));
  console.log(`\nscreenshots, logs, results.json: ${outDir}`);
  console.log(`${passed} passed, ${failed} failed${pending ? `, ${pending} pending` : ''}`);
  process.exitCode = failed === 0 && passed > 0 ? 0 : 1;
}

main().catch((err) => {
  console.error(err.stack ?? err);
  console.log(`${results.filter((r) => r.state === 'passed').length} passed, ${results.filter((r) => r.state === 'failed').length + 1} failed`);
  process.exit(1);
});

