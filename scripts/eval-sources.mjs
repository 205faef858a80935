#!/usr/bin/env node
/**
 * Scores the source readers on the development sets under ../shared/corpus (saved web pages:
 * ../shared/corpus/web, Readability's test pages). Those corpora are not shipped with the
 * project, so this is a benchmark for developers, NOT part of the tests. See
 * scripts/eval/sources.ts for the options and scripts/eval/sourcesWeb.ts for the measures.
 *
 *   node scripts/eval-sources.mjs [--only web] [--corpus DIR] [--errors N] [--page NAME] [--json]
 */
import * as esbuild from 'esbuild';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const outfile = path.join(mkdtempSync(path.join(tmpdir(), 'verbatim-eval-')), 'sources.mjs');
await esbuild.build({
  entryPoints: [path.join(here, 'eval', 'sources.ts')],
  bundle: true, platform: 'node', format: 'esm', outfile, logLevel: 'error',
  // Bundled CommonJS dependencies still call require(); give them Node's.
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
});
const { run } = await import(pathToFileURL(outfile).href);
process.exitCode = run(process.argv.slice(2), path.resolve(here, '..'));
