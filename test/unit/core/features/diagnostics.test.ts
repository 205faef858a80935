import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { defaultSettings } from '../../../../src/shared/settings';
import { indexedService, joinLines, seedArticle } from '../../helpers';

const draft = joinLines(
  'The MIIT announced “a 12-month nation-wide campaign” [@hkfp-2017-vpn].',
  'PEN America feared it would “close the final lifeline to a free internet.” [@hkfp-2017-vpn]',
  'It would “close the last lifeline to a free internet.” [@hkfp-2017-vpn]',
  'He said “VPN users will face prison terms for this” [@hkfp-2017-vpn].',
);

describe('diagnostics', () => {
  it('flag each quotation that needs attention with a stable code and the level of its kind', async () => {
    const service = await indexedService({ 'sources/hkfp-2017-vpn.md': seedArticle });
    const document = TextDocument.create('memory:/d.md', 'markdown', 1, draft);
    const diagnostics = (await service.provideDiagnostics(document))!;
    assert.deepEqual(diagnostics.map((d) => [d.range.start.line, d.code, d.severity]), [
      [0, 'verbatim.altered', DiagnosticSeverity.Error],
      [1, 'verbatim.altered', DiagnosticSeverity.Warning],
      [3, 'verbatim.not-found', DiagnosticSeverity.Warning],
    ]);
    assert.equal(diagnostics[0].relatedInformation?.[0].location.uri, 'memory:/sources/hkfp-2017-vpn.md');
  });

  it('follow the levels the user chose, and stay silent when turned off', async () => {
    const service = await indexedService({ 'sources/hkfp-2017-vpn.md': seedArticle }, {
      checkSeverity: { ...defaultSettings.checkSeverity, alteredMeaning: 'hint', notFound: 'off' },
    });
    const document = TextDocument.create('memory:/d.md', 'markdown', 1, draft);
    assert.deepEqual((await service.provideDiagnostics(document))!.map((d) => d.severity), [DiagnosticSeverity.Hint, DiagnosticSeverity.Warning]);
    service.setSettings({ ...service.settings, checkEnabled: false });
    assert.deepEqual(await service.provideDiagnostics(document), []);
  });
});
