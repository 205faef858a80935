import * as assert from 'node:assert/strict';
import { insertsCitedQuote, sourceFolderOf } from '../../../src/client/walkthroughPaths';
import { defaultSettings } from '../../../src/shared/settings';

describe('where the walkthrough puts sources', () => {
  it('uses the folder the default source patterns read', () => {
    assert.equal(sourceFolderOf(defaultSettings.sources), 'sources');
  });

  it('follows a setting that names another folder', () => {
    assert.equal(sourceFolderOf(['research/interviews/**/*.txt']), 'research/interviews');
    assert.equal(sourceFolderOf(['./library/*.md']), 'library');
  });

  it('skips patterns with no fixed folder, absolute ones and ones that leave the workspace', () => {
    assert.equal(sourceFolderOf(['**/*.md', '/srv/sources/*.md', '../elsewhere/*.md', 'C:/data/*.md', 'notes/*.md']), 'notes');
    assert.equal(sourceFolderOf(['**/*.md']), 'sources');
    assert.equal(sourceFolderOf([]), 'sources');
  });
});

describe('noticing a cited quotation typed into a draft', () => {
  it('sees what completion and the picker insert, in every citation style', () => {
    assert.ok(insertsCitedQuote('“close the last lifeline to a free internet.” [@hkfp-2017-vpn, para. 7]'));
    assert.ok(insertsCitedQuote('“close the last lifeline to a free internet.” [^2]'));
    assert.ok(insertsCitedQuote('“close the last lifeline to a free internet.” (Lai 2017, para. 7)'));
    assert.ok(insertsCitedQuote('「言論自由」 [@law, 第五条]'));
  });

  it('ignores plain typing and uncited quotations', () => {
    assert.ok(!insertsCitedQuote('a'));
    assert.ok(!insertsCitedQuote('“close the last lifeline”'));
    assert.ok(!insertsCitedQuote('see [@hkfp-2017-vpn]'));
  });
});
