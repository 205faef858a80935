// Generates the in-host Mocha runner extension (host-runner/extension.js) into a folder, with
// its package.json and runner-config.json, ready for packageVsix() and startCodeServer().
//
//   const dir = writeHostRunnerExtension({ dir, files: [abs test files], resultsFile,
//                                          extensionDependencies: ['verbatim.verbatim'] });
//
// Test files are referenced by absolute path, not copied: `require('vscode')` works from any
// file the extension host loads, so compiled tests can stay where tsc/esbuild put them and keep
// requiring the project's own modules.
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '..', '..');

export const HOST_RUNNER_ID = 'verbatim-test.verbatim-e2e-host-runner';

export function writeHostRunnerExtension({
  dir,
  files,
  resultsFile,
  mocha = join(repoRoot, 'node_modules', 'mocha'),
  ui = 'tdd',
  timeoutMs = 20_000,
  grep,
  extensionDependencies = [],
}) {
  mkdirSync(dir, { recursive: true });
  const [publisher, name] = HOST_RUNNER_ID.split('.');
  const manifest = {
    name,
    publisher,
    displayName: 'Verbatim e2e host runner',
    description: 'Runs Mocha suites inside the extension host (tests only).',
    version: '0.0.1',
    license: 'MIT',
    engines: { vscode: '^1.90.0' },
    main: './extension.js',
    // After startup, so the workbench (and the editor the tests may open) is up. Extensions listed
    // in extensionDependencies are activated before this one.
    activationEvents: ['onStartupFinished'],
    extensionDependencies,
    capabilities: { untrustedWorkspaces: { supported: true }, virtualWorkspaces: false },
  };
  writeFileSync(join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
  writeFileSync(join(dir, 'README.md'), '# Verbatim e2e host runner\n\nGenerated for tests; not published.\n');
  writeFileSync(
    join(dir, 'runner-config.json'),
    JSON.stringify(
      { mocha, files: files.map((f) => resolve(f)), resultsFile: resolve(resultsFile), ui, timeoutMs, grep },
      null,
      2,
    ),
  );
  copyFileSync(join(here, 'host-runner', 'extension.js'), join(dir, 'extension.js'));
  return dir;
}
