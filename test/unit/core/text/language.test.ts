import * as assert from 'node:assert/strict';
import { detectLanguage, ruleFamily } from '../../../../src/core/text/language';
import { normalize, sameUnderNormalization } from '../../../../src/core/text/normalize';
import { indexedService, joinLines } from '../../helpers';

describe('language of a source', () => {
  it('tells Chinese, Japanese and Korean from each other and from alphabetic text', () => {
    assert.equal(detectLanguage('市数据管理局局长周建国在发布会上表示，办法将于5月1日起施行。'), 'zh');
    assert.equal(detectLanguage('東京都は新しい規則を発表しました。市民の意見を聞くとしています。'), 'ja');
    assert.equal(detectLanguage('서울시는 새로운 규칙을 발표했다고 밝혔습니다.'), 'ko');
    assert.equal(detectLanguage('The ministry said the rules would take effect immediately.'), undefined);
  });

  it('reads a Chinese text quoting English names as Chinese, and an English text quoting Chinese as English', () => {
    assert.equal(detectLanguage('Verbatim 项目的负责人 John Smith 表示，中文引语可以直接检索和核对。'), 'zh');
    assert.equal(detectLanguage('The slogan “让数据多跑路” was printed on every banner the city put up along the main road to the station.'), undefined);
  });

  it('guesses nothing from a few letters', () => {
    assert.equal(detectLanguage('第一条'), undefined);
  });

  it('maps language tags to the rules that read them', () => {
    assert.equal(ruleFamily('zh-CN'), 'zh');
    assert.equal(ruleFamily('zh-Hant-TW'), 'zh');
    assert.equal(ruleFamily('yue'), 'zh');
    assert.equal(ruleFamily('ja-JP'), 'ja');
    assert.equal(ruleFamily('en-GB'), 'default');
    assert.equal(ruleFamily(undefined), 'default');
  });

  it('takes the language from front matter, else detects it, and reads the source by it', async () => {
    const body = '市政府新闻办公室指出，办法共五章二十一条，将于5月1日起施行。';
    const service = await indexedService({
      'sources/detected.md': joinLines('---', 'id: detected', '---', '', body),
      'sources/declared.md': joinLines('---', 'id: declared', 'language: en', '---', '', body),
    });
    const detected = service.sources().find((s) => s.meta.key === 'detected')!;
    const declared = service.sources().find((s) => s.meta.key === 'declared')!;
    assert.deepEqual(detected.language, { tag: 'zh', detected: true });
    assert.deepEqual(declared.language, { tag: 'en', detected: false });
    // Chinese rules read the reported speech and its speaker; English rules do not.
    assert.deepEqual(detected.passages.filter((p) => p.kind === 'reported').map((p) => p.speaker), ['市政府新闻办公室']);
    assert.ok(declared.passages.length > 0 && declared.passages.every((p) => p.kind !== 'reported'));
  });

  it('indexes a source whose front matter gives no valid language tag', async () => {
    const service = await indexedService({ 'sources/odd.md': joinLines('---', 'id: odd', 'language: zh_CN 中文', '---', '', '他说：“我们会赢。”') });
    assert.equal(service.sources()[0]?.passages[0]?.text, '我们会赢。');
  });
});

describe('normalisation of CJK text', () => {
  it('treats full-width and half-width forms of the same character as the same text', () => {
    assert.ok(sameUnderNormalization('协议会写明用途和期限，超出约定范围：暂停（开放）', '协议会写明用途和期限,超出约定范围:暂停(开放)'));
    assert.ok(sameUnderNormalization('ＡＢＣ１２３', 'ABC123'));
  });

  it('keeps 。 and 、 apart from . and ,, and every changed character', () => {
    assert.ok(!sameUnderNormalization('数据多跑路。', '数据多跑路.'));
    assert.ok(!sameUnderNormalization('交通、气象', '交通,气象'));
    assert.ok(!sameUnderNormalization('数据多跑路', '数据多跑腿'));
  });

  it('maps every normalised character back to the original', () => {
    const n = normalize('用途，期限');
    assert.equal(n.text, '用途,期限');
    assert.deepEqual(n.map, [0, 1, 2, 3, 4, 5]);
  });
});
