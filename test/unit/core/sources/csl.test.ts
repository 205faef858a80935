import * as assert from 'node:assert/strict';
import { cslBibliography, cslDate, cslItem, cslNames } from '../../../../src/core/citations/csl';
import { indexedService, seedArticle } from '../../helpers';

describe('CSL-JSON bibliography', () => {
  it('writes a news source as a newspaper article Pandoc can cite', async () => {
    const service = await indexedService({ 'sources/hkfp-2017-vpn.md': seedArticle });
    assert.deepEqual(cslBibliography(service.sources()), [{
      id: 'hkfp-2017-vpn',
      type: 'article-newspaper',
      title: 'China’s IT ministry says VPN crackdown will not affect normal operations of foreign companies',
      author: [{ family: 'Lai', given: 'Catherine' }],
      'container-title': 'Hong Kong Free Press',
      issued: { 'date-parts': [[2017, 1, 25]] },
      URL: 'https://hongkongfp.com/2017/01/25/chinas-it-ministry-says-vpn-crackdown-will-not-affect-normal-operations-of-foreign-companies/',
      language: 'en',
    }]);
  });

  it('writes a source of numbered provisions as legislation, its author an organisation', async () => {
    const rule = ['---', 'id: udhr-1948', 'title: Universal Declaration of Human Rights', 'author: United Nations General Assembly', 'outlet: United Nations', 'date: 1948-12-10', '---', '', 'Article 19', '', 'Everyone has the right to freedom of opinion and expression.'].join('\n');
    const [item] = cslBibliography((await indexedService({ 'sources/udhr.md': rule })).sources());
    assert.equal(item.type, 'legislation');
    assert.deepEqual(item.author, [{ literal: 'United Nations General Assembly' }]);
    assert.equal(item.publisher, 'United Nations');
    assert.equal(item['container-title'], undefined);
  });

  it('splits authors into family and given names, keeping organisations and particles whole', () => {
    assert.deepEqual(cslNames('Catherine Lai; Tom Grundy'), [{ family: 'Lai', given: 'Catherine' }, { family: 'Grundy', given: 'Tom' }]);
    assert.deepEqual(cslNames('Catherine Lai and Tom Grundy'), cslNames('Catherine Lai, Tom Grundy'));
    assert.deepEqual(cslNames('Lai, Catherine'), [{ family: 'Lai', given: 'Catherine' }]);
    assert.deepEqual(cslNames('Ursula von der Leyen'), [{ family: 'Leyen', given: 'Ursula', 'non-dropping-particle': 'von der' }]);
    assert.deepEqual(cslNames('PEN America'), [{ literal: 'PEN America' }]);
    assert.deepEqual(cslNames('Reuters Staff'), [{ literal: 'Reuters Staff' }]);
    assert.deepEqual(cslNames('新华社'), [{ literal: '新华社' }]);
  });

  it('keeps a magazine named with "&" whole, drops degrees and keeps capitalised particles in the family name', () => {
    assert.deepEqual(cslNames('Mac & i'), [{ literal: 'Mac & i' }]);
    assert.deepEqual(cslNames('Brenda Goodman, MA'), [{ family: 'Goodman', given: 'Brenda' }]);
    assert.deepEqual(cslNames('Jane Doe PhD'), [{ family: 'Doe', given: 'Jane' }]);
    assert.deepEqual(cslNames('Mark Di Stefano'), [{ family: 'Di Stefano', given: 'Mark' }]);
    assert.deepEqual(cslNames('Martin Luther King Jr.'), [{ family: 'King', given: 'Martin Luther', suffix: 'Jr.' }]);
    assert.deepEqual(cslNames('Ann Lee & Bo Chan'), [{ family: 'Lee', given: 'Ann' }, { family: 'Chan', given: 'Bo' }]);
    assert.deepEqual(cslNames('Contributors to Wikimedia projects'), [{ literal: 'Contributors to Wikimedia projects' }]);
  });

  it('reads dates as date parts, and keeps other dates as written', () => {
    assert.deepEqual(cslDate('2017-01-25'), { 'date-parts': [[2017, 1, 25]] });
    assert.deepEqual(cslDate('2017-01'), { 'date-parts': [[2017, 1]] });
    assert.deepEqual(cslDate('2017'), { 'date-parts': [[2017]] });
    assert.deepEqual(cslDate('Spring 2017'), { raw: 'Spring 2017' });
  });

  it('is a web page with only a URL, a document with nothing, and never links anything but http(s)', () => {
    assert.equal(cslItem({ key: 'a', url: 'https://example.org/a' }).type, 'webpage');
    assert.deepEqual(cslItem({ key: 'b', url: 'javascript:alert(1)' }), { id: 'b', type: 'document' });
  });

  it('writes one item per citation key', async () => {
    const service = await indexedService({ 'sources/a.md': seedArticle, 'sources/b.md': seedArticle });
    assert.deepEqual(cslBibliography(service.sources()).map((i) => i.id), ['hkfp-2017-vpn']);
  });
});
