import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync, symlinkSync, promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CompletionRequest, DidOpenTextDocumentNotification, type CompletionList } from 'vscode-languageserver-protocol/node';
import { editorCapabilities, startTestServer, type TestServer } from './lspClient';

const example = path.resolve(__dirname, '../../../examples/newsroom');

async function completeLifeline(server: TestServer, folder: string): Promise<CompletionList> {
  const uri = pathToFileURL(path.join(folder, 'drafts', 'cache.md')).href;
  const text = 'Critics warned it would “lifeline';
  await server.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'markdown', version: 1, text } });
  return await server.connection.sendRequest(CompletionRequest.type, {
    textDocument: { uri }, position: { line: 0, character: text.length }, context: { triggerKind: 3 },
  }) as CompletionList;
}

describe('the index cache across sessions', function () {
  let dir: string;
  let folder: string;
  let storage: string;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'verbatim-cache-'));
    folder = path.join(dir, 'workspace');
    storage = path.join(dir, 'storage');
    cpSync(example, folder, { recursive: true });
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('answers the first completion of a reopened workspace from the cache, before any source is read again', async function () {
    // A named pipe holds the second session's reading of sources until the test lets it go.
    if (process.platform === 'win32') this.skip();
    const first = await startTestServer(folder, editorCapabilities, {}, 'cli', { storagePath: storage });
    await first.waitForStatus((s) => !s.indexing && s.sources === 2, 'with the example sources indexed');
    await first.stop();
    assert.deepEqual(readdirSync(storage), ['index.vbix'], 'the index is saved in the storage folder');

    execFileSync('mkfifo', [path.join(folder, 'sources', 'gate.pipe')]);
    // Sources are read in name order: this one first, and reading it waits on the pipe.
    symlinkSync('gate.pipe', path.join(folder, 'sources', 'aaa-gate.md'));
    const second = await startTestServer(folder, editorCapabilities, {}, 'cli', { storagePath: storage });
    try {
      const restored = await second.waitForStatus((s) => s.sources === 2, 'with the cached sources');
      assert.equal(restored.indexing, true);
      assert.equal(restored.unverified, 2, 'both sources come from the cache, unchecked');
      const list = await completeLifeline(second, folder);
      assert.equal(list.items[0]?.label, 'close the last lifeline to a free internet.');
      assert.equal(list.isIncomplete, true);
      assert.ok(second.statuses.every((s) => s.indexing), 'the answer came while the sources were still being checked');
      // Let the reading go on: the pipe ends at once and is reported as not a regular file.
      const writer = await fs.open(path.join(folder, 'sources', 'gate.pipe'), 'w');
      await writer.close();
      const checked = await second.waitForStatus((s) => !s.indexing, 'with every source checked');
      assert.equal(checked.unverified, 0);
      assert.equal(checked.sources, 2);
      assert.deepEqual(checked.problems.map((p) => p.path), ['sources/aaa-gate.md']);
      const progress = second.progress.map((p) => p.kind);
      assert.equal(progress[0], 'begin');
      assert.equal(progress.at(-1), 'end');
    } finally {
      await second.stop();
    }
  });

  it('rebuilds from the sources when the saved index is damaged', async () => {
    const first = await startTestServer(folder, editorCapabilities, {}, 'cli', { storagePath: storage });
    await first.waitForStatus((s) => !s.indexing && s.sources === 2, 'with the example sources indexed');
    await first.stop();
    const file = path.join(storage, 'index.vbix');
    const bytes = await fs.readFile(file);
    await fs.writeFile(file, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const second = await startTestServer(folder, editorCapabilities, {}, 'cli', { storagePath: storage });
    try {
      await second.waitForStatus((s) => !s.indexing && s.sources === 2, 'with the sources read again');
      assert.ok(second.statuses.every((s) => !s.unverified), 'nothing of the damaged index was served');
      assert.equal((await completeLifeline(second, folder)).items[0]?.label, 'close the last lifeline to a free internet.');
    } finally {
      await second.stop();
    }
    const repaired = await startTestServer(folder, editorCapabilities, {}, 'cli', { storagePath: storage });
    try {
      const restored = await repaired.waitForStatus((s) => s.sources === 2, 'with the cached sources');
      assert.equal(restored.unverified, 2, 'the next start uses the index saved after the rebuild');
    } finally {
      await repaired.stop();
    }
  });
});
