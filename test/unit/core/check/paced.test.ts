import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createVerbatimService, type IVerbatimService } from '../../../../src/core';
import { defaultSettings } from '../../../../src/shared/settings';
import { workSliceMs } from '../../../../src/core/features/context';
import { MemoryWorkspace, seedArticle } from '../../helpers';

/** Quotations not in the source, so each is searched for in earnest and the check takes a while. */
const longDraft = Array.from({ length: 20 }, (_, i) => `The office said “regulators in district ${i} will publish revised guidance on tunnels” [@hkfp-2017-vpn].`).join('\n\n')
  + '\n\nThe MIIT announced “a 12-month nation-wide campaign” [@hkfp-2017-vpn].';

describe('a long check hands the thread back to its host', function () {
  this.timeout(20_000);
  let yields: number;
  let onYield: () => void;
  let service: IVerbatimService;
  let workspace: MemoryWorkspace;

  beforeEach(async () => {
    yields = 0;
    onYield = () => undefined;
    const yieldNow = async (): Promise<void> => { yields++; onYield(); };
    workspace = new MemoryWorkspace({ 'sources/hkfp.md': seedArticle });
    // A clock on which each look takes a slice of work: the check yields between its steps
    // however fast this machine runs it.
    let time = 0;
    const now = (): number => (time += workSliceMs);
    service = createVerbatimService({ workspace, settings: defaultSettings, yieldNow, now });
    await service.reindex();
  });

  it('yields while it works and finds what the check at one go finds', async () => {
    const document = TextDocument.create('memory:/draft.md', 'markdown', 1, longDraft);
    const paced = await service.provideDiagnostics(document);
    assert.ok(yields > 0, 'the host got the thread back at least once');
    // A host that never yields checks the draft at one go.
    const atOneGo = createVerbatimService({ workspace, settings: defaultSettings });
    await atOneGo.reindex();
    assert.deepEqual(paced, await atOneGo.provideDiagnostics(document));
    assert.ok(paced?.some((d) => d.code === 'verbatim.altered'));
  });

  it('stops when the request is cancelled', async () => {
    const token = { isCancellationRequested: false };
    onYield = () => { token.isCancellationRequested = true; };
    const document = TextDocument.create('memory:/draft.md', 'markdown', 1, longDraft);
    assert.equal(await service.provideDiagnostics(document, token), undefined);
    assert.equal(await service.checkDraft(longDraft, token), undefined);
  });

  it('answers nothing once the draft has changed under it, rather than fixes for the old text', async () => {
    let document = TextDocument.create('memory:/draft.md', 'markdown', 1, longDraft);
    // The host handles an edit while the check is paused, as the language server does.
    onYield = () => { document = TextDocument.update(document, [{ text: 'Nothing quoted any more.' }], 2); };
    const range = { start: { line: 0, character: 0 }, end: document.positionAt(longDraft.length) };
    assert.equal(await service.provideCodeActions(document, range), undefined);
    assert.equal(document.version, 2);
  });

  it('checks a version of a draft once for its diagnostics and quick fixes, and again when a source changes', async () => {
    const document = TextDocument.create('memory:/draft.md', 'markdown', 1, longDraft);
    const range = { start: { line: 0, character: 0 }, end: document.positionAt(longDraft.length) };
    const diagnostics = await service.provideDiagnostics(document);
    const before = yields;
    const fixes = await service.provideCodeActions(document, range);
    assert.equal(yields, before, 'the quick fixes reuse the check made for the diagnostics');
    assert.ok(fixes?.some((f) => f.title.includes('exact words')), 'the altered number still gets its fix');
    // The source now says what the draft quotes: the old verdict must not be served.
    workspace.files.set('sources/hkfp.md', seedArticle.replace('14-month', '12-month'));
    await service.updateSource({ uri: 'memory:/sources/hkfp.md', path: 'sources/hkfp.md' });
    const after = await service.provideDiagnostics(document);
    assert.ok(diagnostics?.some((d) => d.code === 'verbatim.altered'));
    assert.ok(!after?.some((d) => d.code === 'verbatim.altered' && document.getText(d.range).includes('12-month')), 'the quotation now matches its source');
  });
});
