import * as assert from 'node:assert/strict';
import { draftWithCursor, indexedService, seedArticle } from '../../helpers';

describe('go to definition', () => {
  it('opens the source of a citation at the cited paragraph', async () => {
    const service = await indexedService({ 'sources/hkfp-2017-vpn.md': seedArticle });
    const { document, position } = draftWithCursor('See [@hkfp-2017-vpn‸, para. 7].');
    const [location] = service.provideDefinition(document, position);
    assert.equal(location.uri, 'memory:/sources/hkfp-2017-vpn.md');
    const line = seedArticle.split('\n')[location.range.start.line];
    assert.match(line, /^The rules appear to be mostly targeting/);
  });

  it('opens the source of a quotation at the quoted words', async () => {
    const service = await indexedService({ 'sources/hkfp-2017-vpn.md': seedArticle });
    const { document, position } = draftWithCursor('“close the last life‸line to a free internet.”');
    const [location] = service.provideDefinition(document, position);
    const line = seedArticle.split('\n')[location.range.start.line];
    assert.equal(line.slice(location.range.start.character, location.range.end.character), 'close the last lifeline to a free internet');
  });

  it('finds nothing in plain prose', async () => {
    const service = await indexedService({ 'sources/hkfp-2017-vpn.md': seedArticle });
    const { document, position } = draftWithCursor('Plain prose‸ only.');
    assert.deepEqual(service.provideDefinition(document, position), []);
  });
});
