import * as assert from 'node:assert/strict';
import type { Passage } from '../../../../src/core/model';
import { readFrontMatter } from '../../../../src/core/sources/frontMatter';
import { extractPassages } from '../../../../src/core/extraction/extractPassages';
import { chineseNumber, chineseNumeral, citesZhProvision } from '../../../../src/core/extraction/provisions';
import { readBlocks } from '../../../../src/core/text/paragraphs';
import { splitSentences } from '../../../../src/core/text/sentences';

/** The passages of a Chinese source text, read by the Chinese rules. */
function passagesOf(...paragraphs: string[]): Passage[] {
  const text = paragraphs.join('\n\n') + '\n';
  const front = readFrontMatter(text);
  return extractPassages(text, readBlocks(text, front.ok ? front.bodyStart : 0), 'src', 'zh');
}

function said(...paragraphs: string[]): [string, string, string | undefined][] {
  return passagesOf(...paragraphs).map((p) => [p.kind, p.text, p.speaker]);
}

function sentences(text: string): string[] {
  return splitSentences(text, { start: 0, end: text.length }, 'zh').map((s) => text.slice(s.start, s.end));
}

describe('Chinese sentences', () => {
  it('ends sentences at 。！？ and keeps a closing mark after the stop with its sentence', () => {
    assert.deepEqual(sentences('他说：“我们会赢。”真的吗？是的！'), ['他说：“我们会赢。”', '真的吗？', '是的！']);
  });

  it('does not end a sentence inside a quotation in corner brackets that closes later', () => {
    assert.deepEqual(sentences('王丽说：「办法写进了条文。老百姓更踏实了。」随后离开。'), ['王丽说：「办法写进了条文。老百姓更踏实了。」', '随后离开。']);
  });

  it('reads a very long paragraph without spaces in pieces that end at 。', () => {
    const sentence = '公共数据开放应当遵循需求导向、分级分类、安全可控的原则。';
    const text = sentence.repeat(800);
    const found = sentences(text);
    assert.equal(found.length, 800);
    assert.ok(found.every((s) => s === sentence));
  });
});

describe('Chinese quotations and their speakers', () => {
  it('reads the speaker before a colon and drops the title and the place', () => {
    // The words around the quotation are a clause of their own (every sentence is a passage).
    assert.deepEqual(said('市数据管理局局长周建国在发布会上表示：“公共数据开放的目的，是让数据多跑路。”'), [
      ['clause', '市数据管理局局长周建国在发布会上表示：', undefined],
      ['quote', '公共数据开放的目的，是让数据多跑路。', '周建国'],
    ]);
  });

  it('reads the speaker after the quotation, and between two parts of one', () => {
    assert.deepEqual(said('“过去要跑好几个部门，”周建国说，“现在只需要提交一次申请。”'), [
      ['quote', '过去要跑好几个部门，', '周建国'],
      ['quote', '现在只需要提交一次申请。', '周建国'],
    ]);
    assert.deepEqual(said('「我们会先在交通领域试点。」周建国补充道。').filter((p) => p[0] === 'quote'), [['quote', '我们会先在交通领域试点。', '周建国']]);
  });

  it('gives 他 and 她 to the last person who spoke, not to an organisation', () => {
    const passages = said(
      '发言人陈思雨称：“涉及个人隐私的数据一律不予开放。”',
      '市政府新闻办公室指出，办法将于5月1日起施行。',
      '她还表示：“市民可以查询开放清单。”',
    );
    assert.deepEqual(passages.filter((p) => p[0] !== 'clause').map((p) => p[2]), ['陈思雨', '市政府新闻办公室', '陈思雨']);
  });

  it('reads a speaker named earlier in the sentence, and keeps 『』 nested in 「」', () => {
    assert.deepEqual(said('他强调，使用数据必须签订协议：“超出约定范围的，我们将暂停开放。”').filter((p) => p[0] === 'quote').map((p) => p[2]), ['他']);
    assert.deepEqual(said('市民代表王丽认为：「办法把『不开放为例外』写进了条文。」'), [['clause', '市民代表王丽认为：', undefined], ['quote', '办法把『不开放为例外』写进了条文。', '王丽']]);
  });

  it('reads reported speech, with the speaker before, after or after 据', () => {
    const reported = (text: string): ReturnType<typeof said> => said(text).filter((p) => p[0] === 'reported');
    assert.deepEqual(reported('市政府新闻办公室指出，办法共五章二十一条，将于5月1日起施行。'), [['reported', '办法共五章二十一条，将于5月1日起施行', '市政府新闻办公室']]);
    assert.deepEqual(reported('据市数据管理局介绍，首批开放的数据集涉及十二个领域。'), [['reported', '首批开放的数据集涉及十二个领域', '市数据管理局']]);
    assert.deepEqual(reported('首批开放的数据集涉及十二个领域，周建国说。'), [['reported', '首批开放的数据集涉及十二个领域', '周建国']]);
  });

  it('keeps a sentence of reported speech whole as a clause too when its narrative has six letters or more, but not beside a bare “周建国说”', () => {
    assert.deepEqual(said('据市数据管理局介绍，首批开放的数据集涉及十二个领域。'), [['clause', '据市数据管理局介绍，首批开放的数据集涉及十二个领域。', undefined], ['reported', '首批开放的数据集涉及十二个领域', '市数据管理局']]);
    assert.deepEqual(said('首批开放的数据集涉及十二个领域，周建国说。').map((p) => p[0]), ['reported']);
  });

  it('does not read 说 or 称 inside other words as speech', () => {
    assert.deepEqual(said('申请人应当说明数据用途，并注明单位名称，对企业来说，这并不困难。').map((p) => p[0]), ['clause']);
  });

  it('keeps a sentence of a few characters as a clause, as a sentence of a few words is one', () => {
    assert.deepEqual(said('数据提供单位应当作出答复。'), [['clause', '数据提供单位应当作出答复。', undefined]]);
  });
});

describe('Chinese provisions', () => {
  it('reads Chinese numerals up to the thousands', () => {
    assert.deepEqual(['一', '十', '十二', '二十一', '九十九', '一百零五', '12'].map(chineseNumber), [1, 10, 12, 21, 99, 105, 12]);
    assert.deepEqual([1, 10, 12, 21, 99, 105, 1000].map(chineseNumeral), ['一', '十', '十二', '二十一', '九十九', '一百零五', '一千']);
  });

  it('numbers the paragraphs of an article by position (款) and its items (项)', () => {
    const passages = passagesOf(
      '第三条 本办法所称公共数据，是指行政机关在履行职责过程中收集、产生的数据。',
      '公共数据开放应当遵循需求导向、分级分类、安全可控的原则。',
      '第四条 公共数据分为下列两类：',
      '（一）无条件开放类；',
      '（二）有条件开放类。',
      '前款第（二）项所称条件，由数据提供单位确定。',
      '第二十一条 本办法自2024年5月1日起施行。',
    );
    assert.deepEqual(passages.map((p) => [p.label, p.text.slice(0, 6)]), [
      ['第三条第一款', '本办法所称公'],
      ['第三条第二款', '公共数据开放'],
      ['第四条第一款', '公共数据分为'],
      ['第四条第一款第（一）项', '无条件开放类'],
      ['第四条第一款第（二）项', '有条件开放类'],
      ['第四条第二款', '前款第（二）'],
      ['第二十一条', '本办法自20'],
    ]);
  });

  it('cites an article of one paragraph without 第一款, and reads items listed in its paragraph', () => {
    const passages = passagesOf('第十三条 有下列行为之一的，可以暂停开放：（一）违反协议使用数据的；（二）未采取安全措施的。');
    assert.deepEqual(passages.map((p) => [p.label, p.text]), [
      ['第十三条', '有下列行为之一的，可以暂停开放：'],
      ['第十三条第（一）项', '违反协议使用数据的；'],
      ['第十三条第（二）项', '未采取安全措施的。'],
    ]);
  });

  it('restarts numbering at a chapter heading', () => {
    const passages = passagesOf('第一条 为了规范公共数据开放，制定本办法。', '## 第二章 开放清单', '公共数据目录由市数据管理部门公布。');
    // The chapter's heading is a clause of its own, and the paragraph after it is not 第二条.
    assert.deepEqual(passages.map((p) => [p.text, p.label]), [['为了规范公共数据开放，制定本办法。', '第一条'], ['第二章 开放清单', undefined], ['公共数据目录由市数据管理部门公布。', undefined]]);
  });

  it('matches a cited provision in the forms lawyers write it', () => {
    assert.ok(citesZhProvision('第三条第二款', '第三条第二款'));
    assert.ok(citesZhProvision('第3条第2款', '第三条第二款'));
    assert.ok(citesZhProvision('第三条', '第三条第一款'));
    assert.ok(citesZhProvision('第五条（一）', '第五条第（一）项'));
    assert.ok(citesZhProvision('第四条第一项', '第四条第一款第（一）项'));
    assert.ok(!citesZhProvision('第三条第二款', '第三条第三款'));
    assert.ok(!citesZhProvision('第十三条', '第三条'));
    assert.ok(!citesZhProvision('第四条第二款', '第四条第一款第（二）项'));
  });
});
