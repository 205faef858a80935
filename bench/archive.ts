/**
 * The archive benchmark's measuring side (bench/archive.mjs runs it): one corpus dumped by
 * bench.ts, searched in process and through the PostgreSQL archive on throw-away clusters.
 *
 *   node archive.js measure <corpus.json> <inprocess|archive> <shards>
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import type { SourceDoc } from '../src/core/model';
import { PassageIndex } from '../src/core/search/passageIndex';
import { fingerprint } from '../src/core/cache/indexCache';
import { PgArchive, type PushItem } from '../src/node/archive/pgArchive';
import { Cluster } from '../test/archive/cluster';

interface Dump {
  readonly name: string;
  readonly docs: SourceDoc[];
  readonly queries: { text: string; target: string }[];
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN;
}

const round = (x: number): number => Math.round(x * 100) / 100;

async function measure(file: string, backend: string, shards: number): Promise<void> {
  const dump = JSON.parse(readFileSync(file, 'utf8')) as Dump;
  const passages = dump.docs.reduce((n, d) => n + d.passages.length, 0);
  let search: (q: string) => Promise<{ text: string }[]>;
  let ingestPerSec = NaN;
  const clusters: Cluster[] = [];
  let archive: PgArchive | undefined;
  const started = performance.now();
  const report = (times: number[], found: number, rss: number): void => {
    const sorted = [...times].sort((a, b) => a - b);
    const run = {
      backend, shards: backend === 'inprocess' ? 0 : shards, passages, ingestPerSec: Math.round(ingestPerSec),
      p50Ms: round(percentile(sorted, 50)), p95Ms: round(percentile(sorted, 95)),
      recallAt5: Math.round((found / dump.queries.length) * 1000) / 1000,
      serverRssMB: Math.round(rss / 2 ** 20), corpus: dump.name,
    };
    process.stdout.write(`${JSON.stringify(run)}\n`);
  };
  if (backend === 'inprocess') {
    const index = new PassageIndex();
    for (const doc of dump.docs) index.setSource(doc);
    index.flush();
    ingestPerSec = passages / ((performance.now() - started) / 1000);
    search = (q) => Promise.resolve(index.search(q, { limit: 20 }).map((h) => h.passage));
  } else {
    const coordinator = await Cluster.start();
    clusters.push(coordinator);
    const shardUrls: string[] = [];
    for (let i = 0; i < shards; i++) {
      const c = await Cluster.start();
      clusters.push(c);
      shardUrls.push(c.url);
    }
    archive = new PgArchive(coordinator.url);
    await archive.init(shardUrls);
    const items: PushItem[] = dump.docs.map((doc) => {
      const bytes = new TextEncoder().encode(doc.text);
      return { doc, bytes, fingerprint: fingerprint(bytes) };
    });
    const t = performance.now();
    // Four pushers, as an ingest job would run them.
    const pushers = Array.from({ length: 4 }, () => new PgArchive(coordinator.url));
    await Promise.all(pushers.map((p, k) => p.push(items.filter((_, i) => i % 4 === k))));
    await Promise.all(pushers.map((p) => p.close()));
    ingestPerSec = passages / ((performance.now() - t) / 1000);
    // As an operator would after a bulk load (docs/archive.md): fresh statistics on every shard,
    // and GIN's pending list of new entries merged into the index (a query reads it whole).
    for (const url of shardUrls) {
      const shard = new Client({ connectionString: url });
      await shard.connect();
      await shard.query('VACUUM ANALYZE verbatim_passage');
      await shard.end();
    }
    // The searches run in a process of their own that holds only the archive client, as the
    // language server would: its memory is the client's, not the corpus this process pushed.
    const dir = mkdtempSync(path.join(tmpdir(), 'verbatim-archive-bench-'));
    try {
      const queries = path.join(dir, 'queries.json');
      writeFileSync(queries, JSON.stringify(dump.queries));
      const out = execFileSync(process.execPath, [__filename, 'query', coordinator.url, queries], { stdio: ['ignore', 'pipe', 'inherit'] }).toString();
      const measured = JSON.parse(out.trim().split('\n').pop()!) as { times: number[]; found: number; rss: number };
      report(measured.times, measured.found, measured.rss);
      return;
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await archive.close();
      for (const c of clusters) c.destroy();
    }
  }
  try {
    for (const q of dump.queries) await search(q.text.split(' ').reverse().join(' '));
    const times: number[] = [];
    let found = 0;
    for (let pass = 0; pass < 3; pass++) {
      for (const q of dump.queries) {
        const s = performance.now();
        const results = await search(q.text);
        times.push(performance.now() - s);
        if (pass === 0 && results.slice(0, 5).some((p) => p.text === q.target)) found++;
      }
    }
    report(times, found, process.memoryUsage().rss);
  } finally {
    await archive?.close();
    for (const c of clusters) c.destroy();
  }
}

/** The archive's side of a run: the same queries, in a process holding only the archive client. */
async function query(url: string, file: string): Promise<void> {
  const queries = JSON.parse(readFileSync(file, 'utf8')) as { text: string; target: string }[];
  const archive = new PgArchive(url);
  try {
    const search = async (q: string) => (await archive.search(q, { limit: 20 })).hits.map((h) => h.passage);
    // Warm-up: every query once, its words reversed, so that the client's connections (and the
    // coordinator's to each shard) are open before timing, as in a language server that has answered.
    for (const q of queries) await search(q.text.split(' ').reverse().join(' '));
    const times: number[] = [];
    let found = 0;
    for (let pass = 0; pass < 3; pass++) {
      for (const q of queries) {
        const s = performance.now();
        const results = await search(q.text);
        times.push(performance.now() - s);
        if (pass === 0 && results.slice(0, 5).some((p) => p.text === q.target)) found++;
      }
    }
    process.stdout.write(`${JSON.stringify({ times, found, rss: process.memoryUsage().rss })}\n`);
  } finally {
    await archive.close();
  }
}

const [command, ...args] = process.argv.slice(2);
if (command === 'query') query(args[0], args[1]).catch((e: unknown) => { process.stderr.write(`${String(e)}\n`); process.exit(1); });
else if (command === 'measure') measure(args[0], args[1], Number(args[2])).catch((e: unknown) => { process.stderr.write(`${String(e)}\n`); process.exit(1); });
else throw new Error(`unknown command ${command}`);
