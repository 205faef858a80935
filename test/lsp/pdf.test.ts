import * as assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CompletionRequest, DefinitionRequest, DidOpenTextDocumentNotification, HoverRequest,
  type CompletionItem, type CompletionList, type Location, type MarkupContent,
} from 'vscode-languageserver-protocol/node';
import { editorCapabilities, startTestServer, type TestServer } from './lspClient';

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
