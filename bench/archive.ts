/**
 * The archive benchmark's measuring side (bench/archive.mjs runs it): one corpus dumped by
 * bench.ts, searched in process and through the PostgreSQL archive on throw-away clusters.
 *
 *   node archive.js measure <corpus.json> <inprocess|archive> <shards>
 */
import { execFileSync } from 'node:child_process';
import { cpSync, createReadStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Client } from 'pg';
import { CompletionRequest, DidChangeTextDocumentNotification, DidOpenTextDocumentNotification, type CompletionList } from 'vscode-languageserver-protocol/node';
import type { SourceDoc } from '../src/core/model';
import { PassageIndex } from '../src/core/search/passageIndex';
import { fingerprint } from '../src/core/cache/indexCache';
import { PgArchive, type PushItem } from '../src/node/archive/pgArchive';
import { Cluster } from '../test/archive/cluster';
import { editorCapabilities, startTestServer } from '../test/lsp/lspClient';

interface Dump {
  readonly name: string;
  readonly queries: { text: string; target: string }[];
}

/** The dump's sources (one JSON line each, beside the dump), in batches of about `passages` passages. */
async function* sourceBatches(file: string, passages: number): AsyncGenerator<SourceDoc[]> {
  const lines = createInterface({ input: createReadStream(file.replace(/\.json$/, '.docs.ndjson')), crlfDelay: Infinity });
  let batch: SourceDoc[] = [];
  let n = 0;
  for await (const line of lines) {
    if (!line) continue;
    const doc = JSON.parse(line) as SourceDoc;
    batch.push(doc);
    n += doc.passages.length;
    if (n >= passages) { yield batch; batch = []; n = 0; }
  }
  if (batch.length) yield batch;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN;
}

const round = (x: number): number => Math.round(x * 100) / 100;

async function measure(file: string, backend: string, shards: number): Promise<void> {
  const dump = JSON.parse(readFileSync(file, 'utf8')) as Dump;
  let passages = 0;
  let search: (q: string) => Promise<{ text: string }[]>;
  let ingestPerSec = NaN;
  const clusters: Cluster[] = [];
  let archive: PgArchive | undefined;
  const started = performance.now();
  const report = (times: number[], found: number, rss: number, as = backend, peak?: number): void => {
    const sorted = [...times].sort((a, b) => a - b);
    const run = {
      backend: as, shards: backend === 'inprocess' ? 0 : shards, passages, ingestPerSec: Math.round(ingestPerSec),
      p50Ms: round(percentile(sorted, 50)), p95Ms: round(percentile(sorted, 95)),
      recallAt5: Math.round((found / dump.queries.length) * 1000) / 1000,
      serverRssMB: Math.round(rss / 2 ** 20), ...(peak ? { serverPeakRssMB: Math.round(peak / 2 ** 20) } : {}), corpus: dump.name,
    };
    process.stdout.write(`${JSON.stringify(run)}\n`);
  };
  if (backend === 'inprocess') {
    const index = new PassageIndex();
    let reading = 0;
    for await (const batch of sourceBatches(file, 25_000)) {
      const t = performance.now();
      for (const doc of batch) { index.setSource(doc); passages += doc.passages.length; }
      reading += performance.now() - t;
    }
    const t = performance.now();
    index.flush();
    ingestPerSec = passages / ((reading + performance.now() - t) / 1000);
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
    const item = (doc: SourceDoc): PushItem => {
      const bytes = new TextEncoder().encode(doc.text);
      return { doc, bytes, fingerprint: fingerprint(bytes) };
    };
    // Four pushers, as an ingest job would run them, each taking the next batch of sources read
    // from the dump; the time counts the reading too, as an ingest job reads its sources.
    const pushers = Array.from({ length: 4 }, () => new PgArchive(coordinator.url));
    const batches = sourceBatches(file, 25_000);
    let pushing = 0;
    const t = performance.now();
    const next = async (): Promise<SourceDoc[] | undefined> => {
      const r = await batches.next();
      return r.done ? undefined : r.value;
    };
    await Promise.all(pushers.map(async (p) => {
      for (let batch = await next(); batch; batch = await next()) {
        passages += batch.reduce((n, d) => n + d.passages.length, 0);
        await p.push(batch.map(item));
        pushing++;
      }
    }));
    await Promise.all(pushers.map((p) => p.close()));
    process.stderr.write(`pushed ${passages} passages in ${pushing} pushes\n`);
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
      // And through the language server: completion end to end, the server's own memory.
      const example = path.resolve(__dirname, '../../../examples/newsroom');
      const served = execFileSync(process.execPath, [__filename, 'server', coordinator.url, queries, example], { stdio: ['ignore', 'pipe', 'inherit'] }).toString();
      const m = JSON.parse(served.trim().split('\n').pop()!) as { times: number[]; found: number; rss: number; peak: number };
      report(m.times, m.found, m.rss, 'server+archive', m.peak);
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

/**
 * The archive through the language server, as a writer meets it: the extension's server on the
 * example workspace with the archive set (a budget long enough to wait for it), a completion
 * request after “ and the remembered words, timed from request to answer; the server's resident
 * memory read from /proc (Linux) after the queries.
 */
async function throughServer(url: string, file: string, example: string): Promise<void> {
  const queries = JSON.parse(readFileSync(file, 'utf8')) as { text: string; target: string }[];
  const folder = mkdtempSync(path.join(tmpdir(), 'verbatim-archive-server-'));
  cpSync(example, folder, { recursive: true });
  const server = await startTestServer(folder, editorCapabilities, { archive: { url, timeBudgetMs: 30_000 } }, 'server', { trusted: true });
  try {
    await server.waitForStatus((s) => !s.indexing && s.sources > 0, 'with the example indexed', 60_000);
    const uri = pathToFileURL(path.join(folder, 'drafts', 'bench.md')).href;
    let version = 1;
    const complete = async (words: string): Promise<string[]> => {
      const text = `The spokesperson said “${words}`;
      if (version === 1) await server.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'markdown', version, text } });
      else await server.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
      version++;
      const list = await server.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line: 0, character: text.length }, context: { triggerKind: 1 } }) as CompletionList | null;
      return (list?.items ?? []).map((i) => (i.textEdit && 'newText' in i.textEdit ? i.textEdit.newText : i.insertText ?? ''));
    };
    for (const q of queries) await complete(q.text.split(' ').reverse().join(' '));
    // One pass: the server keeps the archive's recent answers, so a query asked again is not
    // asked of the archive again.
    const times: number[] = [];
    let found = 0;
    for (const q of queries) {
      const s = performance.now();
      const inserted = await complete(q.text);
      times.push(performance.now() - s);
      // An inserted quotation writes a no-break space as a plain one (see citedQuotation).
      const target = q.target.replace(/[\u00a0\u202f]/g, ' ');
      if (inserted.slice(0, 5).some((t) => t.includes(target))) found++;
    }
    const status = readFileSync(`/proc/${server.process.pid}/status`, 'utf8');
    const kb = (field: string): number => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
    process.stdout.write(`${JSON.stringify({ times, found, rss: kb('VmRSS') * 1024, peak: kb('VmHWM') * 1024 })}\n`);
  } finally {
    await server.stop();
    rmSync(folder, { recursive: true, force: true });
  }
}

const [command, ...args] = process.argv.slice(2);
if (command === 'server') throughServer(args[0], args[1], args[2]).catch((e: unknown) => { process.stderr.write(`${String(e)}\n`); process.exit(1); });
else if (command === 'query') query(args[0], args[1]).catch((e: unknown) => { process.stderr.write(`${String(e)}\n`); process.exit(1); });
else if (command === 'measure') measure(args[0], args[1], Number(args[2])).catch((e: unknown) => { process.stderr.write(`${String(e)}\n`); process.exit(1); });
else throw new Error(`unknown command ${command}`);
