import * as assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CompletionRequest, DidOpenTextDocumentNotification, HoverRequest, type CompletionList, type MarkupContent, type TextEdit } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { editorCapabilities, startTestServer, type TestServer } from './lspClient';

const fixtures = path.resolve(__dirname, '../../../test/fixtures/zh');

describe('language server with Chinese sources', function () {
  let folder: string;
  let server: TestServer;

  before(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'verbatim-lsp-zh-'));
    mkdirSync(path.join(folder, 'sources'));
    mkdirSync(path.join(folder, 'drafts'));
    cpSync(fixtures, path.join(folder, 'sources'), { recursive: true });
    server = await startTestServer(folder, editorCapabilities);
    await server.waitForStatus((s) => !s.indexing && s.sources === 2, 'with the Chinese sources indexed');
  });

  after(async () => {
    await server.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  async function open(text: string): Promise<string> {
    const uri = pathToFileURL(path.join(folder, 'drafts', 'zh.md')).href;
    await server.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    return uri;
  }

  it('completes a quotation from characters typed after “ and hovers a cited provision', async () => {
    const text = '他强调：“暂停开放';
    const uri = await open(text);
    const list = await server.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri }, position: { line: 0, character: text.length }, context: { triggerKind: 3 },
    }) as CompletionList;
    const after = TextDocument.applyEdits(TextDocument.create(uri, 'markdown', 1, text), [list.items[0].textEdit as TextEdit]);
    assert.equal(after, '他强调：“协议会写明用途和期限，超出约定范围使用数据的，我们将暂停开放。”[@yunchuan-daily-data-rules, para. 4]');

    const cited = await open('见[@yunchuan-data-measures, 第十二条第二款]。');
    const hover = await server.connection.sendRequest(HoverRequest.type, { textDocument: { uri: cited }, position: { line: 0, character: 5 } });
    const value = (hover!.contents as MarkupContent).value.replace(/\\(.)/g, '$1');
    assert.match(value, /数据提供单位应当自收到申请之日起十个工作日内作出答复/);
  });
});
