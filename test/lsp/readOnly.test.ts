import * as assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CodeActionRequest, CompletionRequest, DefinitionRequest, DidOpenTextDocumentNotification, HoverRequest, PublishDiagnosticsNotification,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { auditRequest, reindexRequest } from '../../src/shared/protocol';
import { editorCapabilities, startTestServer } from './lspClient';

const example = path.resolve(__dirname, '../../../examples/newsroom');

/** Every file and folder under `dir` with its size and modification time. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const full = path.join(d, name);
      const s = statSync(full);
      out[path.relative(dir, full)] = `${s.isDirectory() ? 'dir' : s.size} ${s.mtimeMs}`;
      if (s.isDirectory()) walk(full);
    }
  };
  walk(dir);
  return out;
}

describe('the language server in a workspace', () => {
  it('writes nothing into the workspace folder during a whole session, its saved index included', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'verbatim-readonly-'));
    // The editor's private storage for the workspace, where the index is saved.
    const storage = mkdtempSync(path.join(tmpdir(), 'verbatim-storage-'));
    try {
      cpSync(example, folder, { recursive: true });
      const before = snapshot(folder);
      const server = await startTestServer(folder, editorCapabilities, {}, 'cli', { storagePath: storage });
      const published: PublishDiagnosticsParams[] = [];
      const draftUri = pathToFileURL(path.join(folder, 'drafts', 'new.md')).href;
      const diagnosed = new Promise<void>((resolve) => server.connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
        published.push(p);
        if (p.uri === draftUri) resolve();
      }));
      await server.waitForStatus((s) => !s.indexing && s.sources === 2, 'with the example sources indexed');
      const text = 'PEN America said “close the last lifeline to a free internet.” [@hkfp-2017-vpn, para. 7] and “lifeline';
      await server.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: draftUri, languageId: 'markdown', version: 1, text } });
      const at = (character: number) => ({ textDocument: { uri: draftUri }, position: { line: 0, character } });
      await server.connection.sendRequest(CompletionRequest.type, { ...at(text.length), context: { triggerKind: 1 } });
      await server.connection.sendRequest(HoverRequest.type, at(20));
      await server.connection.sendRequest(HoverRequest.type, at(70));
      await server.connection.sendRequest(DefinitionRequest.type, at(70));
      await diagnosed;
      await server.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: draftUri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: text.length } }, context: { diagnostics: [] } });
      const audit = await server.connection.sendRequest(auditRequest);
      assert.ok(audit.drafts >= 1, 'the audit read the drafts');
      await server.connection.sendRequest(reindexRequest);
      await server.stop();
      assert.deepEqual(snapshot(folder), before);
      assert.deepEqual(readdirSync(storage), ['index.vbix']);
    } finally {
      rmSync(folder, { recursive: true, force: true });
      rmSync(storage, { recursive: true, force: true });
    }
  });
});
