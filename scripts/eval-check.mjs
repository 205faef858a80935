#!/usr/bin/env node
/**
 * Measures the quotation check on PolNeAR (../shared/corpus/polnear, not shipped with the
 * project; not part of the tests). Every article of the split becomes a source; each gold
 * quotation (read as scripts/eval-polnear.mjs reads it) is rewritten the ways writers get
 * quotations right and wrong, and checked:
 *
 *   faithful: verbatim; straight apostrophes; an omission marked with an ellipsis; attributed
 *             to the annotated speaker ("X said", and varied: an apposition, "according to",
 *             "told reporters", after the quotation, a description before the name, a pronoun
 *             in the next paragraph, "said that")
 *   problems: a number changed; a negation added or removed; a word replaced; a word dropped
 *             without an ellipsis; two words swapped; a name changed; a quotation from another
 *             split (fabricated); attributed to another speaker of the article (misattributed,
 *             in the same plain and varied forms)
 *
 * A quotation counts as flagged when its verdict is altered, misattributed, wrong-source or
 * not-found. Prints the flagged share per kind of change, the wrongly flagged share of faithful
 * quotations, and samples of misses with --errors N.
 *
 *   node scripts/eval-check.mjs [--split dev|train] [--articles N] [--corpus DIR] [--errors N] [--json]
 */
import * as esbuild from 'esbuild';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const outfile = path.join(mkdtempSync(path.join(tmpdir(), 'verbatim-eval-')), 'checkEval.mjs');
await esbuild.build({
  entryPoints: [path.join(here, 'eval', 'checkEval.ts')],
  bundle: true, platform: 'node', format: 'esm', outfile, logLevel: 'error',
  // Bundled CommonJS dependencies still call require(); give them Node's.
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
});
const { run } = await import(pathToFileURL(outfile).href);
process.exitCode = await run(process.argv.slice(2), path.resolve(here, '..'));
