import * as assert from 'node:assert/strict';
import { readZoteroLibrary, type ZoteroItem } from '../../../../src/core/zotero/library';
import { formulaKey } from '../../../../src/core/zotero/citeKeys';
import { zoteroCslItem } from '../../../../src/core/zotero/csl';
import { zoteroFixture } from './fixtures';

function items(): ZoteroItem[] {
  const result = readZoteroLibrary(zoteroFixture('library', 'zotero.sqlite'), undefined, zoteroFixture('library', 'better-bibtex.sqlite'));
  assert.ok(result.ok, !result.ok ? result.reason : '');
  return [...result.items];
}
const byKey = (key: string): ZoteroItem => items().find((i) => i.key === key)!;

describe('a Zotero library', () => {
  it('lists the items that can be cited, not notes, annotations, attachments with a parent or the trash', () => {
    assert.deepEqual(items().map((i) => i.key), ['POLICY01', 'WEBPAGE1', 'TIDES001', 'TIDES002', 'CASE0001', 'NOFILE01']);
  });

  it('reads type-specific fields under their base field’s name: a case’s name is its title, a site’s name its publication', () => {
    assert.equal(byKey('CASE0001').fields.title, 'Harbour Trust v. Council');
    assert.equal(byKey('CASE0001').fields.date, '2020-05-04 2020-05-04');
    assert.equal(byKey('WEBPAGE1').fields.publicationTitle, 'Harbour News');
  });

  it('reads creators in order with their roles, a one-field name whole', () => {
    assert.deepEqual(byKey('POLICY01').creators, [
      { firstName: 'Ada', lastName: 'Lovelace', single: false, role: 'author' },
      { firstName: 'Charles', lastName: 'Babbage', single: false, role: 'editor' },
    ]);
    assert.deepEqual(byKey('WEBPAGE1').creators, [{ firstName: '', lastName: 'Harbour News Desk', single: true, role: 'author' }]);
  });

  it('reads the attachment’s file in storage and the highlights on it with their printed page labels', () => {
    const [pdf] = byKey('POLICY01').attachments;
    assert.equal(pdf.file, 'storage/POLATT01/open-data-policy.pdf');
    assert.equal(pdf.textCache, 'storage/POLATT01/.zotero-ft-cache');
    assert.deepEqual(pdf.annotations.map((a) => [a.key, a.pageLabel, a.pageIndex, a.comment]), [['ANNOT001', '12', 0, 'The six-month deadline'], ['ANNOT002', '13', 0, '']]);
  });

  it('takes the citation key from Zotero’s field, then Better BibTeX, then Extra, then the formula', () => {
    assert.deepEqual(items().map((i) => [i.citationKey, i.keySource]), [
      ['harbourPolicy2024', 'zotero'],
      ['harbourWall2023', 'betterbibtex'],
      ['hopperTidesHarbour2019', 'formula'],
      ['hopperTidesHarbour2019a', 'formula'],
      ['trustVCouncil2020', 'extra'],
      ['somervilleBookNoFile', 'formula'],
    ]);
  });

  it('without Better BibTeX’s database, makes the key by the formula', () => {
    const result = readZoteroLibrary(zoteroFixture('library', 'zotero.sqlite'));
    assert.ok(result.ok);
    assert.equal(result.items.find((i) => i.key === 'WEBPAGE1')?.citationKey, 'harbournewsdeskHarbourWallBe2023');
  });

  it('reports a library of a newer schema, a damaged one, and a file that is not Zotero’s, with the reason', () => {
    const newer = readZoteroLibrary(zoteroFixture('newer', 'zotero.sqlite'));
    assert.ok(!newer.ok && newer.code === 'verbatim.zotero.schemaNewer' && /999/.test(newer.reason));
    const library = zoteroFixture('library', 'zotero.sqlite');
    const damaged = readZoteroLibrary(library.subarray(0, library.length / 3));
    assert.ok(!damaged.ok && damaged.code === 'verbatim.zotero.damaged', JSON.stringify(damaged));
    const other = readZoteroLibrary(zoteroFixture('library', 'better-bibtex.sqlite'));
    assert.ok(!other.ok && other.code === 'verbatim.zotero.notZotero');
    assert.ok(!readZoteroLibrary(new Uint8Array(10)).ok);
  });
});

describe('the key formula (Better BibTeX’s default)', () => {
  const item = (title: string, last: string, date = '2008-01-00 2008') => ({ fields: { title, date }, creators: [{ firstName: 'J', lastName: last, single: false, role: 'author' }] });

  it('joins the first author’s family name, three title words that are not function words, and the year', () => {
    assert.equal(formulaKey(item('MapReduce: simplified data processing on large clusters', 'Dean')), 'deanMapReduceSimplifiedData2008');
    assert.equal(formulaKey(item('The role of the state in the economy', 'Müller-Lüdenscheidt', '1999-00-00 1999')), 'mullerludenscheidtRoleStateEconomy1999');
  });
});

describe('a Zotero item as CSL-JSON', () => {
  it('maps the item type and fields as Zotero exports them', () => {
    assert.deepEqual(zoteroCslItem(byKey('POLICY01')), {
      id: 'harbourPolicy2024', type: 'article-journal', title: 'Open Data Policy', 'container-title': 'Harbourside Gazette',
      URL: 'https://example.org/open-data-policy', language: 'en', abstract: Array(80).fill('The council publishes the data it holds.').join(' '),
      author: [{ family: 'Lovelace', given: 'Ada' }], editor: [{ family: 'Babbage', given: 'Charles' }], issued: { 'date-parts': [[2024, 3, 12]] },
    });
    assert.equal(zoteroCslItem(byKey('CASE0001')).type, 'legal_case');
    assert.deepEqual(zoteroCslItem(byKey('WEBPAGE1')).author, [{ literal: 'Harbour News Desk' }]);
  });
});
