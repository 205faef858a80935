// In-host Mocha runner: a tiny extension that, once the workbench has started, runs Mocha test
// files inside code-server's extension host (so they can `require('vscode')` and drive the real
// API: executeCompletionItemProvider, executeHoverProvider, getDiagnostics...), then writes the
// results as JSON for the harness outside to pick up.
//
// It is generated per run by scripts/vscode/host-runner.mjs, which writes runner-config.json
// beside this file: { mocha, files, resultsFile, ui, timeoutMs, grep }.
//
// Why a file and not the exit code / stdout: the extension host belongs to code-server, which
// keeps running; its stdout goes to a log. A JSON file written atomically (tmp + rename) is the
// one signal the harness can poll for with a deadline.
'use strict';
const fs = require('fs');
const path = require('path');

function writeAtomically(file, data) {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(data, null, 2));
  fs.renameSync(tmp, file); // readers never see half a file
}

function errorInfo(err) {
  if (!err) return undefined;
  return { message: String(err.message ?? err), stack: err.stack, actual: err.actual, expected: err.expected };
}

exports.activate = function activate() {
  const cfg = JSON.parse(fs.readFileSync(path.join(__dirname, 'runner-config.json'), 'utf8'));
  // Activation happens once per window; a reload (or a second browser tab) would run the suite
  // again and race the first run for the results file. The lock file makes it run once.
  try {
    fs.closeSync(fs.openSync(`${cfg.resultsFile}.lock`, 'wx'));
  } catch {
    return;
  }
  run(cfg).catch((err) => writeAtomically(cfg.resultsFile, { done: true, error: errorInfo(err), tests: [] }));
};

exports.deactivate = function deactivate() {};

async function run(cfg) {
  const started = Date.now();
  // Mocha comes from the project's node_modules by absolute path: the extension host is plain
  // Node 24, and mocha 12 is ESM, which Node 24's require() loads (hence `.default`).
  let Mocha = require(cfg.mocha);
  Mocha = Mocha.default ?? Mocha;

  const tests = [];
  // A reporter that only collects: Mocha constructs it with the runner.
  class CollectingReporter extends Mocha.reporters.Base {
    constructor(runner, options) {
      super(runner, options);
      const record = (state) => (test, err) =>
        tests.push({
          fullTitle: test.fullTitle(),
          file: test.file,
          state,
          durationMs: test.duration,
          error: errorInfo(err),
        });
      runner.on('pass', record('passed'));
      runner.on('fail', record('failed')); // also hooks: their fullTitle says '"before all" hook ...'
      runner.on('pending', record('pending'));
    }
  }

  const mocha = new Mocha({
    ui: cfg.ui ?? 'tdd',
    timeout: cfg.timeoutMs ?? 20000,
    color: false,
    reporter: CollectingReporter,
  });
  if (cfg.grep) mocha.grep(cfg.grep);
  for (const f of cfg.files) mocha.addFile(f);
  await mocha.loadFilesAsync(); // handles CommonJS and ESM test files alike
  const failures = await new Promise((resolve) => mocha.run(resolve));
  const count = (s) => tests.filter((t) => t.state === s).length;
  writeAtomically(cfg.resultsFile, {
    done: true,
    vscodeVersion: require('vscode').version,
    node: process.version,
    durationMs: Date.now() - started,
    failures,
    passed: count('passed'),
    failed: count('failed'),
    pending: count('pending'),
    tests,
  });
}
