import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, TextDocumentEdit } from 'vscode-languageserver-types';
import { indexedService, seedArticle } from '../../helpers';

async function fixes(draft: string): Promise<{ document: TextDocument; actions: CodeAction[] }> {
  const service = await indexedService({ 'sources/hkfp-2017-vpn.md': seedArticle });
  const document = TextDocument.create('memory:/draft.md', 'markdown', 7, draft);
  const range = { start: document.positionAt(0), end: document.positionAt(draft.length) };
  return { document, actions: (await service.provideCodeActions(document, range))! };
}

/** The draft after applying a fix, as an editor applies a versioned edit. */
function apply(document: TextDocument, action: CodeAction): string {
  const change = action.edit!.documentChanges![0] as TextDocumentEdit;
  assert.equal(change.textDocument.version, document.version, 'the fix is tied to the version it was computed for');
  return TextDocument.applyEdits(document, change.edits as never);
}

describe('quick fixes', () => {
  it('replaces an altered quotation with the source’s exact words', async () => {
    const { document, actions } = await fixes('The MIIT announced “a 12-month nation-wide campaign” [@hkfp-2017-vpn].');
    const replace = actions.find((a) => a.title === 'Replace with the source’s exact words')!;
    assert.equal(replace.isPreferred, true);
    assert.equal(apply(document, replace), 'The MIIT announced “a 14-month nation-wide campaign” [@hkfp-2017-vpn].');
  });

  it('attributes a misattributed quotation to the source’s speaker', async () => {
    const { document, actions } = await fixes('Charlie Smith said the rules create “a default under which VPN use is illegal” [@hkfp-2017-vpn].');
    const attribute = actions.find((a) => a.title === 'Attribute to PEN America')!;
    assert.equal(apply(document, attribute), 'PEN America said the rules create “a default under which VPN use is illegal” [@hkfp-2017-vpn].');
  });

  it('adds the missing citation after a quotation found in a source', async () => {
    const { document, actions } = await fixes('Critics feared it would “close the last lifeline to a free internet.”');
    const cite = actions.find((a) => a.title.startsWith('Add citation'))!;
    assert.equal(cite.title, 'Add citation [@hkfp-2017-vpn, para. 7]');
    assert.equal(apply(document, cite), 'Critics feared it would “close the last lifeline to a free internet.” [@hkfp-2017-vpn, para. 7]');
  });

  it('marks an unmarked omission with an ellipsis', async () => {
    const { document, actions } = await fixes('PEN America warned the rules would “close the lifeline to a free internet” [@hkfp-2017-vpn].');
    const ellipsis = actions.find((a) => a.title === 'Mark the omitted words with an ellipsis')!;
    assert.equal(apply(document, ellipsis), 'PEN America warned the rules would “close the … lifeline to a free internet” [@hkfp-2017-vpn].');
  });

  it('offers nothing for a verbatim, cited quotation', async () => {
    const { actions } = await fixes('PEN America called it an attempt to “close the last lifeline to a free internet.” [@hkfp-2017-vpn, para. 7]');
    assert.deepEqual(actions, []);
  });
});
