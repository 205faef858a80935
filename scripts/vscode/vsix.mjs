#!/usr/bin/env node
// Package an extension folder into a .vsix with @vscode/vsce from the e2e cache (setup.sh).
//
//   import { packageVsix } from './vsix.mjs';  await packageVsix(extDir, '/tmp/x.vsix');
//   node scripts/vscode/vsix.mjs EXT_DIR OUT.vsix
//
// Why vsce rather than zipping by hand: it writes [Content_Types].xml and extension.vsixmanifest
// exactly as VS Code's installer expects, applies .vscodeignore, and rejects manifests VS Code
// would reject (bad engines, missing publisher...) at packaging time instead of at install time.
// Flags: --no-dependencies because extensions here are bundled (esbuild) or dependency-free;
// --skip-license / --allow-missing-repository because vsce otherwise *prompts* (y/N), and stdin is
// closed so a prompt would fail rather than hang.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { e2ePaths } from './serve.mjs';

export async function packageVsix(extDir, outFile, { extraArgs = [], timeoutMs = 120_000 } = {}) {
  const paths = e2ePaths();
  const out = resolve(outFile);
  const args = [
    paths.vsce,
    'package',
    '--no-dependencies',
    '--skip-license',
    '--allow-missing-repository',
    '--no-rewrite-relative-links', // README links stay as written; no git remote is needed
    '-o',
    out,
    ...extraArgs,
  ];
  // Node 24 from the cache, so packaging does not depend on the PATH's Node.
  const child = spawn(paths.node, args, { cwd: resolve(extDir), stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout.on('data', (d) => (log += d));
  child.stderr.on('data', (d) => (log += d));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const [code, signal] = await once(child, 'exit');
  clearTimeout(timer);
  if (code !== 0 || !existsSync(out)) throw new Error(`vsce package in ${extDir} failed (${signal ?? code}):\n${log}`);
  return { vsix: out, log };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [extDir, outFile] = process.argv.slice(2);
  if (!extDir || !outFile) {
    console.error('usage: node scripts/vscode/vsix.mjs EXT_DIR OUT.vsix');
    process.exit(2);
  }
  packageVsix(extDir, outFile).then(
    ({ vsix, log }) => console.log(log.trim() + `\n${vsix}`),
    (err) => {
      console.error(err.message);
      process.exit(1);
    },
  );
}
