// npm run test:electron: the real-VS-Code suite (test/vscode/suite) in a desktop VS Code that
// @vscode/test-electron downloads, with the extension loaded unpacked from this repository
// (--extensionDevelopmentPath) and a temp copy of examples/newsroom as the workspace.
//
// Where VS Code can be downloaded (a developer machine, GitHub-hosted CI):
//
//   npm ci && npm run test:electron
//
//   On a Linux machine without a display, run it under Xvfb:  xvfb-run -a npm run test:electron
//   VSCODE_VERSION=1.91.0 npm run test:electron     a given version (default: stable)
//   VSCODE_EXECUTABLE=/path/to/code npm run test:electron
//                                                   an installed VS Code instead of a download
//
// These machines reach only the npm registry and Debian's packages, so the download fails here;
// the same suite runs in code-server's extension host there instead (npm run test:vscode).
// Prints `N passed, N failed` last; exits non-zero on any failure.
import { runTests } from '@vscode/test-electron';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

async function main(): Promise<number> {
  const repoRoot = path.resolve(__dirname, '..', '..', '..', '..');
  const extensionTestsPath = path.resolve(__dirname, 'index.js');
  if (!existsSync(path.join(repoRoot, 'dist', 'extension.js'))) {
    console.error('dist/extension.js is missing: npm run build first (npm run test:electron does it).');
    return 1;
  }
  const work = mkdtempSync(path.join(tmpdir(), 'verbatim-electron-'));
  const workspace = path.join(work, 'newsroom');
  cpSync(path.join(repoRoot, 'examples', 'newsroom'), workspace, { recursive: true });
  const metrics = path.join(work, 'metrics.jsonl');
  try {
    await runTests({
      ...(process.env.VSCODE_EXECUTABLE ? { vscodeExecutablePath: process.env.VSCODE_EXECUTABLE } : { version: process.env.VSCODE_VERSION ?? 'stable' }),
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath,
      extensionTestsEnv: { VERBATIM_TEST_METRICS: metrics },
      // Only the extension under test; no Welcome page, no trust prompt, a throwaway profile.
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes', `--user-data-dir=${path.join(work, 'user-data')}`],
    });
    if (existsSync(metrics)) console.log(`metrics:\n${readFileSync(metrics, 'utf8').trim()}`);
    console.log('all passed (see the Mocha report above)');
    return 0;
  } catch (err) {
    console.error(`test-electron run failed: ${(err as Error).message ?? err}`);
    if (/download|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|getaddrinfo|fetch failed/i.test(String((err as Error)?.message ?? err))) {
      console.error('VS Code could not be downloaded from update.code.visualstudio.com. On machines without that access use npm run test:vscode (code-server), or set VSCODE_EXECUTABLE to an installed VS Code.');
    }
    return 1;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

void main().then((code) => process.exit(code));
