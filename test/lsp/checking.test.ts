import * as assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CodeActionRequest, DidChangeTextDocumentNotification, DidOpenTextDocumentNotification, PublishDiagnosticsNotification,
  type CodeAction, type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { auditRequest } from '../../src/shared/protocol';
import { editorCapabilities, startTestServer, type TestServer } from './lspClient';

const example = path.resolve(__dirname, '../../../examples/newsroom');

describe('checking drafts over stdio', () => {
  let folder: string;
  let server: TestServer;
  const published: PublishDiagnosticsParams[] = [];
  const waiters: { test: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void }[] = [];

  /** The first diagnostics (already published or still to come) that pass `test`, within a deadline. */
  function diagnosticsWhere(test: (p: PublishDiagnosticsParams) => boolean, what: string): Promise<PublishDiagnosticsParams> {
    const seen = published.find(test);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics ${what} within 10 s`)), 10_000);
      waiters.push({ test, resolve: (p) => { clearTimeout(timer); resolve(p); } });
    });
  }

  beforeEach(async () => {
    published.length = 0;
    folder = mkdtempSync(path.join(tmpdir(), 'verbatim-check-'));
    cpSync(example, folder, { recursive: true });
    server = await startTestServer(folder, editorCapabilities);
    server.connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      published.push(p);
      for (const w of [...waiters]) if (w.test(p)) { waiters.splice(waiters.indexOf(w), 1); w.resolve(p); }
    });
    await server.waitForStatus((s) => !s.indexing && s.sources === 2, 'with the example sources indexed');
  });

  afterEach(async () => {
    await server.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('publishes a diagnostic for each problem quotation of the example draft', async () => {
    const uri = pathToFileURL(path.join(folder, 'drafts', 'report.md')).href;
    const text = readFileSync(path.join(folder, 'drafts', 'report.md'), 'utf8');
    await server.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    const { diagnostics } = await diagnosticsWhere((p) => p.uri === uri && p.diagnostics.length > 0, 'for the example draft');
    assert.deepEqual(diagnostics.map((d) => d.code), [
      'verbatim.altered', 'verbatim.edited', 'verbatim.misattributed', 'verbatim.not-found', 'verbatim.edited', 'verbatim.wrong-source',
    ]);
    const actions = await server.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: diagnostics[0].range, context: { diagnostics: [diagnostics[0]] } }) as CodeAction[];
    assert.equal(actions[0].title, 'Replace with the source’s exact words');
  });

  it('checks a burst of edits at most twice, and the last diagnostics match the last text', async () => {
    const uri = pathToFileURL(path.join(folder, 'drafts', 'burst.md')).href;
    await server.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'markdown', version: 1, text: '' } });
    const base = 'The MIIT announced “a 12-month nation-wide campaign” [@hkfp-2017-vpn].';
    for (let version = 2; version <= 51; version++) {
      const text = version === 51 ? base : `${base} ${'x'.repeat(version)}`;
      await server.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
    }
    const last = await diagnosticsWhere((p) => p.uri === uri && p.version === 51, 'for the last version');
    assert.deepEqual(last.diagnostics.map((d) => d.code), ['verbatim.altered']);
    assert.ok(published.filter((p) => p.uri === uri).length <= 2, `published ${published.filter((p) => p.uri === uri).length} times`);
  });

  it('audits every draft of the workspace into a report', async () => {
    const result = await server.connection.sendRequest(auditRequest);
    assert.equal(result.drafts, 1);
    assert.equal(result.quotations, 9);
    assert.match(result.report, /^# Quotation audit/);
    // The message quotes the source's sentence that names the speaker.
    assert.match(result.report, /\| \*\*misattributed\*\*: Misattributed: the source gives these words to PEN America, not Charlie Smith: “[^|]*PEN America said in a statement[^|]*”\. \|/);
  });
});
