import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { CompletionItem, MarkupContent, TextEdit } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { IVerbatimService } from '../../../../src/core';
import { draftWithCursor, indexedService } from '../../helpers';

/** The project's Chinese example sources: a fictional municipal regulation and a news report on it. */
const fixtures = path.join(__dirname, '../../../../../test/fixtures/zh');
const files = Object.fromEntries(['yunchuan-data-measures.md', 'yunchuan-daily-data-rules.md'].map((f) => [`sources/${f}`, readFileSync(path.join(fixtures, f), 'utf8')]));
const typed = { triggerKind: 3 as const };

let service: IVerbatimService;
before(async () => {
  service = await indexedService(files);
});

function complete(draft: string): { document: TextDocument; items: CompletionItem[] } {
  const { document, position } = draftWithCursor(draft);
  return { document, items: service.provideCompletion(document, position, typed)?.items ?? [] };
}

function accept(document: TextDocument, item: CompletionItem): string {
  return TextDocument.applyEdits(document, [item.textEdit as TextEdit, ...(item.additionalTextEdits ?? [])]);
}

function hover(draft: string): string {
  const { document, position } = draftWithCursor(draft);
  const value = (service.provideHover(document, position)?.contents as MarkupContent | undefined)?.value ?? '';
  // CommonMark's ASCII punctuation escapes, removed as a reader sees the text.
  // eslint-disable-next-line regexp/no-obscure-range
  return value.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

describe('a Chinese regulation and a Chinese news report', () => {
  it('completes a quotation from four characters typed from its middle, without spaces', () => {
    const { document, items } = complete('周建国说：“数据多跑‸');
    assert.equal(items[0]?.labelDetails?.description, '周建国');
    assert.equal(accept(document, items[0]),
      '周建国说：“公共数据开放的目的，是让数据多跑路、群众少跑腿。办法实施后，交通、气象等无条件开放类数据将陆续上线。”[@yunchuan-daily-data-rules, para. 2]');
  });

  it('completes from a speaker’s name run together with a word, after 「 closed by the editor', () => {
    const { document, items } = complete('她说：「王丽踏实‸」');
    assert.equal(items[0]?.labelDetails?.description, '王丽');
    assert.equal(accept(document, items[0]), '她说：「办法把『不开放为例外』写进了条文，老百姓心里更踏实了。」[@yunchuan-daily-data-rules, para. 8]');
  });

  it('completes a clause of the regulation from words of it and names its provision', () => {
    const { document, items } = complete('办法规定：“本辖区‸');
    assert.equal(accept(document, items[0]), '办法规定：“市数据管理部门负责统筹协调全市公共数据开放工作；区数据管理部门负责本辖区内的相关工作。”[@yunchuan-data-measures, 第三条第三款]');
  });

  it('completes a provision from its number', () => {
    const { items } = complete('“第四条第（二）项‸');
    assert.equal(items[0]?.label, '有条件开放类，可以按照约定的条件提供给特定的自然人、法人和非法人组织使用；');
    assert.equal(items[0]?.detail, '云川市公共数据开放管理办法（示例文本，节选） · 1 March 2024 · 第四条第一款第（二）项');
  });

  it('shows the cited paragraph of an article on hover, and the detected language', () => {
    const text = hover('根据规定[@yunchuan-data-measures, 第三条第二‸款]。');
    assert.match(text, /公共数据开放应当遵循需求导向、分级分类、安全可控的原则/);
    assert.match(text, /Language: zh \(detected\)/);
    assert.doesNotMatch(text, /市数据管理部门负责统筹协调/);
    assert.match(hover('[@yunchuan-data-measures, 第3条第2‸款]'), /公共数据开放应当遵循需求导向/);
  });

  it('checks a Chinese draft: exact, full-width punctuation typed half-width, a character changed, the wrong speaker', async () => {
    const verdicts = async (draft: string): Promise<string[]> => (await service.checkDraft(draft))!.map((f) => f.verdict);
    assert.deepEqual(await verdicts('周建国表示，要让“数据多跑路、群众少跑腿”[@yunchuan-daily-data-rules]。'), ['verbatim']);
    assert.deepEqual(await verdicts('陈思雨称：“涉及个人隐私的数据一律不予开放,这是一条底线。”[@yunchuan-daily-data-rules]'), ['normalized']);
    assert.deepEqual(await verdicts('周建国表示，要让“数据多跑腿、群众少跑路”[@yunchuan-daily-data-rules]。'), ['altered']);
    assert.deepEqual(await verdicts('陈思雨表示：“我们会先在交通和气象领域试点，再逐步扩大范围。”[@yunchuan-daily-data-rules]'), ['misattributed']);
  });

  it('shows a changed character in the hover of an altered quotation, without spaces between characters', () => {
    assert.match(hover('周建国表示，要让“数据多‸跑腿、群众少跑路”[@yunchuan-daily-data-rules]。'), /数据多跑\[-路-\]\{\+腿\+\}、群众少跑/);
  });
});
