import * as assert from 'node:assert/strict';
import { indexedService, joinLines, seedArticle } from '../helpers';

describe('sources', () => {
  it('reads the citation key and metadata from front matter', async () => {
    const service = await indexedService({ 'sources/a.md': seedArticle });
    const [source] = service.sources();
    assert.equal(source.meta.key, 'hkfp-2017-vpn');
    assert.equal(source.meta.outlet, 'Hong Kong Free Press');
    assert.equal(source.meta.author, 'Catherine Lai');
    assert.equal(source.meta.date, '2017-01-25');
  });

  it('derives the key from the file name when front matter has no id', async () => {
    const service = await indexedService({ 'sources/hkfp-2017-vpn.txt': 'The rules took effect immediately, rendering most VPN services illegal.' });
    assert.equal(service.sources()[0].meta.key, 'hkfp-2017-vpn');
  });

  it('reports a source with broken front matter and keeps indexing the others', async () => {
    const service = await indexedService({
      'sources/broken.md': joinLines('---', 'title: [unclosed', '---', 'Text.'),
      'sources/unclosed.md': joinLines('---', 'title: x', 'No closing line.'),
      'sources/good.md': seedArticle,
    });
    const problems = service.status().problems;
    assert.deepEqual(problems.map((p) => [p.path, p.code]), [
      ['sources/broken.md', 'verbatim.source.frontMatter'],
      ['sources/unclosed.md', 'verbatim.source.frontMatter'],
    ]);
    assert.match(problems[0].message, /not valid YAML/);
    assert.equal(service.sources().length, 1);
    assert.ok(service.search('lifeline').length > 0);
  });

  it('skips empty, binary, non-UTF-8 and oversized files with a reason each', async () => {
    const service = await indexedService({
      'sources/empty.md': '',
      'sources/binary.txt': new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]),
      'sources/latin1.txt': new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x20, 0x2e]),
      'sources/huge.txt': 'x'.repeat(3 * 1024),
    }, { maxSourceSizeKB: 2 });
    const byPath = Object.fromEntries(service.status().problems.map((p) => [p.path, p.message]));
    assert.match(byPath['sources/empty.md'], /empty/);
    assert.match(byPath['sources/binary.txt'], /binary/);
    assert.match(byPath['sources/latin1.txt'], /UTF-8/);
    assert.match(byPath['sources/huge.txt'], /larger than the limit of 2 KB/);
    assert.equal(service.sources().length, 0);
  });

  it('reports both sources that share one key, and keeps both searchable', async () => {
    const service = await indexedService({
      'sources/a.md': joinLines('---', 'id: same', '---', '“We will not comply with these rules,” the union said.'),
      'sources/b.md': joinLines('---', 'id: same', '---', '“Nobody asked us about the rules,” the mayor said.'),
    });
    const problems = service.status().problems.filter((p) => p.code === 'verbatim.source.duplicateKey');
    assert.deepEqual(problems.map((p) => p.path), ['sources/a.md', 'sources/b.md']);
    assert.equal(problems[0].skipped, false);
    assert.equal(service.search('comply').length, 1);
    assert.equal(service.search('nobody asked').length, 1);
  });
});
