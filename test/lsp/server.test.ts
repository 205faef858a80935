import * as assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CompletionRequest, DefinitionRequest, DidChangeWatchedFilesNotification, DidOpenTextDocumentNotification, FileChangeType, HoverRequest,
  type CompletionItem, type CompletionList, type Location, type MarkupContent, type TextDocumentEdit, type TextEdit,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { frontMatterEditRequest } from '../../src/shared/protocol';
import { editorCapabilities, startTestServer, type TestServer } from './lspClient';

const example = path.resolve(__dirname, '../../../examples/newsroom');

/** A fresh copy of the example workspace, so tests may change its files. */
function copyOfExample(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'verbatim-lsp-'));
  cpSync(example, dir, { recursive: true });
  return dir;
}

async function openDraft(server: TestServer, folder: string, text: string): Promise<string> {
  const uri = pathToFileURL(path.join(folder, 'drafts', 'test.md')).href;
  await server.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'markdown', version: 1, text } });
  return uri;
}

describe('language server over stdio', function () {
  let folder: string;
  let server: TestServer;

  beforeEach(async () => {
    folder = copyOfExample();
    server = await startTestServer(folder, editorCapabilities);
    await server.waitForStatus((s) => !s.indexing && s.sources === 2, 'with the example sources indexed');
  });

  afterEach(async () => {
    await server.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('indexes the example workspace and reports it in a status notification', () => {
    const last = server.statuses.at(-1)!;
    assert.equal(last.sources, 2);
    assert.ok(last.passages >= 15);
    assert.deepEqual(last.problems, []);
  });

  it('completes “lifeline with PEN America’s quotation and inserts it with its citation', async () => {
    const text = 'Critics warned it would “lifeline';
    const uri = await openDraft(server, folder, text);
    const list = await server.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri }, position: { line: 0, character: text.length }, context: { triggerKind: 3 },
    }) as CompletionList;
    const first = list.items[0] as CompletionItem;
    assert.equal(first.label, 'close the last lifeline to a free internet.');
    assert.match(first.detail ?? '', /PEN America · Hong Kong Free Press · 25 January 2017/);
    const after = TextDocument.applyEdits(TextDocument.create(uri, 'markdown', 1, text), [first.textEdit as TextEdit]);
    assert.equal(after, 'Critics warned it would “close the last lifeline to a free internet.” [@hkfp-2017-vpn, para. 7]');
  });

  it('shows the source card when hovering a citation', async () => {
    const text = 'See [@hkfp-2017-vpn, para. 7].';
    const uri = await openDraft(server, folder, text);
    const hover = await server.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 8 } });
    const value = (hover!.contents as MarkupContent).value.replace(/\\(.)/g, '$1');
    assert.match(value, /Hong Kong Free Press/);
    assert.match(value, /Catherine Lai/);
    assert.match(value, /25 January 2017/);
  });

  it('goes from a citation to the cited paragraph of the source file', async () => {
    const text = 'See [@hkfp-2017-vpn, para. 7].';
    const uri = await openDraft(server, folder, text);
    const result = await server.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri }, position: { line: 0, character: 8 } }) as Location[];
    assert.equal(result[0].uri, pathToFileURL(path.join(folder, 'sources', 'hkfp-2017-vpn.md')).href);
    const line = readFileSync(path.join(folder, 'sources', 'hkfp-2017-vpn.md'), 'utf8').split('\n')[result[0].range.start.line];
    assert.match(line, /^The rules appear to be mostly targeting/);
  });

  it('asks the editor to watch the source patterns', () => {
    assert.ok(server.registrations.includes('workspace/didChangeWatchedFiles'));
  });

  it('picks up a new source, a broken one and a deleted one from file events', async () => {
    const added = path.join(folder, 'sources', 'council.md');
    writeFileSync(added, '“We will reopen the library in March,” the mayor said.\n');
    const broken = path.join(folder, 'sources', 'broken.md');
    writeFileSync(broken, '---\ntitle: [oops\n---\nText.\n');
    await server.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [
      { uri: pathToFileURL(added).href, type: FileChangeType.Created },
      { uri: pathToFileURL(broken).href, type: FileChangeType.Created },
    ] });
    const status = await server.waitForStatus((s) => s.sources === 3 && s.problems.length === 1, 'with the new source and the broken one');
    assert.equal(status.problems[0].path, 'sources/broken.md');
    unlinkSync(added);
    await server.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: pathToFileURL(added).href, type: FileChangeType.Deleted }] });
    await server.waitForStatus((s) => s.sources === 2 && s.problems.length === 1, 'after the deletion');
  });

  it('answers the edit that names a bibliography in a draft’s front matter, for the version it read', async () => {
    const text = '---\ntitle: Briefing\n---\n\nText.\n';
    const uri = await openDraft(server, folder, text);
    const edit = await server.connection.sendRequest(frontMatterEditRequest, { uri, field: 'bibliography', value: 'references.json' });
    const change = edit?.documentChanges?.[0] as TextDocumentEdit;
    assert.deepEqual(change.textDocument, { uri, version: 1 });
    assert.equal(TextDocument.applyEdits(TextDocument.create(uri, 'markdown', 1, text), change.edits as TextEdit[]), '---\ntitle: Briefing\nbibliography: references.json\n---\n\nText.\n');
    assert.equal(await server.connection.sendRequest(frontMatterEditRequest, { uri: `${uri}.closed.md`, field: 'bibliography', value: 'x.json' }), null, 'a draft that is not open gets no edit');
  });
});

describe('language server without editor file watching', () => {
  it('watches the folder itself and picks up a new source', async () => {
    const folder = copyOfExample();
    const server = await startTestServer(folder, { workspace: { configuration: false } });
    try {
      await server.waitForStatus((s) => !s.indexing && s.sources === 2, 'with the example sources indexed');
      writeFileSync(path.join(folder, 'sources', 'council.md'), '“We will reopen the library in March,” the mayor said.\n');
      await server.waitForStatus((s) => s.sources === 3, 'with the new source');
    } finally {
      await server.stop();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
