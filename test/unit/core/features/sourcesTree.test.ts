import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describePassages, describeSources } from '../../../../src/core';
import { indexedService, joinLines, seedArticle } from '../../helpers';

const pdf = new Uint8Array(readFileSync(path.join(__dirname, '../../../../../test/fixtures/pdf/open-data-policy.pdf')));
const savedPage = readFileSync(path.join(__dirname, '../../../../../test/fixtures/html/hkfp-2017-vpn.html'), 'utf8');

/** The characters a range covers in a text, as an editor would select them. */
function selected(text: string, range: { start: { line: number; character: number }; end: { line: number; character: number } }): string {
  const lines = text.split('\n');
  if (range.start.line === range.end.line) return lines[range.start.line].slice(range.start.character, range.end.character);
  return [lines[range.start.line].slice(range.start.character), ...lines.slice(range.start.line + 1, range.end.line), lines[range.end.line].slice(0, range.end.character)].join('\n');
}

const pressRelease = joinLines(
  '---', 'id: release', 'title: "Council approves budget"', 'outlet: Town Gazette', 'date: 2024-03-14', '---', '',
  '“We will build the bridge,” said Mayor Ana Ruiz.', '',
  'Ruiz said the work would start in May.',
);

describe('the Sources view’s description of sources and passages', () => {
  it('lists sources by path with their title, outlet, date and passage count', async () => {
    const service = await indexedService({ 'sources/release.md': pressRelease, 'sources/hkfp-2017-vpn.md': seedArticle });
    const sources = describeSources(service.sources(), service.status().problems);
    assert.deepEqual(sources.map((s) => s.path), ['sources/hkfp-2017-vpn.md', 'sources/release.md']);
    const release = sources[1];
    assert.equal(release.label, 'Council approves budget');
    assert.equal(release.description, 'Town Gazette · 14 March 2024');
    assert.equal(release.key, 'release');
    assert.equal(release.passages, service.sources().find((s) => s.meta.key === 'release')?.passages.length);
    assert.ok(release.passages >= 2);
    assert.equal(release.broken, false);
  });

  it('orders numbered files by their numbers', async () => {
    const service = await indexedService({ 'sources/s10.md': 'Ten.', 'sources/s2.md': 'Two.', 'sources/s1.md': 'One.' });
    assert.deepEqual(describeSources(service.sources(), []).map((s) => s.path), ['sources/s1.md', 'sources/s2.md', 'sources/s10.md']);
  });

  it('falls back to the key for a source without a title, and shows a broken source with its reason', async () => {
    const service = await indexedService({ 'sources/notes.txt': 'Plain notes.', 'sources/empty.md': '' });
    const sources = describeSources(service.sources(), service.status().problems);
    const empty = sources.find((s) => s.path === 'sources/empty.md');
    assert.ok(empty?.broken, 'the empty source is listed as broken');
    assert.equal(empty.problems.length, 1);
    assert.match(empty.problems[0].message, /empty/);
    assert.equal(empty.problems[0].skipped, true);
    assert.equal(sources.find((s) => s.path === 'sources/notes.txt')?.label, 'notes');
  });

  it('puts a warning on the source it concerns without marking it broken', async () => {
    const twin = pressRelease.replace('title: "Council approves budget"', 'title: "Another release"');
    const service = await indexedService({ 'sources/a.md': pressRelease, 'sources/b.md': twin });
    const sources = describeSources(service.sources(), service.status().problems);
    assert.deepEqual(sources.map((s) => [s.path, s.label, s.broken, s.passages > 0]), [
      ['sources/a.md', 'Council approves budget', false, true],
      ['sources/b.md', 'Another release', false, true],
    ]);
    assert.match(sources[0].problems[0].message, /citation key "release" is also used by sources\/b\.md/);
    assert.equal(sources[0].problems[0].skipped, false);
    assert.match(sources[1].problems[0].message, /also used by sources\/a\.md/);
  });

  it('gives each passage its kind, speaker, paragraph, citation, and the range of its words in the file', async () => {
    const service = await indexedService({ 'sources/release.md': pressRelease });
    const [source] = service.sources();
    const { passages, more } = describePassages(source, { limit: 100, citationStyle: 'pandoc' });
    assert.equal(more, 0);
    const quote = passages.find((p) => p.kind === 'quote');
    assert.ok(quote, JSON.stringify(passages));
    assert.equal(quote.text, 'We will build the bridge,');
    assert.equal(quote.speaker, 'Ana Ruiz');
    assert.equal(quote.locator, 'para. 1');
    assert.equal(quote.citation, '[@release, para. 1]');
    assert.equal(quote.insertText, '“We will build the bridge,” [@release, para. 1]');
    assert.equal(selected(pressRelease, quote.range), quote.text);
    const reported = passages.find((p) => p.kind === 'reported');
    assert.equal(reported?.locator, 'para. 2');
    assert.deepEqual(passages.map((p) => p.range.start.line), [...passages.map((p) => p.range.start.line)].sort((a, b) => a - b), 'in reading order');
  });

  it('stops at the limit and says how many passages are left', async () => {
    const service = await indexedService({ 'sources/hkfp-2017-vpn.md': seedArticle });
    const [source] = service.sources();
    assert.ok(source.passages.length > 3);
    const { passages, more } = describePassages(source, { limit: 3, citationStyle: 'pandoc' });
    assert.equal(passages.length, 3);
    assert.equal(more, source.passages.length - 3);
  });

  it('formats one passage for a draft’s next footnote', async () => {
    const service = await indexedService({ 'sources/release.md': pressRelease });
    const [source] = service.sources();
    const id = source.passages[0].id;
    const { passages } = describePassages(source, { limit: 100, citationStyle: 'footnote', footnoteNumber: 3, id });
    assert.equal(passages.length, 1);
    assert.equal(passages[0].id, id);
    assert.equal(passages[0].citation, '[^3]');
    assert.match(passages[0].footnote ?? '', /^\[\^3\]: .*Council approves budget.*\[@release\]$/);
  });

  it('selects a saved web page’s passage in the HTML file itself', async () => {
    const service = await indexedService({ 'sources/page.html': savedPage });
    const [source] = service.sources();
    const { passages } = describePassages(source, { limit: 500, citationStyle: 'pandoc' });
    const quote = passages.find((p) => p.text.includes('lifeline'));
    assert.ok(quote, 'the page’s quote is listed');
    assert.equal(selected(savedPage, quote.range), quote.text);
  });

  it('gives a PDF’s passages their page, and says the file opens whole', async () => {
    const service = await indexedService({ 'sources/policy.pdf': pdf });
    const [summary] = describeSources(service.sources(), service.status().problems);
    assert.equal(summary.opensWhole, true);
    const { passages } = describePassages(service.sources()[0], { limit: 500, citationStyle: 'pandoc' });
    assert.ok(passages.length > 0);
    for (const p of passages) assert.match(p.locator, /^p\. \d+/, JSON.stringify(p));
    const md = await indexedService({ 'sources/release.md': pressRelease });
    assert.equal(describeSources(md.sources(), [])[0].opensWhole, false);
  });
});
