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

  it('checks a quotation against the PDF', () => {
    const [finding] = service.checkDraft('Quint said: “We will measure ourselves by what people can find without writing to us” [@open-data-policy, p. 2, para. 2].')!;
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
