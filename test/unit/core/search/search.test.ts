import * as assert from 'node:assert/strict';
import { indexedService, joinLines, seedArticle } from '../../helpers';

describe('search', () => {
  it('finds a quotation from words remembered in another order', async () => {
    const service = await indexedService({ 'sources/hkfp.md': seedArticle });
    const [first] = service.search('free internet last lifeline');
    assert.equal(first.passage.text, 'close the last lifeline to a free internet.');
    assert.equal(first.passage.speaker, 'PEN America');
  });

  it('forgives a typo in each word', async () => {
    const service = await indexedService({ 'sources/hkfp.md': seedArticle });
    const [first] = service.search('lifline fre internt');
    assert.equal(first.passage.text, 'close the last lifeline to a free internet.');
  });

  it('uses the speaker and the outlet to narrow the search', async () => {
    const service = await indexedService({ 'sources/hkfp.md': seedArticle });
    const [first] = service.search('PEN America default illegal');
    assert.match(first.passage.text, /^the requirement that all VPNs receive prior government approval/);
  });

  it('lists a quotation repeated in one source once', async () => {
    const repeated = '“We have to protect the reservoir before the summer,” the mayor said.';
    const service = await indexedService({ 'sources/a.md': joinLines(repeated, '', 'Other news followed.', '', repeated) });
    const hits = service.search('protect reservoir summer');
    assert.equal(hits.filter((h) => h.passage.text.startsWith('We have to protect')).length, 1);
  });

  it('keeps the same words from two sources apart', async () => {
    const quote = '“We have to protect the reservoir before the summer,” the mayor said.';
    const service = await indexedService({ 'sources/a.md': quote, 'sources/b.md': quote });
    assert.deepEqual(service.search('protect reservoir').map((h) => h.source.meta.key).sort(), ['a', 'b']);
  });

  it('reads fuse.js operators in a query as plain words', async () => {
    const service = await indexedService({ 'sources/hkfp.md': seedArticle });
    assert.doesNotThrow(() => service.search("'lifeline | !free ^close$ =internet"));
    assert.equal(service.search("'lifeline !free")[0]?.passage.text, 'close the last lifeline to a free internet.');
  });

  it('returns nothing for a query of punctuation only', async () => {
    const service = await indexedService({ 'sources/hkfp.md': seedArticle });
    assert.deepEqual(service.search('“ ” — …'), []);
  });

  it('follows a source as it changes and disappears', async () => {
    const service = await indexedService({ 'sources/a.md': '“The bridge will reopen in May,” the engineer said.' });
    assert.equal(service.search('bridge reopen').length, 1);
    service.removeSource('memory:/sources/a.md');
    assert.equal(service.search('bridge reopen').length, 0);
  });
});
