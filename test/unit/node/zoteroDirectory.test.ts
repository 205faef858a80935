import * as assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { defaultZoteroDirectory, NodeZoteroDirectory } from '../../../src/node/zoteroDirectory';

const fixtures = path.join(__dirname, '../../../../test/fixtures/zotero');

describe('a Zotero data directory on disk', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'verbatim-zotero-'));
    cpSync(path.join(fixtures, 'library'), path.join(dir, 'Zotero'), { recursive: true });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('copies the database with its log and Better BibTeX’s file, leaving the files as they were', async () => {
    cpSync(path.join(fixtures, 'wal', 'zotero.sqlite-wal'), path.join(dir, 'Zotero', 'zotero.sqlite-wal'));
    const before = statSync(path.join(dir, 'Zotero', 'zotero.sqlite'));
    const zotero = new NodeZoteroDirectory(path.join(dir, 'Zotero'));
    const bytes = await zotero.readDatabase();
    assert.equal(bytes.database.length, before.size);
    assert.ok(bytes.wal && bytes.wal.length > 0);
    assert.ok(bytes.betterBibtex && bytes.betterBibtex.length > 0);
    const after = statSync(path.join(dir, 'Zotero', 'zotero.sqlite'));
    assert.equal(after.mtimeMs, before.mtimeMs);
  });

  it('changes its stamp when the log appears, and names files by their file URI', async () => {
    const zotero = new NodeZoteroDirectory(path.join(dir, 'Zotero'));
    const first = await zotero.databaseStamp();
    assert.equal(await zotero.databaseStamp(), first);
    cpSync(path.join(fixtures, 'wal', 'zotero.sqlite-wal'), path.join(dir, 'Zotero', 'zotero.sqlite-wal'));
    assert.notEqual(await zotero.databaseStamp(), first);
    assert.equal(zotero.uri('storage/POLATT01/open-data-policy.pdf'), pathToFileURL(path.join(dir, 'Zotero', 'storage', 'POLATT01', 'open-data-policy.pdf')).href);
    assert.equal(await zotero.stat('storage/NOTHERE1/x.pdf'), undefined);
  });

  it('finds ~/Zotero only when it holds a library', async () => {
    assert.equal(await defaultZoteroDirectory(dir), path.join(dir, 'Zotero'));
    rmSync(path.join(dir, 'Zotero', 'zotero.sqlite'));
    assert.equal(await defaultZoteroDirectory(dir), undefined);
  });
});
