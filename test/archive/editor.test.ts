import * as assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CompletionRequest, DidOpenTextDocumentNotification, PublishDiagnosticsNotification, type CompletionItem, type CompletionList, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { extract } from '../../src/cli/archive';
import { searchRequest } from '../../src/shared/protocol';
import { PgArchive } from '../../src/node/archive/pgArchive';
import { editorCapabilities, startTestServer, type TestServer } from '../lsp/lspClient';
import { Cluster, freePort } from './cluster';
import { article, writeLibrary } from './library';

const example = path.resolve(__dirname, '../../../examples/newsroom');

/** The words of an archived article's first quotation, as a writer remembers four of them. */
function rememberedWords(): { typed: string; quotation: string } {
  const first = /“([^”]+)”/.exec(article(3))![1];
  const words = first.replace(/[^\p{L}\s]/gu, '').split(/\s+/);
  return { typed: words.slice(2, 6).join(' '), quotation: first };
}

describe('the shared archive in the language server', function () {
  let cluster: Cluster;
  let folder: string;
  let server: TestServer | undefined;

  before(async function () {
    cluster = await Cluster.start();
    const archive = new PgArchive(cluster.url);
    await archive.init();
    await archive.push(await extract([path.join(writeLibrary(12), 'sources')]));
    await archive.close();
  });

  beforeEach(() => {
    folder = mkdtempSync(path.join(tmpdir(), 'verbatim-archive-editor-'));
    cpSync(example, folder, { recursive: true });
  });

  afterEach(async () => {
    await server?.stop();
    server = undefined;
    rmSync(folder, { recursive: true, force: true });
  });

  after(() => cluster?.destroy());

  async function complete(text: string): Promise<CompletionItem[]> {
    const uri = pathToFileURL(path.join(folder, 'drafts', 'archive.md')).href;
    await server!.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    const list = await server!.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line: 0, character: text.length }, context: { triggerKind: 3 } }) as CompletionList;
    return list.items;
  }

  it('offers an archived quotation from four remembered words, with its citation, beside the workspace', async function () {
    server = await startTestServer(folder, editorCapabilities, { archive: { url: cluster.url, timeBudgetMs: 5000 } }, 'server', { trusted: true });
    await server.waitForStatus((s) => !s.indexing && s.sources === 2, 'with the example sources indexed');
    const { typed, quotation } = rememberedWords();
    const items = await complete(`The spokesperson said “${typed}`);
    const archived = items.find((i) => i.textEdit && 'newText' in i.textEdit && i.textEdit.newText.includes(quotation));
    assert.ok(archived, `an item inserts “${quotation}”; got ${items.map((i) => i.label).join(' | ')}`);
    assert.match((archived.textEdit as { newText: string }).newText, /\[@article-3/);
    await server.waitForStatus((s) => s.archive?.state === 'connected', 'saying the archive answers');
  });

  it('lists an archived quotation in the insert-quote picker', async function () {
    server = await startTestServer(folder, editorCapabilities, { archive: { url: cluster.url, timeBudgetMs: 5000 } }, 'server', { trusted: true });
    await server.waitForStatus((s) => !s.indexing && s.sources === 2, 'with the example sources indexed');
    const { typed, quotation } = rememberedWords();
    const items = await server.connection.sendRequest(searchRequest, { query: typed, limit: 20 });
    const archived = items.find((i) => i.text === quotation);
    assert.ok(archived, `the picker lists “${quotation}”; got ${items.map((i) => i.text).join(' | ')}`);
    assert.match(archived.insertText, /\[@article-3/);
  });

  it("checks a draft's quotation against the archived source it cites, which the workspace does not hold", async function () {
    server = await startTestServer(folder, editorCapabilities, { archive: { url: cluster.url, timeBudgetMs: 5000 } }, 'server', { trusted: true });
    await server.waitForStatus((s) => !s.indexing && s.sources === 2, 'with the example sources indexed');
    const codesOnLine = (p: PublishDiagnosticsParams, line: number) => p.diagnostics.filter((d) => d.range.start.line === line).map((d) => String(d.code));
    // A speaker the writer names differently is an information, not a failed check.
    const failedOnLine = (p: PublishDiagnosticsParams, line: number) => codesOnLine(p, line).filter((c) => c !== 'verbatim.speakerUnverified');
    const { quotation } = rememberedWords();
    const uri = pathToFileURL(path.join(folder, 'drafts', 'archived.md')).href;
    const text = `# Draft\n\nThe spokesperson said “${quotation}” [@article-3].\n\nShe added “${quotation} and more words nobody wrote” [@article-3].\n`;
    // The archive is asked after the first check: wait for a publication where the faithful line is clean.
    let seen: PublishDiagnosticsParams | undefined;
    const settled = new Promise<PublishDiagnosticsParams>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the faithful quotation is still flagged: ${JSON.stringify(seen?.diagnostics.map((d) => [d.range.start.line, d.code]))}`)), 15_000);
      server!.connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
        if (p.uri !== uri) return;
        seen = p;
        if (codesOnLine(p, 4).length > 0 && failedOnLine(p, 2).length === 0) { clearTimeout(timer); resolve(p); }
      });
    });
    await server.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    const last = await settled;
    assert.deepEqual(failedOnLine(last, 2), [], 'the faithful quotation passes once its source is read from the archive');
    assert.ok(codesOnLine(last, 4).some((c) => c === 'verbatim.altered' || c === 'verbatim.edited'), `the altered one is flagged against it: ${JSON.stringify(codesOnLine(last, 4))}`);
    const status = await server.waitForStatus((s) => s.sources === 3, 'with the archived source indexed beside the example');
    assert.equal(status.sources, 3);
  });

  it('answers from the workspace and names an unreachable archive in the status', async function () {
    const url = `postgres://postgres@127.0.0.1:${await freePort()}/postgres`;
    server = await startTestServer(folder, editorCapabilities, { archive: { url, timeBudgetMs: 5000 } }, 'server', { trusted: true });
    await server.waitForStatus((s) => !s.indexing && s.sources === 2, 'with the example sources indexed');
    const items = await complete('Critics warned it would “lifeline');
    assert.equal(items[0].label, 'close the last lifeline to a free internet.');
    const status = await server.waitForStatus((s) => s.archive?.state === 'unreachable', 'naming the archive unreachable');
    assert.match(status.archive!.message, /unreachable/);
  });

  it('never connects in Restricted Mode', async function () {
    server = await startTestServer(folder, editorCapabilities, { archive: { url: cluster.url, timeBudgetMs: 5000 } }, 'server', { trusted: false });
    await server.waitForStatus((s) => !s.indexing && s.sources === 2, 'with the example sources indexed');
    const { typed, quotation } = rememberedWords();
    const items = await complete(`The spokesperson said “${typed}`);
    assert.ok(!items.some((i) => i.textEdit && 'newText' in i.textEdit && i.textEdit.newText.includes(quotation)), 'no archived quotation is offered');
    assert.ok(server.statuses.every((s) => s.archive === undefined), 'the status names no archive');
  });
});
