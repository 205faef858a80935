import * as assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CompletionRequest, DefinitionRequest, DidOpenTextDocumentNotification, HoverRequest,
  type CompletionItem, type CompletionList, type Location, type MarkupContent,
} from 'vscode-languageserver-protocol/node';
import { execFile } from 'node:child_process';
import { cliPath, editorCapabilities, startTestServer, type TestServer } from './lspClient';

const fixtures = path.resolve(__dirname, '../../../test/fixtures/pdf');

/** A workspace whose sources are the policy PDF and a damaged PDF. */
function pdfWorkspace(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'verbatim-pdf-'));
  mkdirSync(path.join(dir, 'sources'));
  mkdirSync(path.join(dir, 'drafts'));
  copyFileSync(path.join(fixtures, 'open-data-policy.pdf'), path.join(dir, 'sources', 'open-data-policy.pdf'));
  copyFileSync(path.join(fixtures, 'damaged.pdf'), path.join(dir, 'sources', 'damaged.pdf'));
  return dir;
}

async function openDraft(server: TestServer, folder: string, text: string): Promise<string> {
  const uri = pathToFileURL(path.join(folder, 'drafts', 'council.md')).href;
  await server.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'markdown', version: 1, text } });
  return uri;
}

for (const bundle of ['server', 'cli'] as const) {
  describe(`PDF sources in the language server (${bundle} bundle)`, function () {
    let folder: string;
    let server: TestServer;

    before(async () => {
      folder = pdfWorkspace();
      // Started in the workspace, not the repository: pdf.js must come from the bundle alone.
      server = await startTestServer(folder, editorCapabilities, {}, bundle);
      await server.waitForStatus((s) => !s.indexing && s.sources === 1, 'with the policy PDF indexed', 30_000);
    });

    after(async () => {
      await server.stop();
      rmSync(folder, { recursive: true, force: true });
    });

    it('indexes the PDF and reports the damaged one', () => {
      const last = server.statuses.at(-1)!;
      assert.ok(last.passages >= 10);
      assert.deepEqual(last.problems.map((p) => p.path), [path.join('sources', 'damaged.pdf')]);
      assert.match(last.problems[0].message, /PDF could not be read/);
    });

    it('completes a quotation from the PDF and shows its page', async () => {
      const text = 'Quint said the policy “public hands';
      const uri = await openDraft(server, folder, text);
      const list = await server.connection.sendRequest(CompletionRequest.type, {
        textDocument: { uri }, position: { line: 0, character: text.length }, context: { triggerKind: 3 },
      }) as CompletionList;
      const item = list.items.find((i: CompletionItem) => i.label === 'puts the public record back in public hands');
      assert.ok(item, 'the quotation is offered');
      assert.match(item.detail ?? '', /Councillor Mara Quint · Open Data Policy · 12 March 2024 · p\. 2/);
      assert.match((item.documentation as MarkupContent).value.replace(/\\(.)/g, '$1'), /p\. 2, Article 4/);
    });

    it('shows the cited page and paragraph on hover, and goes to the PDF file', async () => {
      const text = 'See [@open-data-policy, p. 2, para. 2].';
      const uri = await openDraft(server, folder, text);
      const hover = await server.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 8 } });
      const value = (hover!.contents as MarkupContent).value.replace(/\\(.)/g, '$1');
      assert.match(value, /p\. 2, para\. 2/);
      assert.match(value, /We will measure ourselves by what people can find/);
      const [location] = await server.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri }, position: { line: 0, character: 8 } }) as Location[];
      assert.equal(location.uri, pathToFileURL(path.join(folder, 'sources', 'open-data-policy.pdf')).href);
      assert.deepEqual(location.range.start, { line: 0, character: 0 });
    });
  });
}

describe('PDF sources on the command line', function () {
  this.timeout(60_000);
  let folder: string;
  before(() => {
    folder = pdfWorkspace();
    copyFileSync(path.join(fixtures, 'harbour-judgment.pdf'), path.join(folder, 'sources', 'harbour-judgment.pdf'));
  });
  after(() => rmSync(folder, { recursive: true, force: true }));

  /** Runs the built command line in the workspace; resolves with its exit code and output. */
  const run = (...args: string[]) => new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(process.execPath, [cliPath, ...args], { cwd: folder }, (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }));
  });

  it('indexes PDFs and prints nothing on stderr (no pdf.js warnings)', async () => {
    const { code, stdout, stderr } = await run('index', 'sources');
    assert.equal(code, 0);
    assert.equal(stderr, '');
    assert.match(stdout, /open-data-policy/);
    assert.match(stdout, /harbour-judgment/);
    assert.match(stdout, /warning: .*harbour-judgment\.pdf: page 4 of the PDF holds no readable text/);
  });

  it('takes --max-size-kb, measured on the text of a PDF', async () => {
    const small = await run('index', 'sources', '--max-size-kb', '1', '--json');
    const problems = (JSON.parse(small.stdout) as { problems: { path: string; code: string; message: string }[] }).problems;
    assert.deepEqual(problems.filter((p) => p.code === 'verbatim.source.tooLarge').map((p) => path.basename(p.path)).sort(), ['harbour-judgment.pdf', 'open-data-policy.pdf']);
    assert.match(problems.find((p) => p.code === 'verbatim.source.tooLarge')!.message, /the PDF's text is larger than the limit of 1 KB/);
    assert.equal(small.stderr, '');
    const bad = await run('search', 'harbour', '--sources', 'sources', '--max-size-kb', 'lots');
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--max-size-kb takes a whole number/);
  });
});

describe('PDF text in the built pdf.js (dist/pdfjs.js, patched for text only)', function () {
  this.timeout(60_000);
  let folder: string;
  before(() => {
    folder = mkdtempSync(path.join(tmpdir(), 'verbatim-pdf-fonts-'));
    mkdirSync(path.join(folder, 'sources'));
    copyFileSync(path.join(fixtures, 'embedded-fonts.pdf'), path.join(folder, 'sources', 'embedded-fonts.pdf'));
    copyFileSync(path.join(fixtures, 'saved-states.pdf'), path.join(folder, 'sources', 'saved-states.pdf'));
  });
  const search = (query: string): Promise<{ code: number; stdout: string; stderr: string }> => new Promise((resolve) => {
    execFile(process.execPath, [cliPath, 'search', query, '--sources', 'sources', '--json'], { cwd: folder }, (error, out, err) => resolve({ code: error ? Number(error.code) : 0, stdout: out, stderr: err }));
  });
  after(() => rmSync(folder, { recursive: true, force: true }));

  it('reads text in embedded fonts, and keeps the signs a math font’s program alone names (∑, ∗)', async () => {
    const { code, stdout, stderr } = await search('sum of the parts');
    assert.equal(code, 0);
    assert.equal(stderr, '');
    const texts = (JSON.parse(stdout) as { results: { text: string }[] }).results.map((r) => r.text);
    assert.ok(texts.some((t) => t.includes('the sum ∑ of the parts, and a star ∗ for a note.')), texts.join('\n'));
  });

  it('reads lines drawn in nested saved states, and the line after them in the state the page set first', async () => {
    for (const line of ['A note in a state saved inside another one.', 'Back in the outer saved state, in its own size.', 'The last line is drawn in the state the page set first.']) {
      const { code, stdout, stderr } = await search(line.slice(0, -1));
      assert.equal(code, 0);
      assert.equal(stderr, '');
      const texts = (JSON.parse(stdout) as { results: { text: string }[] }).results.map((r) => r.text);
      assert.ok(texts.includes(line), `${line}\n${texts.join('\n')}`);
    }
  });
});
