import * as assert from 'node:assert/strict';
import type { IVerbatimService } from '../../../../src/core';
import { messages } from '../../../../src/shared/strings';
import { indexedService, joinLines, seedArticle } from '../../helpers';

const udhr = joinLines(
  '---', 'id: udhr-1948', 'title: Universal Declaration of Human Rights', 'outlet: United Nations', 'date: 1948-12-10', '---', '',
  'Article 19', '',
  'Everyone has the right to freedom of opinion and expression; this right includes freedom to hold opinions without interference and to seek, receive and impart information and ideas through any media and regardless of frontiers.',
  '', 'Article 29', '',
  '2. In the exercise of his rights and freedoms, everyone shall be subject only to such limitations as are determined by law.',
);
const rules = joinLines('---', 'id: rules', '---', '', 'Operators may rent out international lines, but only if they keep user files.');
const council = joinLines('---', 'id: council', '---', '', '“The council has ignored the words ‘harbour’ and ‘ferry’ all year,” said Ines Varga, a planner.');

let service: IVerbatimService;
before(async () => {
  service = await indexedService({ 'sources/hkfp-2017-vpn.md': seedArticle, 'sources/udhr-1948.md': udhr, 'sources/rules.md': rules, 'sources/council.md': council });
});

/** The one finding for a draft holding one quotation. */
async function check(draft: string) {
  const findings = (await service.checkDraft(draft))!;
  assert.equal(findings.length, 1, `one quotation in: ${draft}`);
  return findings[0];
}

describe('quotation verdicts', () => {
  it('calls an exact quotation verbatim, and a fragment of a longer one too', async () => {
    assert.equal((await check('PEN America called it an attempt to “close the last lifeline to a free internet.” [@hkfp-2017-vpn, para. 7]')).verdict, 'verbatim');
    assert.equal((await check('PEN America said the rules would “close the last lifeline” [@hkfp-2017-vpn].')).verdict, 'verbatim');
  });

  it('calls a quotation normalized when only marks, apostrophes, dashes or spaces differ', async () => {
    const f = await check('Smith fears providers "may share their customers\' data with authorities" [@hkfp-2017-vpn].');
    assert.equal(f.verdict, 'normalized');
    assert.equal(f.passage?.speaker, 'Charlie Smith');
  });

  it('ignores the writer’s own punctuation closing the quotation', async () => {
    assert.equal((await check('“The rules took effect immediately,” the paper reported [@hkfp-2017-vpn].')).verdict, 'verbatim');
  });

  it('accepts an ellipsis for omitted words and lists what was omitted', async () => {
    const f = await check('The rules say operators must “focus on creating user files … and must not be used to connect to overseas data centres” [@hkfp-2017-vpn, para. 9].');
    assert.equal(f.verdict, 'edited');
    assert.equal(f.edits[0].kind, 'omission');
    assert.match(f.edits[0].source, /^, clearly state to users that the usage is limited to internal office use,$/);
  });

  it('accepts [...] and square brackets for changed words, and a changed initial capital', async () => {
    const brackets = await check('PEN America said “[the] requirement that all VPNs receive prior [state] approval creates a default under which VPN use is illegal” [@hkfp-2017-vpn].');
    assert.equal(brackets.verdict, 'edited');
    assert.deepEqual(brackets.edits.map((e) => [e.kind, e.draft, e.source]), [['bracket', '[the]', 'the'], ['bracket', '[state]', 'government']]);
    const capital = await check('“Close the last lifeline to a free internet,” PEN America warned [@hkfp-2017-vpn].');
    assert.equal(capital.verdict, 'edited');
    assert.deepEqual(capital.edits.map((e) => e.kind), ['capital']);
  });

  it('checks a short draft’s quotation whole when it quotes words in single marks inside it', async () => {
    // Two single marks and one double: the draft still quotes in double marks, and “not” is caught.
    const f = await check('Varga said: “The council has not ignored the words ‘harbour’ and ‘ferry’ all year,” [@council].');
    assert.equal(f.verdict, 'altered');
    assert.match(f.quote.text, /^The council has not ignored/);
    assert.deepEqual(f.alterations.map((a) => a.kind), ['negation']);
  });

  it('says a negation was added or dropped, not changed from or to nothing', () => {
    assert.equal(messages.alterationDescription('negation', 'not', ''), 'a negation added: “not”');
    assert.equal(messages.alterationDescription('negation', '', 'never'), 'a negation dropped: “never”');
    assert.equal(messages.alterationDescription('negation', 'never', 'not'), 'a negation changed: “not” → “never”');
  });

  it('calls a changed number altered and names it', async () => {
    const f = await check('The MIIT announced “a 12-month nation-wide campaign” [@hkfp-2017-vpn, para. 2].');
    assert.equal(f.verdict, 'altered');
    assert.deepEqual(f.alterations.map((a) => [a.kind, a.source, a.draft]), [['number', '14-month', '12-month']]);
  });

  it('calls an added negation altered and names it', async () => {
    const f = await check('The ministry said the rules “will not affect the normal operations of foreign companies and multinational enterprises” [@hkfp-2017-vpn].');
    assert.match(f.verdict, /^(?:verbatim|normalized)$/, 'the source says “will not affect”');
    const g = await check('The ministry said the new rules “will affect their normal operations” [@hkfp-2017-vpn].');
    assert.equal(g.verdict, 'altered');
    assert.equal(g.alterations[0].kind, 'negation');
  });

  it('calls a changed name altered and names it', async () => {
    const f = await check('“The MIIT announced on Monday a 14-month nation-wide campaign” [@hkfp-2017-vpn].');
    assert.equal(f.verdict, 'altered');
    assert.equal(f.alterations[0].kind, 'name');
  });

  it('calls a replaced, a dropped and a reordered word altered', async () => {
    assert.deepEqual((await check('“close the final lifeline to a free internet” [@hkfp-2017-vpn].')).alterations.map((a) => a.kind), ['replaced']);
    assert.deepEqual((await check('“close the lifeline to a free internet” [@hkfp-2017-vpn].')).alterations.map((a) => a.kind), ['omitted']);
    assert.deepEqual((await check('“close the last lifeline to an internet free” [@hkfp-2017-vpn].')).verdict, 'altered');
  });

  it('calls words given to the wrong speaker misattributed', async () => {
    const f = await check('Charlie Smith said the rules create “a default under which VPN use is illegal” [@hkfp-2017-vpn, para. 7].');
    assert.equal(f.verdict, 'misattributed');
    assert.equal(f.sourceSpeaker, 'PEN America');
  });

  it('accepts the source’s speaker under a shorter name', async () => {
    assert.equal((await check('Smith “is concerned that domestic VPN providers that register with the authorities may share their customers’ data with authorities,” he said [@hkfp-2017-vpn].')).verdict, 'verbatim');
  });

  it('calls words from another source than the cited one wrong-source', async () => {
    const f = await check('Critics recall that “Everyone has the right to freedom of opinion and expression” [@hkfp-2017-vpn].');
    assert.equal(f.verdict, 'wrong-source');
    assert.equal(f.source?.meta.key, 'udhr-1948');
  });

  it('calls words in no source not-found', async () => {
    const f = await check('He said “VPN users will face prison terms” [@hkfp-2017-vpn, para. 8].');
    assert.equal(f.verdict, 'not-found');
  });

  it('notes a quotation that stops right before a qualifier', async () => {
    const f = await check('The rules say “Operators may rent out international lines” [@rules].');
    assert.equal(f.verdict, 'verbatim');
    assert.equal(f.qualifier, 'but only if');
  });

  it('reads a block quotation and its attribution line', async () => {
    const f = await check(joinLines('> the requirement that all VPNs receive prior government approval creates a default', '> — Charlie Smith [@hkfp-2017-vpn, para. 7]'));
    assert.equal(f.verdict, 'misattributed');
    assert.equal(f.quote.block, true);
  });

  it('leaves quotation marks in code, links and front matter alone', async () => {
    const findings = (await service.checkDraft(joinLines('---', 'title: "A made-up title in front matter"', '---', '',
      'Run `echo "not a quote at all, but code"` and see [the "site"](https://x.example "a made up title").', '',
      '```', '"a fenced string that is code"', '```')))!;
    assert.deepEqual(findings, []);
  });
});
