import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { CompletionItem, MarkupContent, TextEdit } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { draftWithCursor, indexedService, seedArticle } from '../../helpers';
import type { IVerbatimService } from '../../../../src/core';
import { sourceLink } from '../../../../src/core/features/locations';
import { cslBibliography, cslItem } from '../../../../src/core/citations/csl';
import { isRealName, isRealTitle, pdfTypeOf, printedPages } from '../../../../src/core/sources/pdfSource';

/** The PDF fixtures, written by test/fixtures/pdf/make-fixtures.mjs. */
const fixtures = path.join(__dirname, '../../../../../test/fixtures/pdf');
const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(path.join(fixtures, name)));
const policy = fixture('open-data-policy.pdf');

/** Markdown without its backslash escapes, as a reader sees it. */
function shown(markdown: string | undefined): string {
  // CommonMark's ASCII punctuation, as ranges.
  // eslint-disable-next-line regexp/no-obscure-range
  return (markdown ?? '').replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

function hover(service: IVerbatimService, draft: string): string {
  const { document, position } = draftWithCursor(draft);
  return shown((service.provideHover(document, position)?.contents as MarkupContent | undefined)?.value);
}

describe('PDF sources', function () {
  // The first PDF loads pdf.js, a few megabytes of JavaScript: slow on a busy machine.
  this.timeout(30_000);
  let service: IVerbatimService;
  before(async () => {
    service = await indexedService({ 'sources/open-data-policy.pdf': policy });
  });

  it('reads the text of every page, its metadata, and keys it from the file name', () => {
    const [source] = service.sources();
    assert.deepEqual(service.status().problems, []);
    assert.deepEqual(source.meta, { key: 'open-data-policy', title: 'Open Data Policy', author: 'Harbourside Council', date: '2024-03-12', type: 'legislation' });
    assert.equal(source.pages, 3);
    assert.match(source.text, /the council shall publish the reasons for withholding the dataset/);
    assert.match(source.text, /reviewed by the data officer and the committee/, 'the paragraph cut by the page break is whole');
    assert.doesNotMatch(source.text, /Page \d of 3|Harbourside Council · Open Data Policy/);
  });

  it('finds the quotation with its speaker, page and paragraph counted on that page', () => {
    const hit = service.search('public record back in public hands', { limit: 1 })[0];
    assert.equal(hit.passage.kind, 'quote');
    assert.equal(hit.passage.text, 'puts the public record back in public hands');
    assert.equal(hit.passage.speaker, 'Councillor Mara Quint');
    assert.equal(hit.passage.page, 2);
    assert.equal(hit.passage.paragraph, 1);
  });

  it('numbers the provisions of the articles as in any source', () => {
    const clause = service.sources()[0].passages.find((p) => p.label === 'Article 3(b)');
    assert.equal(clause?.text, 'release would breach a duty of confidence owed to a third party;');
    assert.equal(clause?.page, 1);
  });

  it('completes a quotation with a citation that names the page', () => {
    const { document, position } = draftWithCursor('The councillor said the policy “public hands‸');
    const item = service.provideCompletion(document, position, { triggerKind: 3 })!.items.find((i: CompletionItem) => i.label === 'puts the public record back in public hands')!;
    assert.equal(item.detail, 'Councillor Mara Quint · Open Data Policy · 12 March 2024 · p. 2, Article 4');
    assert.equal(TextDocument.applyEdits(document, [item.textEdit as TextEdit]), 'The councillor said the policy “puts the public record back in public hands” [@open-data-policy, p. 2, art. 4]');
  });

  it('shows the cited paragraph of the cited page on hover', () => {
    const text = hover(service, 'See [@open-data-policy‸, p. 2, para. 2].');
    assert.match(text, /p\. 2, para\. 2/);
    assert.match(text, /We will measure ourselves by what people can find/);
  });

  it('asks for the page when a PDF is cited by paragraph alone, and says when the page has no such paragraph', () => {
    assert.match(hover(service, 'See [@open-data-policy‸, para. 2].'), /counted on each page: cite it as “p\. 3, para\. 2”/);
    assert.match(hover(service, 'See [@open-data-policy‸, p. 3, para. 9].'), /Page 3 of the source has no paragraph 9/);
    assert.match(hover(service, 'See [@open-data-policy‸, p. 9].'), /no page 9/);
  });

  it('opens the PDF itself, never a range of the extracted text, from a citation', () => {
    const { document, position } = draftWithCursor('See [@open-data-policy‸, p. 2, para. 2].');
    const [location] = service.provideDefinition(document, position);
    assert.equal(location.uri, 'memory:/sources/open-data-policy.pdf');
    assert.deepEqual(location.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
  });

  it('links the hover to the PDF file, without a position in it', async () => {
    const onDisk = await indexedService({ 'sources/open-data-policy.pdf': policy });
    // The memory workspace's URIs are not links; a file URI is what an editor gives.
    const source = onDisk.sources()[0];
    assert.equal(sourceLink({ ...source, uri: 'file:///w/sources/open-data-policy.pdf' }, source.passages[0]), 'file:///w/sources/open-data-policy.pdf');
    assert.match(hover(onDisk, 'See [@open-data-policy‸, p. 2, para. 2].'), /Open the PDF/);
  });

  it('checks a quotation against the PDF', async () => {
    const [finding] = (await service.checkDraft('Quint said: “We will measure ourselves by what people can find without writing to us” [@open-data-policy, p. 2, para. 2].'))!;
    assert.equal(finding.source?.meta.key, 'open-data-policy');
    assert.notEqual(finding.verdict, 'not-found');
    assert.notEqual(finding.verdict, 'wrong-source');
  });

  it('reports a damaged PDF, a non-PDF named .pdf and a PDF without text, and keeps indexing the others', async () => {
    const mixed = await indexedService({
      'sources/damaged.pdf': fixture('damaged.pdf'),
      'sources/not-a-pdf.pdf': fixture('not-a-pdf.pdf'),
      'sources/no-text.pdf': fixture('no-text.pdf'),
      'sources/encrypted.pdf': fixture('encrypted.pdf'),
      'sources/open-data-policy.pdf': policy,
      'sources/hkfp-2017-vpn.md': seedArticle,
    });
    assert.deepEqual(mixed.status().problems.map((p) => [p.path, p.code, p.skipped]), [
      ['sources/damaged.pdf', 'verbatim.source.pdfDamaged', true],
      ['sources/encrypted.pdf', 'verbatim.source.pdfEncrypted', true],
      ['sources/no-text.pdf', 'verbatim.source.pdfNoText', true],
      ['sources/not-a-pdf.pdf', 'verbatim.source.notPdf', true],
    ]);
    assert.match(mixed.status().problems[1].message, /password/);
    assert.match(mixed.status().problems[2].message, /no text layer/);
    assert.deepEqual(mixed.sources().map((s) => s.meta.key).sort(), ['hkfp-2017-vpn', 'open-data-policy']);
  });

  it('reads a PDF encrypted only to restrict permissions, which opens without a password', async () => {
    const restricted = await indexedService({ 'sources/restricted.pdf': fixture('restricted.pdf') });
    assert.deepEqual(restricted.status().problems, []);
    assert.ok(restricted.search('register shall name, for every dataset', { limit: 1 })[0].passage.text.startsWith('The register shall name'));
  });

  it('keeps the engine’s own Array.prototype.push once pdf.js is loaded, not its legacy build’s slower stand-in', () => {
    assert.match(Function.prototype.toString.call(Array.prototype.push), /\[native code\]/);
  });

  it('has fixtures that the committed script writes byte for byte', () => {
    const out = mkdtempSync(path.join(tmpdir(), 'verbatim-pdf-fixtures-'));
    try {
      execFileSync(process.execPath, [path.join(fixtures, 'make-fixtures.mjs'), out]);
      for (const name of readdirSync(out)) assert.ok(Buffer.from(fixture(name)).equals(readFileSync(path.join(out, name))), `${name} is as the script writes it`);
      assert.equal(readdirSync(out).length, readdirSync(fixtures).filter((f) => f.endsWith('.pdf')).length);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('measures the size limit on the text of a PDF, not on its bytes', async () => {
    const textKB = Math.ceil(service.sources()[0].text.length / 1024);
    assert.ok(policy.length > textKB * 1024 + 1024, 'the file is larger than its text');
    const fits = await indexedService({ 'sources/open-data-policy.pdf': policy }, { maxSourceSizeKB: textKB });
    assert.deepEqual(fits.status().problems, []);
    const small = await indexedService({ 'sources/open-data-policy.pdf': policy }, { maxSourceSizeKB: 1 });
    assert.deepEqual(small.status().problems.map((p) => p.code), ['verbatim.source.tooLarge']);
    assert.match(small.status().problems[0].message, /the PDF's text is larger than the limit of 1 KB/);
  });
});

describe('PDF pages as printed on them', function () {
  this.timeout(30_000);
  let service: IVerbatimService;
  before(async () => {
    service = await indexedService({ 'sources/journal-article.pdf': fixture('journal-article.pdf'), 'sources/annual-report.pdf': fixture('annual-report.pdf') });
  });

  it('cites a journal article by the page printed in its header, not by the file’s page count', () => {
    const { document, position } = draftWithCursor('The court found “survey was thorough‸');
    const item = service.provideCompletion(document, position, { triggerKind: 3 })!.items.find((i: CompletionItem) => i.label === 'the survey was thorough and its method sound,')!;
    assert.match(item.detail ?? '', /p\. 212, para\. 1$/);
    assert.match(TextDocument.applyEdits(document, [item.textEdit as TextEdit]), /\[@journal-article, p\. 212, para\. 1\]$/);
  });

  it('finds the page a writer cites by its printed number, on hover and in the check', async () => {
    assert.match(hover(service, 'See [@journal-article‸, p. 211, para. 1].'), /Its survey of the basin was carried out over three seasons/);
    assert.match(hover(service, 'See [@journal-article‸, p. 2].'), /no page 2/);
    const [finding] = (await service.checkDraft('The court held that “the survey was thorough and its method sound” [@journal-article, p. 212].'))!;
    assert.equal(finding.verdict, 'verbatim');
  });

  it('takes the PDF’s own page labels when it has them: a cover “i”, then 1 and 2', () => {
    const report = service.sources().find((s) => s.meta.key === 'annual-report')!;
    assert.deepEqual(report.blocks.map((b) => b.pageLabel), ['i', '1', '2']);
    assert.match(hover(service, 'See [@annual-report‸, p. 1, para. 1].'), /met eleven times/);
    assert.match(hover(service, 'See [@annual-report‸, p. i].'), /Annual report of the harbour board/);
  });
});

describe('PDF sources as they are published', function () {
  this.timeout(30_000);
  let service: IVerbatimService;
  const judgment = fixture('harbour-judgment.pdf');
  before(async () => {
    service = await indexedService({ 'sources/harbour-judgment.pdf': judgment });
  });
  const source = () => service.sources()[0];
  const paragraphsOf = (page: number) => source().blocks.filter((b) => b.page === page && b.kind === 'paragraph').map((b) => source().text.slice(b.start, b.end));

  it('leaves out running headers with the page number glued on either side, and the print-shop line in the margin', () => {
    assert.doesNotMatch(source().text, /\d\s*Marlow Harbour Trust v\. Quint|Marlow Harbour Trust v\. Quint\s*\d/);
    assert.doesNotMatch(source().text, /VerDate|Frm 0000/);
    assert.equal(source().text.match(/Marlow Harbour Trust v\. Quint/g)?.length, 1, 'the printed title stays');
  });

  it('joins line ends after a dash, a slash and a soft hyphen as the document spells the words', async () => {
    assert.match(source().text, /the order of AD 2018–23–51, which/);
    assert.match(source().text, /published at https:\/\/www\.example\.org\/orders together/);
    assert.match(source().text, /found that the acido-basique balance/);
    for (const quote of ['AD 2018–23–51', 'https://www.example.org/orders', 'the acido-basique balance of the harbour water had changed']) {
      const [finding] = (await service.checkDraft(`The court noted “${quote}” [@harbour-judgment, p. 1].`))!;
      assert.equal(finding.verdict, 'verbatim', quote);
    }
  });

  it('joins a paragraph continued from one column to the next and over a page break, so paragraphs keep their numbers', () => {
    assert.deepEqual(paragraphsOf(2), [
      'The board did not refuse to hear the trust. It heard its witnesses on two days and gave reasons for preferring the survey to the evidence of the trust’s own engineer, whose figures rested on a single sample taken in the wrong month.',
    ]);
    assert.match(paragraphsOf(1).at(-1)!, /^We hold that .* harbour master and his staff over three seasons, .* comes too late and is not borne out by the record\.$/);
    assert.deepEqual(paragraphsOf(3), ['Nothing in the acido-basique readings alters that conclusion.', 'The appeal is dismissed.']);
  });

  it('reports a page whose text is not text and indexes the others', () => {
    assert.deepEqual(service.status().problems.map((p) => [p.code, p.skipped]), [['verbatim.source.pdfUnreadablePages', false]]);
    assert.match(service.status().problems[0].message, /^page 4 of the PDF holds no readable text/);
    // eslint-disable-next-line no-control-regex
    assert.ok(source().passages.every((p) => !/[\u0000-\u001f]/.test(p.text)));
    assert.equal(source().pages, 4);
  });

  it('reports a PDF none of whose pages is text, instead of indexing it', async () => {
    const garbled = await indexedService({ 'sources/garbled.pdf': garbledPdf() });
    assert.deepEqual(garbled.status().problems.map((p) => [p.code, p.skipped]), [['verbatim.source.pdfUnreadable', true]]);
    assert.deepEqual(garbled.sources(), []);
  });

  it('takes the title from the first page when the info fields are a file name and an account, and the date printed on it', () => {
    assert.deepEqual(source().meta, { key: 'harbour-judgment', title: 'Marlow Harbour Trust v. Quint', date: '2001-06-12', type: 'legal_case' });
    assert.deepEqual(cslBibliography(service.sources())[0], { id: 'harbour-judgment', type: 'legal_case', title: 'Marlow Harbour Trust v. Quint', issued: { 'date-parts': [[2001, 6, 12]] } });
  });
});

/** The judgment with its last page only: every letter drawn as a control character. */
function garbledPdf(): Uint8Array {
  const bytes = Buffer.from(fixture('harbour-judgment.pdf'));
  // The last page's content stream is the last one written; pointing every page at it leaves nothing else.
  const text = bytes.toString('latin1');
  const streams = [...text.matchAll(/\/Contents (\d+) 0 R/g)].map((m) => m[1]);
  const last = streams.at(-1)!;
  return new Uint8Array(Buffer.from(text.replace(/\/Contents \d+ 0 R/g, (m) => m.replace(/\d+/, last)), 'latin1'));
}

describe('PDF fonts', function () {
  this.timeout(30_000);
  it('reads text in embedded fonts, and the signs a math font’s program alone names (∑, ∗)', async () => {
    const service = await indexedService({ 'sources/embedded-fonts.pdf': fixture('embedded-fonts.pdf') });
    assert.deepEqual(service.status().problems, []);
    assert.match(service.sources()[0].text, /the sum ∑ of the parts, and a star ∗ for a note\./);
  });
});

describe('what a PDF is', () => {
  it('prefers the PDF’s own page labels to the numbers its headers show, unless they only count the pages', () => {
    assert.deepEqual(printedPages(['i', 'ii', '1', '2'], ['3', '4', '5', '6'], 4), ['i', 'ii', '1', '2']);
    assert.deepEqual(printedPages(['1', '2', '3'], ['211', '212', '213'], 3), ['211', '212', '213']);
    assert.deepEqual(printedPages(null, undefined, 3), undefined);
    assert.deepEqual(printedPages(['A', 'A', 'A'], undefined, 3), undefined, 'labels that do not tell pages apart');
  });

  it('reads info fields as a title or a name only when they look like one', () => {
    for (const junk of ['Microsoft Word - 102314.docx', '10811.exe', 'ARRAY(0x2c7cf020)', 'Untitled', 'C:\\Users\\mq\\report.pdf']) assert.equal(isRealTitle(junk), false, junk);
    assert.equal(isRealTitle('Open Data Policy'), true);
    for (const junk of ['Administrator', 'jsmith', 'fjk4', 'W:CAR:MP:FP', 'PScript5.dll Version 5.2']) assert.equal(isRealName(junk), false, junk);
    for (const name of ['Lawrence Lessig', 'Harbourside Council', 'GAO']) assert.equal(isRealName(name), true, name);
  });

  it('types a PDF from what its first page shows, and never as legislation by default', () => {
    const paper = 'Abstract\n\nWe study the noise added to a query.\n\n1. Introduction\n\nDifferential privacy is a notion.\n\n2. Method\n\nWe define it.\n\nReferences\n\n[1] C. Dwork.';
    assert.equal(pdfTypeOf('Individual Differential Privacy', paper, paper, 12), 'article-journal');
    assert.equal(pdfTypeOf('Kroger Reports Second Quarter 2023 Results', 'Kroger Reports Second Quarter 2023 Results\n\n1. Identical sales grew.', '', 3), 'report');
    assert.equal(pdfTypeOf('Notes', 'Section 1\n\nThe committee met.\n\nSection 2\n\nIt adjourned.', '', 2), 'document');
    assert.equal(pdfTypeOf('Copyright Act of 1998', 'Copyright Act of 1998\n\nSection 1. Short title.', '', 20), 'legislation');
    assert.equal(pdfTypeOf('The Copyright Act of 1998', 'U.S. Copyright Office Summary\n\nSection 1.', '', 18), 'report');
    // The type a PDF shows wins over numbered provisions found in its text.
    assert.equal(cslItem({ key: 'q2', type: 'report' }, true).type, 'report');
  });
});

describe('PDF tables', function () {
  this.timeout(30_000);
  let service: IVerbatimService;
  before(async () => {
    service = await indexedService({ 'sources/mooring-fees.pdf': fixture('mooring-fees.pdf') });
  });

  it('reads a table drawn column by column row by row, each row a passage of the page and paragraph where the table stands', () => {
    const rows = service.sources()[0].passages.filter((p) => p.paragraph === 2);
    assert.deepEqual(rows.map((p) => p.text), [
      'Boat length Berths Fee 2023 Fee 2024 Change',
      'Under 8 metres 412 1,180 1,230 4.2%',
      '8 to 12 metres 265 2,040 2,131 4.5%',
      'Over 12 metres 87 3,915 4,130 5.5%',
      'All berths 764 12,529 13,000 3.8%',
    ]);
    assert.ok(rows.every((p) => p.kind === 'clause' && p.page === 1));
    const prose = service.sources()[0].passages.find((p) => p.text.startsWith('Fees for the smallest boats'));
    assert.equal(prose?.paragraph, 3, 'the table counts as one paragraph of its page');
  });

  it('finds a row by a figure in it, and cites the page and paragraph of its table', () => {
    const [hit] = service.search('12,529', { limit: 3 });
    assert.equal(hit.passage.text, 'All berths 764 12,529 13,000 3.8%');
    assert.equal(service.search('4.5%', { limit: 3 })[0]?.passage.text, '8 to 12 metres 265 2,040 2,131 4.5%', 'a figure whose words are single digits');
    const { document, position } = draftWithCursor('Berths brought in “12,529‸');
    const item = service.provideCompletion(document, position, { triggerKind: 3 })!.items[0];
    assert.equal(item.label, 'All berths 764 12,529 13,000 3.8%');
    assert.match(item.detail ?? '', /p\. 1, para\. 2/);
  });

  it('never offers a row of figures for words its label does not hold', () => {
    const texts = service.search('fees smallest boats', { limit: 20 }).map((h) => h.passage.text);
    assert.ok(texts.length > 0);
    assert.ok(!texts.some((t) => /\d,\d{3}|^[\d ]+$/.test(t)), texts.join(' | '));
    assert.deepEqual(service.search('metres', { limit: 20 }).map((h) => h.passage.text).sort(), [
      '8 to 12 metres 265 2,040 2,131 4.5%',
      'Over 12 metres 87 3,915 4,130 5.5%',
      'Under 8 metres 412 1,180 1,230 4.2%',
    ]);
  });

  it('leaves a list of contents as it was, not a table', () => {
    const page2 = service.sources()[0].passages.filter((p) => p.page === 2).map((p) => p.text);
    assert.ok(!page2.some((t) => /Mooring fees 1\b/.test(t)), page2.join(' | '));
  });
});
