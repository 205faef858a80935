// Measures the language server on a folder of many tiny source files (100,000 by default):
// how long indexing takes, and how long hover, completion and code actions on a draft take
// while indexing goes on. Prints figures; asserts nothing. Needs `npm run build` first.
//
//   node scripts/measure-many-files.mjs [count]
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import {
  CodeActionRequest, CompletionRequest, ConfigurationRequest, createProtocolConnection, DidOpenTextDocumentNotification, ExitNotification, HoverRequest,
  InitializedNotification, InitializeRequest, RegistrationRequest, ShutdownRequest, StreamMessageReader, StreamMessageWriter, WorkDoneProgressCreateRequest,
} from 'vscode-languageserver-protocol/node';

const count = Number(process.argv[2] ?? 100_000);
const repo = resolve(fileURLToPath(import.meta.url), '../..');
const folder = mkdtempSync(join(tmpdir(), 'verbatim-many-'));
cpSync(join(repo, 'examples/newsroom'), folder, { recursive: true });
mkdirSync(join(folder, 'sources/tiny'));
let t = Date.now();
for (let i = 0; i < count; i++) {
  writeFileSync(join(folder, 'sources/tiny', `f${String(i).padStart(6, '0')}.md`), i % 1000 === 0 ? '' : `“Item ${i} is ready,” said clerk ${i % 97}.\n`);
}
console.log(`wrote ${count} files in ${Date.now() - t} ms`);

const child = spawn(process.execPath, [join(repo, 'dist/cli.js'), 'lsp', '--stdio'], { cwd: folder, stdio: ['pipe', 'pipe', 'inherit'] });
const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
let last;
const statuses = [];
connection.onNotification('verbatim/status', (s) => {
  last = s;
  statuses.push({ at: Date.now(), sources: s.sources, indexing: s.indexing, problems: s.problems.length });
  if (statuses.length % 30 === 0) console.log(`  ${Math.round((Date.now() - t) / 1000)} s: ${s.sources} sources`);
});
connection.onNotification('textDocument/publishDiagnostics', () => undefined);
connection.onRequest(ConfigurationRequest.type, (p) => p.items.map(() => ({})));
connection.onRequest(RegistrationRequest.type, () => undefined);
connection.onRequest(WorkDoneProgressCreateRequest.type, () => undefined);
connection.listen();
const root = pathToFileURL(folder).href;
await connection.sendRequest(InitializeRequest.type, {
  processId: process.pid, rootUri: root, workspaceFolders: [{ uri: root, name: 'many' }],
  capabilities: { workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true }, workspaceFolders: true }, window: { workDoneProgress: true } },
});
t = Date.now();
await connection.sendNotification(InitializedNotification.type, {});
const uri = pathToFileURL(join(folder, 'drafts/measure.md')).href;
const text = 'PEN America called VPNs “the last lifeline to a free internet” [@hkfp-2017-vpn]. The MIIT announced “a 12-month nation-wide campaign” [@hkfp-2017-vpn]. Then “Item 4';
await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'markdown', version: 1, text } });

const timings = { hover: [], completion: [], 'code actions': [] };
const timed = async (name, request) => { const s = Date.now(); await request; timings[name].push(Date.now() - s); };
while (!last || last.indexing || last.sources < 3) {
  await timed('hover', connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 70 } }));
  await timed('completion', connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line: 0, character: text.length }, context: { triggerKind: 1 } }));
  await timed('code actions', connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: text.length } }, context: { diagnostics: [] } }));
  if (Date.now() - t > 600_000) break;
  // A writer's pace: a hover, a completion and the editor's code-action request a few times a second.
  await new Promise((r) => setTimeout(r, 250));
}
const indexMs = Date.now() - t;
const serverCpu = (await import('node:fs')).readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(' ');
const ticks = 100;
console.log(`indexed ${last?.sources} sources (${last?.problems.length} problems) in ${indexMs} ms wall; server CPU ${((Number(serverCpu[13]) + Number(serverCpu[14])) / ticks).toFixed(1)} s; ${statuses.length} status notifications`);
for (const [name, list] of Object.entries(timings)) {
  const sorted = [...list].sort((a, b) => a - b);
  console.log(`${name.padEnd(13)} while indexing: ${list.length} requests, median ${sorted[Math.floor(sorted.length / 2)]} ms, max ${sorted.at(-1)} ms`);
}
await connection.sendRequest(ShutdownRequest.type).catch(() => undefined);
await connection.sendNotification(ExitNotification.type).catch(() => undefined);
connection.dispose();
child.kill();
rmSync(folder, { recursive: true, force: true });
