import * as assert from 'node:assert/strict';
import { SqliteDatabase, SqliteError, columnsOf } from '../../../../src/core/zotero/sqlite';
import { readZoteroLibrary } from '../../../../src/core/zotero/library';
import { zoteroFixture } from './fixtures';

describe('the SQLite reader', () => {
  const library = zoteroFixture('library', 'zotero.sqlite');

  it('reads every row of a table spread over many pages, in rowid order, with the rowid column filled in', () => {
    const db = new SqliteDatabase(library);
    const fields = db.rows('fieldsCombined');
    assert.ok(fields.length > 100, `${fields.length} fields`);
    const items = db.rows('items');
    assert.deepEqual(items.map((r) => r.itemID), items.map((r) => r.rowid));
    assert.deepEqual(items.map((r) => r.rowid), [...items.map((r) => r.rowid)].sort((a, b) => a - b));
    assert.ok(items.some((r) => r.key === 'POLICY01' && typeof r.itemTypeID === 'number'));
  });

  it('reads a value longer than a page from its overflow pages', () => {
    const values = new SqliteDatabase(library).rows('itemDataValues').map((r) => r.value);
    const abstract = values.find((v): v is string => typeof v === 'string' && v.startsWith('The council publishes'));
    assert.equal(abstract, Array(80).fill('The council publishes the data it holds.').join(' '));
  });

  it('applies the committed transactions of the write-ahead log, and not one whose commit frame is missing', () => {
    const db = new SqliteDatabase(zoteroFixture('wal', 'zotero.sqlite'), zoteroFixture('wal', 'zotero.sqlite-wal'));
    const titles = db.rows('itemDataValues').map((r) => r.value);
    assert.ok(titles.includes('Harbour wall rebuilt at last'));
    assert.ok(!titles.includes('A title never committed'));
    assert.ok(!db.rows('items').some((r) => String(r.key).startsWith('UNCOMM')));
  });

  it('reads the database as it was before the log without the log', () => {
    const titles = new SqliteDatabase(zoteroFixture('wal', 'zotero.sqlite')).rows('itemDataValues').map((r) => r.value);
    assert.ok(titles.includes('Harbour wall to be rebuilt'));
    assert.ok(!titles.includes('Harbour wall rebuilt at last'));
  });

  it('ignores a log whose frames do not belong to the database’s log (salts changed by a checkpoint)', () => {
    const wal = zoteroFixture('wal', 'zotero.sqlite-wal').slice();
    wal[32 + 8] ^= 0xff;
    const titles = new SqliteDatabase(zoteroFixture('wal', 'zotero.sqlite'), wal).rows('itemDataValues').map((r) => r.value);
    assert.ok(titles.includes('Harbour wall to be rebuilt'));
  });

  it('refuses bytes that are not a database, and a database cut short, with the reason', () => {
    assert.throws(() => new SqliteDatabase(new TextEncoder().encode('plain text, not a database')), /not an SQLite database/);
    const cut = library.subarray(0, 512 * 40);
    assert.throws(() => new SqliteDatabase(cut).rows('itemDataValues'), (error: unknown) => error instanceof SqliteError && /beyond the end|cut short/.test(error.message));
  });

  it('refuses a cycle of pages in a damaged file instead of running forever', () => {
    const damaged = library.slice();
    const db = new SqliteDatabase(library);
    // Make every interior page point back to page 2 — a loop no real B-tree has.
    for (let page = 2; page <= damaged.length / 512; page++) {
      const at = (page - 1) * 512;
      if (damaged[at] === 0x05) damaged.set([0, 0, 0, page], at + 8);
    }
    assert.ok(db.rows('itemDataValues').length > 0);
    assert.throws(() => new SqliteDatabase(damaged).rows('itemDataValues'), SqliteError);
  });

  it('answers with a reason or rows, never hangs or throws otherwise, whichever byte of the file is damaged', function () {
    // Each damaged copy is read whole; a busy machine may need a while for them all.
    this.timeout(60_000);
    const pages = library.length / 512;
    for (let i = 0; i < 200; i++) {
      const damaged = library.slice();
      // Deterministic spots: every page, at offsets in its header, its cell pointers and its cells.
      const at = (i % pages) * 512 + [0, 3, 5, 8, 9, 12, 20, 100, 300, 508][i % 10];
      damaged[at] ^= 0x5a + i;
      const result = readZoteroLibrary(damaged);
      assert.ok(result.ok || typeof result.reason === 'string');
    }
  });

  it('finds the columns of a table definition, and the one that is the rowid', () => {
    assert.deepEqual(columnsOf('CREATE TABLE t (\n  id INTEGER PRIMARY KEY, -- the id, a comment\n  "odd, name" TEXT,\n  value,\n  UNIQUE (value),\n  FOREIGN KEY (value) REFERENCES x(y)\n)'), { columns: ['id', 'odd, name', 'value'], rowidColumn: 0 });
    assert.equal(columnsOf('CREATE TABLE t (id INT, PRIMARY KEY (id))').rowidColumn, -1);
  });
});
