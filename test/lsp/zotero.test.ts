import * as assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CompletionRequest, DidOpenTextDocumentNotification, type CompletionList, type TextEdit } from 'vscode-languageserver-protocol/node';
import { bibliographyRequest } from '../../src/shared/protocol';
import { editorCapabilities, startTestServer, type TestServer } from './lspClient';

const fixtures = path.resolve(__dirname, '../../../test/fixtures/zotero');

describe('a Zotero library in the language server', function () {
  this.timeout(60_000);
  let folder: string;
  let server: TestServer;

  before(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'verbatim-zotero-lsp-'));
    mkdirSync(path.join(folder, 'sources'));
    mkdirSync(path.join(folder, 'drafts'));
    writeFileSync(path.join(folder, 'sources', 'note.md'), 'She said: “The harbour is open again.”\n');
    cpSync(path.join(fixtures, 'library'), path.join(folder, 'Zotero'), { recursive: true });
    server = await startTestServer(folder, editorCapabilities, { zotero: { dataDirectory: path.join(folder, 'Zotero') } }, 'server');
    await server.waitForStatus((s) => !s.indexing && s.sources === 6, 'with the workspace’s source and the library’s five items', 30_000);
  });

  after(async () => {
    await server.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('completes a highlighted quotation from the library, cited by its printed page', async () => {
    const text = 'The policy says “register datasets six months';
    const uri = pathToFileURL(path.join(folder, 'drafts', 'essay.md')).href;
    await server.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    const list = await server.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line: 0, character: text.length }, context: { triggerKind: 3 } }) as CompletionList;
    assert.equal((list.items[0].textEdit as TextEdit).newText, 'The council shall publish a register of the datasets it holds within six months of the adoption of this policy.” [@harbourPolicy2024, p. 12]');
  });

  it('writes the library’s items in the bibliography as Zotero exports them', async () => {
    const { items } = await server.connection.sendRequest(bibliographyRequest.method) as { items: { id: string; type: string }[] };
    assert.deepEqual(items.map((i) => [i.id, i.type]).sort(), [
      ['harbourPolicy2024', 'article-journal'], ['harbourWall2023', 'webpage'], ['hopperTidesHarbour2019', 'article-journal'],
      ['hopperTidesHarbour2019a', 'article-journal'], ['note', 'document'], ['trustVCouncil2020', 'legal_case'],
    ]);
  });
});
