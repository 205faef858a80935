import * as assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DidChangeWatchedFilesNotification, FileChangeType, WatchKind } from 'vscode-languageserver-protocol/node';
import { passagesRequest, sourcesRequest } from '../../src/shared/protocol';
import { editorCapabilities, startTestServer, type TestServer } from './lspClient';

const example = path.resolve(__dirname, '../../../examples/newsroom');

describe('the Sources view’s requests over stdio', () => {
  let folder: string;
  let server: TestServer | undefined;

  afterEach(async () => {
    await server?.stop();
    server = undefined;
    rmSync(folder, { recursive: true, force: true });
  });

  it('lists the example’s sources, then a source’s passages with the range of their words', async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'verbatim-view-'));
    cpSync(example, folder, { recursive: true });
    writeFileSync(path.join(folder, 'sources', 'empty.md'), '');
    server = await startTestServer(folder, editorCapabilities);
    await server.waitForStatus((s) => !s.indexing && s.sources === 2, 'with the example sources indexed');
    const sources = await server.connection.sendRequest(sourcesRequest);
    assert.deepEqual(sources.map((s) => [s.path, s.broken]), [['sources/empty.md', true], ['sources/hkfp-2017-vpn.md', false], ['sources/udhr-1948.md', false]]);
    const hkfp = sources[1];
    assert.equal(hkfp.description, 'Hong Kong Free Press · 25 January 2017');
    const listing = await server.connection.sendRequest(passagesRequest, { uri: hkfp.uri });
    assert.ok(listing);
    assert.equal(listing.passages.length, hkfp.passages);
    const lifeline = listing.passages.find((p) => p.text.includes('lifeline'));
    assert.ok(lifeline);
    assert.equal(lifeline.speaker, 'PEN America');
    const line = readFileSync(path.join(folder, 'sources', 'hkfp-2017-vpn.md'), 'utf8').split('\n')[lifeline.range.start.line];
    assert.equal(line.slice(lifeline.range.start.character, lifeline.range.end.character), lifeline.text);
    const few = await server.connection.sendRequest(passagesRequest, { uri: hkfp.uri, limit: 2 });
    assert.deepEqual([few?.passages.length, few?.more], [2, hkfp.passages - 2]);
    assert.equal(await server.connection.sendRequest(passagesRequest, { uri: pathToFileURL(path.join(folder, 'nowhere.md')).href }), null);
  });

  it('counts the sources read while a large library is indexed', async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'verbatim-view-'));
    mkdirSync(path.join(folder, 'sources'));
    const total = 120;
    for (let i = 0; i < total; i++) {
      writeFileSync(path.join(folder, 'sources', `s${String(i).padStart(3, '0')}.md`), `“Source number ${i} speaks,” said Speaker ${i}.\n`);
    }
    server = await startTestServer(folder, editorCapabilities);
    await server.waitForStatus((s) => !s.indexing && s.sources === total, 'with every source indexed', 30_000);
    const during = server.statuses.filter((s) => s.indexing && s.progress);
    assert.ok(during.length >= 2, `progress was reported while indexing: ${JSON.stringify(server.statuses.map((s) => s.progress))}`);
    for (const s of during) assert.equal(s.progress?.total, total);
    const done = during.map((s) => s.progress!.done);
    assert.deepEqual(done, [...done].sort((a, b) => a - b), 'the count only goes up');
    assert.equal(server.statuses.at(-1)?.progress, undefined, 'no count once indexing is over');
  });

  it('drops every source of a deleted folder when the editor reports only the folder', async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'verbatim-view-'));
    cpSync(example, folder, { recursive: true });
    const library = path.join(folder, 'sources', 'library');
    mkdirSync(library);
    for (const name of ['a.md', 'b.md']) writeFileSync(path.join(library, name), `“Words of ${name},” said Someone.\n`);
    server = await startTestServer(folder, editorCapabilities);
    await server.waitForStatus((s) => !s.indexing && s.sources === 4, 'with the library indexed');
    // What the editor is asked to report: deletions of the sources folder and of folders in it.
    const watchers = server.registrationOptions.flatMap((o) => (o as { watchers?: { globPattern: string; kind?: number }[] }).watchers ?? []);
    assert.ok(watchers.some((w) => w.globPattern === '**/sources/**' && w.kind === WatchKind.Delete), JSON.stringify(watchers));
    assert.ok(watchers.some((w) => w.globPattern === '**/sources' && w.kind === WatchKind.Delete), JSON.stringify(watchers));
    rmSync(library, { recursive: true });
    await server.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: pathToFileURL(library).href, type: FileChangeType.Deleted }] });
    await server.waitForStatus((s) => s.sources === 2, 'without the deleted folder’s sources');
    const sources = await server.connection.sendRequest(sourcesRequest);
    assert.deepEqual(sources.map((s) => s.path), ['sources/hkfp-2017-vpn.md', 'sources/udhr-1948.md']);
  });
});
