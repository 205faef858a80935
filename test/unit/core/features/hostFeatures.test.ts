import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity, type Diagnostic, type TextDocumentEdit } from 'vscode-languageserver-types';
import { createVerbatimService, type IVerbatimService, type SourceRef } from '../../../../src/core';
import { defaultSettings, type VerbatimSettings } from '../../../../src/shared/settings';
import { joinLines, MemoryWorkspace, seedArticle } from '../../helpers';

/** A memory workspace whose patterns choose files by their first folder (`sources/…`, `drafts/…`), as a glob would. */
class FoldersWorkspace extends MemoryWorkspace {
  override async findSources(patterns: readonly string[] = []): Promise<readonly SourceRef[]> {
    const all = await super.findSources();
    const folders = patterns.map((p) => p.split('/')[0]);
    return all.filter((ref) => folders.includes('**') || folders.some((f) => ref.path.startsWith(`${f}/`)));
  }
}

async function serviceOver(files: Record<string, string>, settings: Partial<VerbatimSettings> = {}): Promise<{ service: IVerbatimService; workspace: FoldersWorkspace }> {
  const workspace = new FoldersWorkspace(files);
  const service = createVerbatimService({ workspace, settings: { ...defaultSettings, drafts: ['drafts/**/*.md'], ...settings } });
  await service.reindex();
  return { service, workspace };
}

const ref = (p: string): SourceRef => ({ uri: `memory:/${p}`, path: p });

describe('the workspace audit', () => {
  const files = {
    'sources/hkfp-2017-vpn.md': seedArticle,
    'drafts/closed.md': 'The MIIT announced “a 12-month nation-wide campaign” [@hkfp-2017-vpn].',
    'drafts/open.md': 'Nothing quoted on disk.',
  };

  it('reads closed drafts through the workspace and open ones from the editor, and reports every quotation', async () => {
    const { service } = await serviceOver(files);
    const published = new Map<string, Diagnostic[]>();
    const open = (uri: string): string | undefined => (uri === 'memory:/drafts/open.md' ? 'PEN America would “close the last lifeline to a free internet.” [@hkfp-2017-vpn]' : undefined);
    const result = await service.audit(open, (uri, diagnostics) => published.set(uri, diagnostics));
    assert.equal(result?.drafts, 2);
    assert.equal(result?.quotations, 2, 'the open draft is audited as the writer sees it, not as saved');
    assert.match(result!.report, /^# Quotation audit/);
    assert.match(result!.report, /## drafts\/closed\.md[\s\S]*\*\*altered\*\*/);
    assert.deepEqual([...published.keys()], ['memory:/drafts/closed.md'], 'only the closed draft gets its diagnostics from the audit');
    assert.deepEqual(published.get('memory:/drafts/closed.md')?.map((d) => d.code), ['verbatim.altered']);
  });

  it('never audits a source as a draft, and leaves out a draft that cannot be read', async () => {
    const { service, workspace } = await serviceOver(files, { drafts: ['**/*.md'] });
    const readFile = workspace.readFile.bind(workspace);
    workspace.readFile = (r, max) => (r.path === 'drafts/open.md' ? Promise.reject(new Error('permission denied')) : readFile(r, max));
    const result = await service.audit(() => undefined, () => undefined);
    assert.equal(result?.drafts, 1);
    assert.doesNotMatch(result!.report, /hkfp-2017-vpn\.md|open\.md/);
  });

  it('answers nothing when cancelled', async () => {
    const { service } = await serviceOver(files);
    assert.equal(await service.audit(() => undefined, () => undefined, { isCancellationRequested: true }), undefined);
  });
});

describe('the insert-quote picker’s items', () => {
  it('carry the quotation in marks with its citation, and the byline', async () => {
    const { service } = await serviceOver({ 'sources/hkfp-2017-vpn.md': seedArticle });
    const [item] = service.pickerItems('last lifeline free internet', { limit: 1 });
    assert.equal(item.key, 'hkfp-2017-vpn');
    assert.match(item.insertText, /^“close the last lifeline to a free internet\.?” \[@hkfp-2017-vpn, para\. 7\]$/);
    assert.match(item.byline, /Hong Kong Free Press · 25 January 2017 · para\. 7/);
    assert.equal(item.footnote, undefined);
  });

  it('number a footnote after those the draft already has', async () => {
    const { service } = await serviceOver({ 'sources/hkfp-2017-vpn.md': seedArticle }, { citationStyle: 'footnote' });
    const [item] = service.pickerItems('last lifeline free internet', { limit: 1, draft: joinLines('Text.[^1] More.[^2]', '', '[^1]: A.', '[^2]: B.') });
    assert.match(item.insertText, /” \[\^3\]$/);
    assert.match(item.footnote ?? '', /^\[\^3\]: .*\[@hkfp-2017-vpn\]$/);
  });

  it('write the same insertion as the Sources view for the same passage', async () => {
    const { service } = await serviceOver({ 'sources/hkfp-2017-vpn.md': seedArticle });
    const [item] = service.pickerItems('last lifeline free internet', { limit: 1 });
    const node = service.describePassages('memory:/sources/hkfp-2017-vpn.md', { id: item.id })?.passages[0];
    assert.equal(node?.insertText, item.insertText);
  });
});

describe('the diagnostics of broken sources', () => {
  it('show a skipped source as an error and a duplicate key as a warning, on the file itself', async () => {
    const { service } = await serviceOver({ 'sources/empty.md': '', 'sources/a.md': '---\nid: same\n---\nA.', 'sources/b.md': '---\nid: same\n---\nB.' });
    const sent = service.changedSourceDiagnostics();
    const byUri = new Map(sent.map((f) => [f.uri, f.diagnostics]));
    assert.deepEqual(byUri.get('memory:/sources/empty.md')?.map((d) => [d.code, d.severity, d.range.start.line]), [['verbatim.source.empty', DiagnosticSeverity.Error, 0]]);
    assert.deepEqual(byUri.get('memory:/sources/a.md')?.map((d) => [d.code, d.severity]), [['verbatim.source.duplicateKey', DiagnosticSeverity.Warning]]);
  });

  it('are sent again only when they change, and cleared once the file is mended', async () => {
    const { service, workspace } = await serviceOver({ 'sources/empty.md': '', 'sources/good.md': 'Fine.' });
    assert.equal(service.changedSourceDiagnostics().length, 1);
    assert.deepEqual(service.changedSourceDiagnostics(), [], 'nothing changed, nothing is sent');
    workspace.files.set('sources/empty.md', 'Now it has words.');
    await service.applyFileChanges([{ ref: ref('sources/empty.md'), deleted: false, isSource: true }]);
    assert.deepEqual(service.changedSourceDiagnostics(), [{ uri: 'memory:/sources/empty.md', diagnostics: [] }]);
  });
});

describe('file changes', () => {
  const files = { 'sources/a.md': 'Alpha said “one two three four”.', 'sources/deep/b.md': 'Beta.', 'sources/deep/c.md': '' };

  it('drop every source under a deleted folder, which the editor reports alone', async () => {
    const { service } = await serviceOver(files);
    await service.applyFileChanges([{ ref: ref('sources/deep'), deleted: true, isSource: false }]);
    assert.deepEqual(service.sources().map((s) => s.path), ['sources/a.md']);
    assert.deepEqual(service.status().problems, [], 'the broken source under it goes too');
  });

  it('drop a source that vanished before it could be read again, and one that no longer matches the patterns', async () => {
    const { service, workspace } = await serviceOver(files);
    workspace.files.delete('sources/a.md');
    await service.applyFileChanges([{ ref: ref('sources/a.md'), deleted: false, isSource: true }, { ref: ref('sources/deep/b.md'), deleted: false, isSource: false }]);
    assert.deepEqual(service.sources().map((s) => s.path), []);
  });

  it('read a created or changed source', async () => {
    const { service, workspace } = await serviceOver(files);
    workspace.files.set('sources/new.md', 'Gamma said “five six seven eight”.');
    await service.applyFileChanges([{ ref: ref('sources/new.md'), deleted: false, isSource: true }]);
    assert.ok(service.sources().some((s) => s.path === 'sources/new.md'));
  });
});

describe('the bibliography and front matter', () => {
  it('give every source as a CSL-JSON item', async () => {
    const { service } = await serviceOver({ 'sources/hkfp-2017-vpn.md': seedArticle });
    assert.deepEqual(service.bibliography().items.map((i) => (i as { id: string }).id), ['hkfp-2017-vpn']);
  });

  it('set the bibliography field as an edit of the draft’s version', async () => {
    const { service } = await serviceOver({});
    const document = TextDocument.create('memory:/drafts/d.md', 'markdown', 4, joinLines('---', 'title: x', '---', 'Text.'));
    const change = service.frontMatterEdit(document, 'bibliography', 'references.json').documentChanges![0] as TextDocumentEdit;
    assert.deepEqual(change.textDocument, { uri: 'memory:/drafts/d.md', version: 4 });
    assert.equal(TextDocument.applyEdits(document, change.edits as never), joinLines('---', 'title: x', 'bibliography: references.json', '---', 'Text.'));
  });
});
