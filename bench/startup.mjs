#!/usr/bin/env node
/**
 * Start-up benchmark: how long a workspace of many sources takes to answer its first
 * completion, opened for the first time (cold: every source read and extracted) and reopened
 * (warm: answered from the index cache while the sources are checked in the background).
 *
 *   npm run build && node bench/startup.mjs [--sources 1000] [--runs 2] [--generate DIR] [--profile DIR]
 *
 * Generates a workspace of deterministic news-like sources (front matter, some 25 paragraphs,
 * quotations and reported speech) in a temporary folder, then starts the built language server
 * (`dist/cli.js lsp --stdio`) on it with a storage folder, as VS Code does. Figures per start:
 *   startCpuMs  the server's CPU time when it has answered `initialize` (Node and the bundle loaded)
 *   restoredMs  spawn → the first status that counts every source (warm: restored from the cache),
 *               restoredCpuMs the server's CPU time by then
 *   firstMs     spawn → the answer to a completion (sent at `restoredMs`) that finds a quotation
 *               of the last source
 *   checkedMs   spawn → every source read and checked (indexing over)
 *   cpuMs       the server process's CPU time (user + system) at that point, from /proc (Linux)
 * and the size of the saved cache. Timings are wall-clock and noisy on a shared machine; the
 * CPU time is the steadier figure. Nothing here is asserted: this prints figures.
 * `--generate DIR` only writes the workspace into DIR (for profiling by other means);
 * `--profile DIR` has each server write a CPU profile (`node --cpu-prof`) into DIR as it exits.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import {
  CompletionRequest, ConfigurationRequest, createProtocolConnection, DidOpenTextDocumentNotification, ExitNotification,
  InitializedNotification, InitializeRequest, RegistrationRequest, ShutdownRequest, StreamMessageReader, StreamMessageWriter,
  WorkDoneProgressCreateRequest,
} from 'vscode-languageserver-protocol/node';

const { values } = parseArgs({ options: { sources: { type: 'string', default: '1000' }, runs: { type: 'string', default: '2' }, generate: { type: 'string' }, profile: { type: 'string' } } });
const count = Number(values.sources);
const runs = Number(values.runs);
const cli = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist/cli.js');

/** Deterministic pseudo-random numbers (mulberry32). */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const words = ('council budget reservoir summer drought minister hospital nurses strike union wages teachers school district funding '
  + 'election ballot county bridge closure traffic harbour ferry tariff exports farmers harvest rainfall flooding insurance housing rent '
  + 'tenants court ruling appeal judge evidence police museum archive library volunteers charity mayor governor pipeline permit emissions '
  + 'climate factory workers pension reform inflation bank currency market investors airport runway residents petition vaccine clinic').split(' ');
const speakers = ['Maria Lopez', 'Ahmed Karimi', 'Governor Chen', 'Ruth Okafor', 'Tomás Reyes', 'Li Wei', 'Anna Berg'];

function sentence(rng, n) {
  const w = Array.from({ length: n }, () => words[Math.floor(rng() * words.length)]);
  w[0] = w[0][0].toUpperCase() + w[0].slice(1);
  return w.join(' ');
}

/** One source: front matter and paragraphs of narration, quotations and reported speech. */
function source(i) {
  const rng = random(i + 1);
  const lines = ['---', `id: story-${i}`, `title: "${sentence(rng, 6)}"`, 'outlet: The Daily Ledger', `author: ${speakers[i % speakers.length]}`, `date: 2024-0${1 + (i % 9)}-1${i % 10}`, '---', ''];
  for (let p = 0; p < 25; p++) {
    const who = speakers[Math.floor(rng() * speakers.length)];
    const r = rng();
    if (r < 0.35) lines.push(`“${sentence(rng, 10 + Math.floor(rng() * 10))},” ${who} said. ${sentence(rng, 14)}.`);
    else if (r < 0.55) lines.push(`${who} said that ${sentence(rng, 12).toLowerCase()}. ${sentence(rng, 16)}.`);
    else lines.push(`${sentence(rng, 18)}. ${sentence(rng, 15)}. ${sentence(rng, 12)}.`);
    lines.push('');
  }
  return lines.join('\n');
}

function cpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return Math.round(((Number(fields[11]) + Number(fields[12])) * 1000) / 100);
  } catch {
    return undefined;
  }
}

async function start(folder, storage, query) {
  const t0 = performance.now();
  const child = spawn(process.execPath, [...(values.profile ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(values.profile)}`] : []), cli, 'lsp', '--stdio'], { cwd: folder, stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const figures = {};
  let restored;
  const full = new Promise((resolve) => { restored = resolve; });
  let checked;
  const done = new Promise((resolve) => { checked = resolve; });
  connection.onNotification('verbatim/status', (s) => {
    if (s.sources >= count && figures.restoredMs === undefined) {
      figures.restoredMs = Math.round(performance.now() - t0);
      figures.restoredCpuMs = cpuMs(child.pid);
      restored();
    }
    if (!s.indexing && s.sources >= count && figures.checkedMs === undefined) {
      figures.checkedMs = Math.round(performance.now() - t0);
      figures.cpuMs = cpuMs(child.pid);
      checked();
    }
  });
  connection.onRequest(ConfigurationRequest.type, (params) => params.items.map(() => ({})));
  connection.onRequest(RegistrationRequest.type, () => undefined);
  connection.onRequest(WorkDoneProgressCreateRequest.type, () => undefined);
  connection.listen();
  const uri = pathToFileURL(folder).href;
  await connection.sendRequest(InitializeRequest.type, {
    processId: process.pid, rootUri: uri, workspaceFolders: [{ uri, name: 'bench' }],
    capabilities: { workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } }, window: { workDoneProgress: true } },
    initializationOptions: { storagePath: storage },
  });
  figures.startCpuMs = cpuMs(child.pid);
  await connection.sendNotification(InitializedNotification.type, {});
  const draft = pathToFileURL(path.join(folder, 'drafts', 'bench.md')).href;
  const text = `As was said, “${query}`;
  await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: draft, languageId: 'markdown', version: 1, text } });
  await full;
  const list = await connection.sendRequest(CompletionRequest.type, { textDocument: { uri: draft }, position: { line: 0, character: text.length }, context: { triggerKind: 3 } });
  figures.firstMs = Math.round(performance.now() - t0);
  figures.found = list.items.some((item) => item.label.toLowerCase().startsWith(query.toLowerCase()));
  figures.incomplete = list.isIncomplete;
  await done;
  await connection.sendRequest(ShutdownRequest.type);
  await connection.sendNotification(ExitNotification.type);
  await new Promise((resolve) => child.once('exit', resolve));
  connection.dispose();
  return figures;
}

const dir = values.generate ? path.resolve(values.generate) : mkdtempSync(path.join(tmpdir(), 'verbatim-startup-'));
try {
  const folder = path.join(dir, 'workspace');
  mkdirSync(path.join(folder, 'sources'), { recursive: true });
  mkdirSync(path.join(folder, 'drafts'));
  let bytes = 0;
  let last = '';
  for (let i = 0; i < count; i++) {
    const text = source(i);
    bytes += Buffer.byteLength(text);
    writeFileSync(path.join(folder, 'sources', `story-${String(i).padStart(5, '0')}.md`), text);
    last = text;
  }
  // Four words from a quotation of the last source, as a writer remembers them.
  const query = /“([^,”]+)/.exec(last)[1].split(' ').slice(0, 4).join(' ');
  console.log(`${count} sources, ${(bytes / 1e6).toFixed(1)} MB; query “${query}`);
  if (values.generate) process.exit(0);
  for (let run = 1; run <= runs; run++) {
    const storage = path.join(dir, `storage-${run}`);
    const cold = await start(folder, storage, query);
    const size = statSync(path.join(storage, 'index.vbix')).size;
    const warm = await start(folder, storage, query);
    console.log(`run ${run} cold: ${JSON.stringify(cold)}`);
    console.log(`run ${run} warm: ${JSON.stringify(warm)}  cache ${(size / 1e6).toFixed(1)} MB`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
