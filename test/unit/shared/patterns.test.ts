import * as assert from 'node:assert/strict';
import { patternFolder, watchedGlobs } from '../../../src/shared/patterns';
import { changesIndex, defaultSettings } from '../../../src/shared/settings';

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

describe('what the server asks the editor to watch', () => {
  it('is every source file, and deletions in and of the folders the patterns read', () => {
    assert.deepEqual(watchedGlobs(['sources/**/*.md', '**/*.txt']), [
      { globPattern: '**/sources/**/*.md', deletionsOnly: false },
      { globPattern: '**/*.txt', deletionsOnly: false },
      { globPattern: '**/sources', deletionsOnly: true },
      { globPattern: '**/sources/**', deletionsOnly: true },
    ]);
  });
});

describe('a change of settings', () => {
  it('needs the sources read again only when the patterns or the size limit change', () => {
    assert.equal(changesIndex(defaultSettings, { ...defaultSettings, citationStyle: 'footnote' }), false);
    assert.equal(changesIndex(defaultSettings, { ...defaultSettings, sources: ['notes/**/*.md'] }), true);
    assert.equal(changesIndex(defaultSettings, { ...defaultSettings, maxSourceSizeKB: 1 }), true);
  });
});
