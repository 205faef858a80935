import * as assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { defaultZoteroDirectory, NodeZoteroDirectory, zoteroBaseAttachmentPath } from '../../../src/node/zoteroDirectory';
import { ZoteroSources } from '../../../src/core/zotero/sources';
import { createVerbatimService } from '../../../src/core';
import { defaultSettings } from '../../../src/shared/settings';
import { MemoryWorkspace } from '../helpers';

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

  it('gives the size and time of each of many files looked at together, and nothing for one absent or a folder', async () => {
    const zotero = new NodeZoteroDirectory(path.join(dir, 'Zotero'));
    const pdf = 'storage/POLATT01/open-data-policy.pdf';
    const paths = [...Array.from({ length: 300 }, (_, i) => (i % 3 === 0 ? pdf : i % 3 === 1 ? `storage/NOTHERE${i}/x.pdf` : 'storage')), pdf];
    const stats = await zotero.stats(paths);
    const { size, mtimeMs } = statSync(path.join(dir, 'Zotero', pdf));
    assert.equal(stats.length, paths.length);
    for (const [i, p] of paths.entries()) assert.deepEqual(stats[i], p === pdf ? { size, modified: Math.floor(mtimeMs) } : undefined, p);
  });

  it('names every file by the URI the file system gives it, plain or not', () => {
    const zotero = new NodeZoteroDirectory(path.join(dir, 'Zotero'));
    const paths = ['storage/ABCD1234/.zotero-ft-cache', 'storage/ABCD1234/paper_v2-final.pdf', 'storage/ABCD1234/a paper #2?.pdf', 'storage/ABCD1234/Café.pdf',
      'storage/../zotero.sqlite', './storage/x.pdf', 'storage//x.pdf', 'storage/50%.pdf', '.hidden/x', '~/x.pdf', 'storage/a~b.pdf'];
    for (const p of paths) assert.equal(zotero.uri(p), pathToFileURL(path.join(dir, 'Zotero', p)).href, p);
  });

  it('finds ~/Zotero only when it holds a library', async () => {
    assert.equal(await defaultZoteroDirectory(dir), path.join(dir, 'Zotero'));
    rmSync(path.join(dir, 'Zotero', 'zotero.sqlite'));
    assert.equal(await defaultZoteroDirectory(dir), undefined);
  });
});

describe('files linked under Zotero’s base directory', () => {
  let home: string;
  /** A Zotero profile as Zotero writes it on Linux: profiles.ini naming a profile whose prefs.js sets the base directory. */
  const profile = (prefs: string): void => {
    const root = path.join(home, '.zotero', 'zotero');
    mkdirSync(path.join(root, 'Profiles', 'abc123.default'), { recursive: true });
    writeFileSync(path.join(root, 'profiles.ini'), '[General]\nStartWithLastProfile=1\n\n[Profile0]\nName=default\nIsRelative=1\nPath=Profiles/abc123.default\nDefault=1\n');
    writeFileSync(path.join(root, 'Profiles', 'abc123.default', 'prefs.js'), prefs);
  };
  beforeEach(() => {
    home = mkdtempSync(path.join(tmpdir(), 'verbatim-zotero-home-'));
    cpSync(path.join(fixtures, 'linked'), path.join(home, 'Library'), { recursive: true });
    mkdirSync(path.join(home, 'Papers', 'Reports'), { recursive: true });
    writeFileSync(path.join(home, 'Papers', 'Reports', 'harbour-report.html'), '<html lang="en"><head><title>Harbour Report 2022</title></head><body><article><p>The board will dredge the inner basin next spring, at a cost of two million pounds.</p><p>Work on the outer wall is to follow in the autumn.</p></article></body></html>');
  });
  afterEach(() => rmSync(home, { recursive: true, force: true }));

  it('reads the base directory from the preferences of the profile that uses the data directory', async () => {
    const dataDir = path.join(home, 'Library');
    profile(`user_pref("extensions.zotero.dataDir", ${JSON.stringify(dataDir)});\nuser_pref("extensions.zotero.useDataDir", true);\nuser_pref("extensions.zotero.baseAttachmentPath", ${JSON.stringify(path.join(home, 'Papers'))});\n`);
    assert.equal(await zoteroBaseAttachmentPath(dataDir, home, 'linux'), path.join(home, 'Papers'));
    assert.equal(await zoteroBaseAttachmentPath(path.join(home, 'Elsewhere'), home, 'linux'), undefined, 'another data directory');
  });

  it('indexes a linked file from the base directory, and falls back to nothing it cannot find', async () => {
    const dataDir = path.join(home, 'Library');
    profile(`user_pref("extensions.zotero.dataDir", ${JSON.stringify(dataDir)});\nuser_pref("extensions.zotero.baseAttachmentPath", ${JSON.stringify(path.join(home, 'Papers'))});\n`);
    const zotero = new ZoteroSources(new NodeZoteroDirectory(dataDir, home));
    const service = createVerbatimService({ workspace: zotero.workspace(new MemoryWorkspace({})), loadSource: zotero.load, settings: defaultSettings });
    await service.reindex();
    assert.deepEqual(service.sources().map((s) => s.meta.key), ['harbourReport2022']);
    assert.match(service.sources()[0].text, /dredge the inner basin next spring/);
    // Without the preference the file cannot be found, and there is no text cache: no source, no error.
    rmSync(path.join(home, '.zotero'), { recursive: true });
    const unlinked = new ZoteroSources(new NodeZoteroDirectory(dataDir, home));
    const none = createVerbatimService({ workspace: unlinked.workspace(new MemoryWorkspace({})), loadSource: unlinked.load, settings: defaultSettings });
    await none.reindex();
    assert.deepEqual(none.sources(), []);
  });
});
