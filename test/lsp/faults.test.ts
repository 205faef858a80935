import * as assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DidOpenTextDocumentNotification, HoverRequest } from 'vscode-languageserver-protocol/node';
import { editorCapabilities, startTestServer } from './lspClient';

const example = path.resolve(__dirname, '../../../examples/newsroom');

describe('a language server that dies', () => {
  it('fails the request it was answering at once, so the editor can restart it', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'verbatim-kill-'));
    cpSync(example, folder, { recursive: true });
    const server = await startTestServer(folder, editorCapabilities);
    try {
      await server.waitForStatus((s) => !s.indexing && s.sources === 2, 'with the example sources indexed');
      // As VS Code's client does: a closed connection is disposed, which settles what is pending.
      server.connection.onClose(() => server.connection.dispose());
      const uri = pathToFileURL(path.join(folder, 'drafts', 'big.md')).href;
      const text = 'Critics said “close the last lifeline to a free internet” [@hkfp-2017-vpn]. '.repeat(20_000);
      await server.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'markdown', version: 1, text } });
      const pending = server.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: text.length - 20 } });
      server.process.kill('SIGKILL');
      const outcome = await Promise.race([
        pending.then(() => 'answered', () => 'failed'),
        // A deadline, not a delay: a request still pending after this hangs the editor.
        new Promise<string>((resolve) => setTimeout(() => resolve('still pending'), 5_000).unref()),
      ]);
      assert.notEqual(outcome, 'still pending');
    } finally {
      if (server.process.exitCode === null && server.process.signalCode === null) server.process.kill('SIGKILL');
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
