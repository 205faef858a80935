#!/usr/bin/env node
/**
 * Measures who Verbatim says speaks on real saved web pages: the share of speakers given to
 * quotations that are not a person, an organisation or a document (or outlet).
 *
 * Reads ../shared/corpus/web (Readability's test pages; see its README) beside the repository.
 * That corpus is not shipped with the project, so this script is a benchmark for developers and
 * is NOT part of the default test command.
 *
 *   node scripts/eval-web-speakers.mjs [--corpus DIR] [--all] [--list [--context]] [--json]
 *
 * --context prints, under each listed speaker, the words around where the page names it.
 *
 * Only the pages that index.tsv calls `real` are read (--all reads the synthetic ones too).
 * Each page's source.html is loaded as a user's saved page would be (`loadSource`).
 *
 * The rule that judges a speaker (stated here so that the figure can be checked by hand; it is
 * deliberately independent of the extraction's own word lists):
 *
 * - a leading determiner (the, a, an, le, la, les, der, die, das, …) is dropped;
 * - a NAME is a phrase whose words all begin with a capital letter (or are initials, acronyms,
 *   or the connectors of, for, and, de, du, des, van, von, der, al, bin, la, le, y, &), and
 *   at least one capitalised word is not a function word, a pronoun, a sentence adverb or a
 *   number word of English, French or German ("It", "There", "Furthermore", "Une", "Deux");
 * - a DESCRIPTION is a lower-case phrase whose last word is a noun for a person, a group of
 *   people, an organisation or a document (the lists below), possibly followed by "of/for/at/in …";
 * - anything else (a pronoun left unresolved, a clause fragment such as "the team that", a
 *   lone function word) is NOT a person, organisation or document.
 *
 * A rule cannot tell that a name given to scare-quoted words is not their speaker (a sport, a
 * website); --list prints every speaker with its quotation so a sample can be read for that.
 */
import * as esbuild from 'esbuild';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { judge } from './eval/speakerRule.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({ options: { corpus: { type: 'string' }, all: { type: 'boolean' }, list: { type: 'boolean' }, context: { type: 'boolean' }, json: { type: 'boolean' } } });
const corpus = values.corpus ?? path.resolve(here, '../../shared/corpus/web');
if (!existsSync(path.join(corpus, 'index.tsv'))) {
  console.error(`web corpus not found at ${corpus} (use --corpus DIR)`);
  process.exit(2);
}

const outfile = path.join(mkdtempSync(path.join(tmpdir(), 'verbatim-web-')), 'core.mjs');
await esbuild.build({
  stdin: { contents: "export { loadSource } from './src/core/sources/loadSource';", resolveDir: path.resolve(here, '..'), loader: 'ts' },
  bundle: true, platform: 'node', format: 'esm', outfile, logLevel: 'error',
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
});
const { loadSource } = await import(pathToFileURL(outfile).href);

const rows = readFileSync(path.join(corpus, 'index.tsv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t'));
const pages = rows.filter((r) => values.all || r[1] === 'real').map((r) => r[0]);
let quotes = 0;
let withSpeaker = 0;
const bad = [];
const all = [];
const started = performance.now();
let passages = 0;
for (const name of pages) {
  const file = path.join(corpus, 'pages', name, 'source.html');
  const bytes = readFileSync(file);
  const result = loadSource({ uri: `web:/${name}`, path: `${name}.html`, bytes }, 5_000_000);
  if (!result.ok) continue;
  passages += result.source.passages.length;
  for (const p of result.source.passages) {
    if (p.kind !== 'quote') continue;
    quotes++;
    if (!p.speaker) continue;
    withSpeaker++;
    const verdict = judge(p.speaker);
    const row = { page: name, speaker: p.speaker, verdict, quote: p.text.slice(0, 80) };
    const m = p.speakerMention;
    if (m) row.context = result.source.text.slice(Math.max(0, m.start - 60), m.start) + '⟦' + result.source.text.slice(m.start, m.end) + '⟧' + result.source.text.slice(m.end, m.end + 60);
    all.push(row);
    if (verdict !== 'name' && verdict !== 'description') bad.push(row);
  }
}
const ms = performance.now() - started;
if (values.json) {
  console.log(JSON.stringify({ pages: pages.length, quotes, withSpeaker, notSpeakers: bad.length, share: bad.length / Math.max(1, withSpeaker), bad }, null, 2));
} else {
  console.log(`web corpus: ${pages.length} pages (${values.all ? 'all' : 'real'}), ${passages} passages in ${ms.toFixed(0)} ms`);
  console.log(`quotations ${quotes}, with a speaker ${withSpeaker}`);
  console.log(`speakers not a person, organisation or document (by the rule): ${(100 * bad.length / Math.max(1, withSpeaker)).toFixed(1)}% (${bad.length}/${withSpeaker})`);
  for (const b of bad) console.log(`  ${b.page.padEnd(28)} ${b.verdict.padEnd(13)} ${JSON.stringify(b.speaker)}  ← “${b.quote}”`);
  if (values.list) {
    console.log('\nall speakers:');
    for (const b of all) {
      console.log(`  ${b.page.padEnd(28)} ${b.verdict.padEnd(13)} ${JSON.stringify(b.speaker)}  ← “${b.quote}”`);
      if (values.context && b.context) console.log(`      at …${b.context.replace(/\s+/g, ' ')}…`);
    }
  }
}
