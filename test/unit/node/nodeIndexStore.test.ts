import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { promises as fs, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { decodeIndex, encodeIndex, type CacheEntry } from '../../../src/core/cache/indexCache';
import { indexFileName, NodeIndexStore, type StoreFileSystem } from '../../../src/node/nodeIndexStore';

const stamp = 'test build';

/** A cache of one source whose text is `text`. */
function cacheOf(text: string): { bytes: Uint8Array; entries: CacheEntry[] } {
  const entries: CacheEntry[] = [{
    uri: 'file:///w/sources/a.md', path: 'sources/a.md', fingerprint: `f-${text.length}`,
    result: { doc: { uri: 'file:///w/sources/a.md', path: 'sources/a.md', meta: { key: 'a' }, text, bodyStart: 0, blocks: [{ start: 0, end: text.length, kind: 'paragraph', number: 1 }], passages: [] } },
  }];
  return { bytes: encodeIndex(stamp, entries), entries };
}

/**
 * The file system of a process that dies while saving: after writing `budget` bytes of the
 * temporary file, or (`budget` undefined) right after the rename. Nothing after that happens,
 * not even the clean-up.
 */
function dyingAfter(budget: number | undefined): StoreFileSystem {
  const dead = (): never => { throw new Error('the process died'); };
  return {
    ...fs,
    rm: async () => undefined,
    rename: async (from, to) => {
      if (budget !== undefined) dead();
      await fs.rename(from, to);
      dead();
    },
    open: (async (file: string, flags: string) => {
      const handle = await fs.open(file, flags);
      if (flags !== 'w' || budget === undefined) return handle;
      return Object.assign(Object.create(handle) as typeof handle, {
        write: async (buffer: Uint8Array, offset: number, length: number) => {
          const allowed = Math.max(0, Math.min(length, budget!));
          budget! -= allowed;
          if (allowed > 0) await handle.write(buffer, offset, allowed);
          if (allowed < length) dead();
          return { bytesWritten: allowed, buffer };
        },
        sync: () => handle.sync(),
        close: () => handle.close(),
      });
    }) as StoreFileSystem['open'],
  };
}

describe('the index cache on disk', () => {
  let dir: string;

  beforeEach(() => { dir = mkdtempSync(path.join(tmpdir(), 'verbatim-store-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps nothing without a storage folder', async () => {
    const store = new NodeIndexStore();
    await store.save(cacheOf('x').bytes);
    assert.equal(await store.load(), undefined);
  });

  it('creates its folder and gives back what it saved', async () => {
    const folder = path.join(dir, 'deep', 'storage');
    const { bytes } = cacheOf('The mayor spoke.');
    await new NodeIndexStore(folder).save(bytes);
    assert.deepEqual(await new NodeIndexStore(folder).load(), bytes);
    assert.deepEqual(readdirSync(folder), [indexFileName]);
  });

  it('after a save cut off at any byte, the next start finds the old cache or the new one, whole', async function () {
    // Hundreds of saves and loads on a real disk: a deadline for a loaded machine, not a measurement.
    this.timeout(120_000);
    const old = cacheOf('Old text of the source.');
    const next = cacheOf('New text of the source, which is longer than the old.'.repeat(2));
    await new NodeIndexStore(dir).save(old.bytes);
    for (let cut = 0; cut <= next.bytes.length; cut++) {
      await assert.rejects(new NodeIndexStore(dir, dyingAfter(cut)).save(next.bytes), /died/);
      const decoded = decodeIndex(await new NodeIndexStore(dir).load(), stamp);
      assert.ok(decoded.ok, `a cache is readable after a cut at byte ${cut}`);
      assert.deepEqual(decoded.entries, old.entries, `the old cache after a cut at byte ${cut}`);
      assert.deepEqual(readdirSync(dir), [indexFileName], 'the cut-off temporary file is cleared at the next start');
    }
    await assert.rejects(new NodeIndexStore(dir, dyingAfter(undefined)).save(next.bytes), /died/);
    const decoded = decodeIndex(await new NodeIndexStore(dir).load(), stamp);
    assert.ok(decoded.ok);
    assert.deepEqual(decoded.entries, next.entries, 'the new cache once it has its name');
  });

  it('after the saving process is killed at any moment, the next start finds a whole cache', async function () {
    this.timeout(60_000);
    // Large caches, so that a kill mostly lands in the middle of writing one.
    const a = cacheOf('a'.repeat(1_500_000));
    const b = cacheOf('b'.repeat(2_000_000));
    writeFileSync(path.join(dir, 'a.bin'), a.bytes);
    writeFileSync(path.join(dir, 'b.bin'), b.bytes);
    const folder = path.join(dir, 'storage');
    const storeModule = path.resolve(__dirname, '../../../src/node/nodeIndexStore.js');
    const script = `
      const { readFileSync } = require('node:fs');
      const { NodeIndexStore } = require(${JSON.stringify(storeModule)});
      const store = new NodeIndexStore(${JSON.stringify(folder)});
      const caches = [readFileSync(${JSON.stringify(path.join(dir, 'a.bin'))}), readFileSync(${JSON.stringify(path.join(dir, 'b.bin'))})];
      (async () => { for (let i = 0; ; i++) { await store.save(caches[i % 2]); process.stdout.write('saved\\n'); } })();
    `;
    for (const saves of [1, 2, 3, 5]) {
      const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
      await new Promise<void>((resolve) => {
        let seen = 0;
        child.stdout.on('data', (chunk: Buffer) => {
          seen += chunk.toString().split('saved').length - 1;
          if (seen >= saves) resolve();
        });
      });
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
      const decoded = decodeIndex(await new NodeIndexStore(folder).load(), stamp);
      assert.ok(decoded.ok, `a whole cache after a kill following ${saves} saves`);
      assert.ok([a.entries, b.entries].some((e) => JSON.stringify(e) === JSON.stringify(decoded.entries)));
      assert.ok(existsSync(path.join(folder, indexFileName)));
    }
  });
});
