import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { IVerbatimService } from '../../../../src/core';
import { maxDraftChars } from '../../../../src/core/draft/draftQuotes';
import { indexedService, joinLines, seedArticle } from '../../helpers';

/** Sources with many shared words, so that only a quotation's own words tell them apart. */
const filler = (n: number): string => joinLines('---', `id: other-${n}`, '---', '', `Officials said on day ${n} that the rules would be reviewed, and that users of the internet would be told.`);

let service: IVerbatimService;
before(async () => {
  const others = Object.fromEntries(Array.from({ length: 30 }, (_, n) => [`sources/other-${n}.md`, filler(n)]));
  service = await indexedService({ 'sources/hkfp-2017-vpn.md': seedArticle, ...others });
});

const verdictOf = async (draft: string): Promise<string> => {
  const findings = ((await service.checkDraft(draft)))!;
  assert.equal(findings.length, 1, draft);
  return `${findings[0].verdict} ${findings[0].source?.meta.key ?? ''}`.trim();
};

describe('checking quotations against a library of many sources', () => {
  it('finds a quotation that starts and ends inside words of the source', async () => {
    assert.equal((await verdictOf('They warned of attempts to “lose the last lifeline to a free inter” [@hkfp-2017-vpn].')), 'verbatim hkfp-2017-vpn');
  });

  it('finds a quotation of one word part, and the source it stands in among many', async () => {
    assert.equal((await verdictOf('The word “ifelin” [@hkfp-2017-vpn] is part of one.')), 'verbatim hkfp-2017-vpn');
    assert.equal((await verdictOf('Officials said “day 17 that” the rules would change.')), 'verbatim other-17');
  });

  it('finds normalised and recapitalised quotations in the one source holding them', async () => {
    assert.equal((await verdictOf('Smith fears providers "may share their customers\' data with authorities" [@hkfp-2017-vpn].')), 'normalized hkfp-2017-vpn');
    assert.equal((await verdictOf('“Close the last lifeline to a free internet,” PEN America warned [@hkfp-2017-vpn].')), 'edited hkfp-2017-vpn');
  });

  it('calls words cited to the wrong source wrong-source, and words in no source not-found', async () => {
    assert.equal((await verdictOf('Officials said “day 17 that the rules would be reviewed” [@other-3].')), 'wrong-source other-17');
    assert.equal((await verdictOf('A spokesperson said “nobody anywhere has ever written these particular words down”.')), 'not-found');
  });

  it('answers a repeated quotation the same way each time, at its own place', async () => {
    const findings = (await service.checkDraft('“close the last lifeline” [@hkfp-2017-vpn] and again “close the last lifeline” [@hkfp-2017-vpn]'))!;
    assert.deepEqual(findings.map((f) => f.verdict), ['verbatim', 'verbatim']);
    assert.notEqual(findings[0].quote.span.start, findings[1].quote.span.start);
  });
});

describe('a draft longer than is checked', function () {
  // A draft of 300,000 characters is read twice (check and diagnostics) on a shared machine.
  this.timeout(30_000);

  it('is checked up to a paragraph break before the limit, and says from which line it is not', async () => {
    const paragraph = 'PEN America said it would “close the last lifeline to a free internet” [@hkfp-2017-vpn].';
    const count = Math.ceil((maxDraftChars * 1.5) / (paragraph.length + 2));
    const text = Array.from({ length: count }, () => paragraph).join('\n\n');
    const document = TextDocument.create('memory:/long.md', 'markdown', 1, text);
    const findings = (await service.checkDraft(text))!;
    assert.ok(findings.length > 0 && findings.every((f) => f.quote.span.end <= maxDraftChars), 'only quotations before the limit are checked');
    const notice = (await service.provideDiagnostics(document))!.filter((d) => d.code === 'verbatim.draftTooLong');
    assert.equal(notice.length, 1);
    assert.ok(notice[0].range.start.line > 0 && notice[0].range.start.character === 0, 'the notice stands at the start of the first line not checked');
    assert.match(String(notice[0].message), new RegExp(`line ${notice[0].range.start.line + 1}\\b`));
  });

  it('is not reported for a draft within the limit', async () => {
    const document = TextDocument.create('memory:/short.md', 'markdown', 1, '“close the last lifeline” [@hkfp-2017-vpn]');
    assert.deepEqual((await service.provideDiagnostics(document))!.filter((d) => d.code === 'verbatim.draftTooLong'), []);
  });
});
