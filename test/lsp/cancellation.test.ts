import * as assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CancellationTokenSource, CodeActionRequest, CompletionRequest, DidChangeTextDocumentNotification, DidOpenTextDocumentNotification, HoverRequest,
  LSPErrorCodes, ResponseError,
} from 'vscode-languageserver-protocol/node';
import { editorCapabilities, startTestServer, type TestServer } from './lspClient';

const example = path.resolve(__dirname, '../../../examples/newsroom');

/**
 * A draft whose check takes a while (seconds, not milliseconds): hundreds of cited quotations,
 * none of them in the source, so each is searched for in earnest.
 */
const longDraft = Array.from({ length: 300 }, (_, i) => `The office said “regulators in district ${i} will publish revised guidance on encrypted tunnels” [@hkfp-2017-vpn].`).join('\n\n');

/** How a request settled, in the order the answers arrived. */
interface Settled { readonly name: string; readonly error?: unknown; readonly result?: unknown }

describe('requests that the writer has overtaken', () => {
  let folder: string;
  let server: TestServer;

  beforeEach(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'verbatim-cancel-'));
    cpSync(example, folder, { recursive: true });
    server = await startTestServer(folder, editorCapabilities);
    await server.waitForStatus((s) => !s.indexing && s.sources === 2, 'with the example sources indexed');
  });

  afterEach(async () => {
    await server.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  const open = async (name: string, text: string): Promise<string> => {
    const uri = pathToFileURL(path.join(folder, 'drafts', name)).href;
    await server.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    return uri;
  };

  it('answers other requests while a long check runs, and a cancelled check answers RequestCancelled', async () => {
    const long = await open('long.md', longDraft);
    const small = await open('small.md', 'PEN America called VPNs “the last lifeline” [@hkfp-2017-vpn].');
    const order: Settled[] = [];
    const settle = <T>(name: string, request: Promise<T>): Promise<void> => request.then(
      (result) => { order.push({ name, result }); },
      (error: unknown) => { order.push({ name, error }); },
    );
    const source = new CancellationTokenSource();
    const end = { line: longDraft.split('\n').length, character: 0 };
    const check = settle('code actions', server.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: long }, range: { start: { line: 0, character: 0 }, end }, context: { diagnostics: [] } }, source.token));
    // Sent after the long request: a server that cannot interleave answers it only afterwards.
    await settle('hover', server.connection.sendRequest(HoverRequest.type, { textDocument: { uri: small }, position: { line: 0, character: 50 } }));
    assert.deepEqual(order.map((s) => s.name), ['hover'], 'the hover is answered while the check is still running');
    source.cancel();
    await check;
    const answer = order[1];
    assert.equal(answer.name, 'code actions');
    assert.ok(answer.error instanceof ResponseError, `the check answered ${JSON.stringify(answer.result)?.slice(0, 200)} instead of an error`);
    assert.equal(answer.error.code, LSPErrorCodes.RequestCancelled);
  });

  it('answers nothing to a completion request once the draft has changed', async function () {
    // Stopping and resuming the server takes POSIX signals.
    if (process.platform === 'win32') this.skip();
    const text = `${longDraft}\n\nCritics called VPNs “the last lifel`;
    const uri = await open('typing.md', text);
    const lines = text.split('\n');
    const position = { line: lines.length - 1, character: lines.at(-1)!.length };
    // The request and the keystroke after it reach the server together, as when the writer types
    // on before it answers: stopped while both are written, the server finds both waiting when it
    // goes on (sent one after the other to a running server, the request could be answered before
    // the keystroke arrives, and the test would pass or fail by the machine's load).
    server.process.kill('SIGSTOP');
    let completion: Promise<unknown>;
    try {
      completion = server.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position, context: { triggerKind: 1 } });
      await server.connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri, version: 2 },
        contentChanges: [{ range: { start: position, end: position }, text: 'i' }],
      });
    } finally {
      server.process.kill('SIGCONT');
    }
    assert.equal(await completion, null);
    // The same request for the current version is answered.
    const current = await server.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { ...position, character: position.character + 1 }, context: { triggerKind: 1 } });
    assert.ok(current && 'items' in current && current.items.some((item) => item.label.includes('lifeline')), 'the current version gets its completion');
  });
});
