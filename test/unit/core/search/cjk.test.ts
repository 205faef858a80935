import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { exhaustiveSearch, queryTerms } from '../../../../src/core/search/passageIndex';
import { indexedService, joinLines } from '../../helpers';

const fixtures = path.join(__dirname, '../../../../../test/fixtures/zh');
const files = Object.fromEntries(['yunchuan-data-measures.md', 'yunchuan-daily-data-rules.md'].map((f) => [`sources/${f}`, readFileSync(path.join(fixtures, f), 'utf8')]));

describe('search in Chinese sources', () => {
  it('finds a passage from a few characters of its middle, typed without spaces', async () => {
    const service = await indexedService(files);
    assert.equal(service.search('跑好几个部门')[0]?.passage.text, '过去企业想用一份数据，往往要跑好几个部门，');
    assert.equal(service.search('数据')[0]?.passage.text.includes('数据'), true);
  });

  it('finds a passage from its speaker’s name and a word run together, and from words apart in it', async () => {
    const service = await indexedService(files);
    const [first] = service.search('陈思雨底线');
    assert.equal(first.passage.speaker, '陈思雨');
    assert.equal(first.passage.text, '涉及个人隐私的数据一律不予开放，这是一条底线。');
    // The words apart: found, after the narrative clause that has them side by side.
    const hits = service.search('签订协议').map((h) => h.passage.text);
    assert.deepEqual(hits.slice(0, 2), ['他强调，有条件开放类数据的使用必须签订协议：', '同意开放的，应当与申请人签订数据利用协议；不同意开放的，应当说明理由。']);
  });

  it('ranks the characters as typed before the same words found apart', async () => {
    const service = await indexedService(files);
    const hits = service.search('暂停开放');
    assert.equal(hits[0].passage.text, '协议会写明用途和期限，超出约定范围使用数据的，我们将暂停开放。');
  });

  it('puts first a passage holding the characters as typed, else each of their words', async () => {
    const service = await indexedService(files);
    for (const query of ['数据多跑', '周建国试点', '王丽踏实', '隐私底线', '有条件开放类', '开放清单审核', '申请理由']) {
      const [first] = service.search(query, { limit: 5 });
      assert.ok(first, query);
      const holds = (word: string): boolean => first.passage.text.includes(word) || first.passage.speaker === word;
      assert.ok(holds(query) || queryTerms(query, true).every(holds), `${query}: ${first.passage.text}`);
    }
  });

  it('finds with the word index what fuse.js finds reading every passage, for runs of up to four characters', async () => {
    // Longer runs differ below the top: fuse.js accepts two edits in five characters or more
    // ("有条件开放类" in "开放类"), which the word index leaves out, as it does for English words.
    const service = await indexedService(files);
    for (const query of ['数据多跑', '开放清单', '数据 申请', '底线', '周建国 试点', '签订协议']) {
      const fast = service.search(query, { limit: 5 }).map((h) => h.passage.text);
      const slow = exhaustiveSearch(service.sources(), query, { limit: 5 }).map((h) => h.passage.text);
      assert.deepEqual(fast, slow, query);
    }
  });

  it('cuts a run of characters into words of two characters or more', () => {
    assert.deepEqual(queryTerms('周建国试点', true), ['周建国', '试点']);
    assert.deepEqual(queryTerms('周建国试点'), ['周建国试点']);
    assert.deepEqual(queryTerms('法'), []);
  });
});

describe('search in sources of any script', () => {
  it('finds words holding letters whose code sets the highest bit of the index’s letter mask', async () => {
    // å (U+00E5) and 据 (U+636E) fall on bit 31 of the mask; such words were once never found.
    const service = await indexedService({ 'sources/no.md': joinLines('---', 'id: no', '---', '', 'Fiskerne sier at de må få på plass flere båter før vinteren.') });
    assert.equal(service.search('båter')[0]?.passage.text, 'Fiskerne sier at de må få på plass flere båter før vinteren.');
  });
});
