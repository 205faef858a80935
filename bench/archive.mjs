#!/usr/bin/env node
/**
 * Archive benchmark: the in-process index against the PostgreSQL archive (a coordinator and
 * shards through postgres_fdw, throw-away clusters on loopback), on the same corpus and queries.
 *
 *   npm run bench:archive [-- --json] [-- --corpora scale-100k,scale-1M,scale-10M] [-- --shards 3]
 *
 * READS ../shared/corpus BESIDE THE REPOSITORY (PolNeAR train, real news): its scale-ups are
 * built by bench/bench.ts exactly as `npm run bench` builds them. Not part of npm test.
 * serverRssMB is the resident memory of the process that searches (the language server's
 * role): the whole index in process, or only the archive client. A third row, server+archive,
 * is the extension's language server itself on the example workspace with the archive set:
 * completion timed end to end over LSP, and the server's resident memory. Above a million passages only
 * the archive is measured. Sources are dumped and pushed in a stream (about 20 GB of disk for
 * ten million passages on the throw-away clusters, and an hour on two cores).
 *
 * JSON (--json): {"runs":[{"backend","shards","passages","ingestPerSec","p50Ms","p95Ms","recallAt5","serverRssMB"}]}
 */
import * as esbuild from 'esbuild';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { log, metadata, option, polnearText, requireCorpus, root, seed, workFolder, json } from './setup.mjs';

const corpora = option('--corpora', 'scale-100k').split(',');
const shards = Number(option('--shards', '3'));
// The in-process index is measured up to a million passages (beyond that it is not what a
// writer's machine holds); the archive at every size.
const inProcessUpTo = 1_000_000;
const sizeOf = (name) => (/^scale-/.test(name) ? Number(name.replace(/^scale-/, '').replace(/k$/, '000').replace(/M$/, '000000')) : 0);
requireCorpus('The archive benchmark');
const work = workFolder();
const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', mainFields: ['module', 'main'], logLevel: 'warning', external: ['pg-native'] };
await esbuild.build({ ...common, entryPoints: [path.join(root, 'bench', 'bench.ts')], outfile: path.join(work, 'bench.js') });
await esbuild.build({ ...common, entryPoints: [path.join(root, 'bench', 'archive.ts')], outfile: path.join(work, 'archive.js') });
const cache = path.join(work, 'corpus-cache.json');
execFileSync(process.execPath, [path.join(work, 'bench.js'), 'prepare', polnearText, metadata, seed, cache], { stdio: ['ignore', 'ignore', 'inherit'] });

const runs = [];
for (const corpus of corpora) {
  const dump = path.join(work, `${corpus}.json`);
  execFileSync(process.execPath, ['--max-old-space-size=12288', path.join(work, 'bench.js'), 'dump', cache, corpus, dump], { stdio: ['ignore', 'ignore', 'inherit'] });
  for (const backend of sizeOf(corpus) > inProcessUpTo ? ['archive'] : ['inprocess', 'archive']) {
    const out = execFileSync(process.execPath, ['--max-old-space-size=12288', path.join(work, 'archive.js'), 'measure', dump, backend, String(shards)], { stdio: ['ignore', 'pipe', 'inherit'] }).toString();
    for (const line of out.trim().split('\n').filter((l) => l.startsWith('{'))) {
      const run = JSON.parse(line);
      runs.push(run);
      log(`${corpus.padEnd(11)} ${run.backend.padEnd(14)} shards ${run.shards}  ${run.passages} passages  ingest ${run.ingestPerSec}/s  p50 ${run.p50Ms} ms  p95 ${run.p95Ms} ms  recall@5 ${run.recallAt5}  RSS ${run.serverRssMB} MB`);
    }
  }
}
if (json) process.stdout.write(`${JSON.stringify({ runs }, null, 2)}\n`);
