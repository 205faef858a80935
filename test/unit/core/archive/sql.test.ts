import * as assert from 'node:assert/strict';
import { archiveSql as sql, archiveTerms } from '../../../../src/core';
import type { Passage, SourceMeta } from '../../../../src/core';

const passage = (text: string, speaker: string | null = null): Passage => ({
  id: 'k#1', key: 'k', kind: 'quote', text, start: 0, end: text.length, paragraph: 1, sentence: { start: 0, end: text.length }, speaker, speakerMention: null,
} as unknown as Passage);
const meta: SourceMeta = { key: 'hkfp-2017-vpn', outlet: 'Hong Kong Free Press', title: 'China’s VPN ban' } as SourceMeta;

describe('the archive’s words and statements', () => {
  it('stores every word a writer’s query can hold, whatever the marks, soft hyphens, full-width letters and accents', () => {
    const texts = [
      '“We will co\u00ADoperate,” said Zoë Müller.',
      'Ｔｈｅ ｒｕｌｅｓ apply from 1 March — ‘at once’.',
      'Cafe\u0301 owners in Montréal said "no".',
      '中华人民共和国网络安全法第三条',
    ];
    for (const text of texts) {
      const { terms } = sql.passageTerms(passage(text), meta);
      for (const term of archiveTerms(text)) assert.ok(terms.includes(term), `"${term}" of ${JSON.stringify(text)} is stored`);
    }
  });

  it('keeps the speaker’s and the source’s words apart, for ranking', () => {
    const words = sql.passageTerms(passage('The rules are harsh', 'Sharon Hom'), meta);
    assert.deepEqual(words.speaker, ['sharon', 'hom']);
    assert.ok(words.label.includes('hkfp') && words.label.includes('free'));
    assert.ok(words.terms.includes('harsh') && words.terms.includes('hom') && words.terms.includes('vpn'));
  });

  it('finds a word within one typo of a term of four letters or more, never of a shorter one', () => {
    assert.ok(sql.oneEditAway('lifline').includes('lifeline'));
    assert.ok(sql.oneEditAway('intenret').includes('internet'));
    assert.deepEqual(sql.oneEditAway('vpn'), ['vpn']);
    const { groups } = sql.termGroups(['lifline'], [{ k: 1, word: 'lifelines', df: 3 }, { k: 1, word: 'pipeline', df: 9 }]);
    assert.deepEqual(groups, [['lifelines']], 'a word holding a stretch one edit away is kept, one two edits away is not');
  });

  it('tells the words holding a term as typed from those found one edit away', () => {
    const { groups, exact } = sql.termGroups(['thank'], [{ k: 0, word: 'than', df: 90 }, { k: 1, word: 'thanks', df: 40 }, { k: 1, word: 'thank', df: 30 }]);
    assert.deepEqual(groups, [['than', 'thanks', 'thank']]);
    assert.deepEqual(exact, [['thanks', 'thank']]);
  });

  it('ranks passages holding more terms as typed before highlights and quotations holding as many terms through a typo', () => {
    const statement = sql.candidateQuery('verbatim_passage', { groups: [['than', 'thank'], ['obama']], exact: [['thank'], ['obama']], required: [[0, 1]], max: 40 });
    assert.match(statement.text, /ORDER BY hits DESC, exact DESC, pref,/);
    assert.ok(statement.values.some((v) => Array.isArray(v) && v.length === 1 && v[0] === sql.wordId('thank')), 'the words as typed go as a parameter of their own');
    const keys = [
      { source_id: 'a', ord: 0, hits: 2, exact: 1, pref: 0, spoken: 0, labelled: 0, size: 3 },
      { source_id: 'b', ord: 0, hits: 2, exact: 2, pref: 2, spoken: 0, labelled: 0, size: 30 },
    ];
    assert.deepEqual(sql.bestKeys(keys, 2).map((k) => k.source_id), ['b', 'a']);
  });

  it('gives a word the id PostgreSQL’s hashtext gives it, for any script', () => {
    // Values read from PostgreSQL 15 (`SELECT hashtext('vpn')` …); test/archive checks every probe against a live server.
    assert.equal(sql.wordId('vpn'), -1102256507);
    assert.equal(sql.wordId('lifeline'), 1615095837);
    assert.equal(sql.wordId('müller'), -1337424610);
    assert.equal(sql.wordId('网络安全法'), 1919606514);
    assert.equal(sql.wordId('internetworking'), -337841272);
  });

  it('stores a passage’s word ids each once, in order', () => {
    const ids = sql.wordIds(['harsh', 'rules', 'harsh', 'are']);
    assert.equal(ids.length, 3);
    assert.deepEqual(ids, [...ids].sort((a, b) => a - b));
  });

  it('asks for passages by word ids, so that no word is compared as text row by row', () => {
    const statement = sql.candidateQuery('verbatim_passage', { groups: [['lifeline', 'lifelines'], ['internet']], required: [[0, 1]], max: 40 });
    assert.ok(statement.values.some((v) => Array.isArray(v) && v.length === 2 && v.includes(sql.wordId('lifeline')) && v.includes(sql.wordId('lifelines'))));
    assert.ok(!/text\[\]/.test(statement.text.replace(/kind = ANY\(\$\d+::text\[\]\)/, '')), statement.text);
  });

  it('sends query words only as parameters, never inside the statement', () => {
    const hostile = ["o'brien", '50%_off', 'back\\slash', 'x'.repeat(200)];
    const candidates = sql.candidateQuery('verbatim_passage', { groups: hostile.map((h) => [h]), required: [[0, 1]], max: 40 });
    for (const statement of [...sql.vocabularyQueries(hostile), sql.similarWordsQuery(hostile), candidates]) {
      for (const word of hostile) assert.ok(!statement.text.includes(word), `${word} is not in the SQL`);
    }
    assert.throws(() => sql.candidateQuery('verbatim_passage; DROP TABLE x', { groups: [['a']], required: [[0]], max: 1 }), /not a plain SQL name/);
  });
});
