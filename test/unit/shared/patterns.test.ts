import * as assert from 'node:assert/strict';
import { patternFolder } from '../../../src/shared/patterns';

describe('the folder a source pattern reads from', () => {
  it('is the part before the first wildcard', () => {
    assert.equal(patternFolder('sources/**/*.md'), 'sources');
    assert.equal(patternFolder('research/interviews/*.txt'), 'research/interviews');
    assert.equal(patternFolder('./library/{a,b}/*.md'), 'library');
  });

  it('is none for a pattern with no fixed folder, an absolute one, or one that leaves the workspace', () => {
    for (const pattern of ['**/*.md', '*.md', '/srv/sources/*.md', 'C:/data/*.md', '../elsewhere/*.md', 'sources/../../x/*.md']) {
      assert.equal(patternFolder(pattern), undefined, pattern);
    }
  });
});
