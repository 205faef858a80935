import * as assert from 'node:assert/strict';
import type { IVerbatimService } from '../../../../src/core';
import { describeFinding } from '../../../../src/core/check/describeFinding';
import { findingsToDiagnostics } from '../../../../src/core/features/diagnostics';
import { defaultSettings } from '../../../../src/shared/settings';
import { indexedService, joinLines } from '../../helpers';
import { TextDocument } from 'vscode-languageserver-textdocument';

const briefing = joinLines(
  '---', 'id: briefing', 'title: Reef briefing', '---', '',
  'The team that studied the reef for a decade published its results on Monday.', '',
  '“We saw coral come back where nobody expected it,” said Maria Okafor, a marine biologist at the institute.', '',
  'Her colleague was more cautious. “One good year is not a trend,” said Tom Reyes, who leads the survey.', '',
  '“The reef is still under stress in the north.”', '',
  'Water temperatures rose again this year.', '',
  'Across the region, “recovery depends on cooler summers” remained the hope.', '',
  'A federal “supermax” aquarium in the capital was shown to officials.',
);

let service: IVerbatimService;
before(async () => {
  service = await indexedService({ 'sources/briefing.md': briefing, 'sources/broken.md': '---\nid: [unclosed\n---\nText.\n' });
});

async function check(draft: string) {
  const findings = (await service.checkDraft(draft))!;
  assert.equal(findings.length, 1, `one quotation in: ${draft}`);
  return findings[0];
}

describe('speakers in the check', () => {
  it('accepts the speaker under an apposition, a title or a description before the name', async () => {
    for (const draft of [
      'Maria Okafor, a marine biologist, said “We saw coral come back where nobody expected it” [@briefing].',
      'A biologist at the institute, Maria Okafor, said “We saw coral come back where nobody expected it” [@briefing].',
      'Dr. Okafor said “We saw coral come back where nobody expected it” [@briefing].',
      'According to Okafor, “We saw coral come back where nobody expected it” [@briefing].',
      'Okafor told reporters: “We saw coral come back where nobody expected it” [@briefing].',
    ]) {
      const f = await check(draft);
      assert.equal(f.verdict, 'verbatim', draft);
      assert.equal(f.speakerUnverified, undefined, draft);
    }
  });

  it('calls words given to another speaker the source names misattributed, quoting the sentence that names the speaker', async () => {
    const f = await check('Tom Reyes said “We saw coral come back where nobody expected it” [@briefing].');
    assert.equal(f.verdict, 'misattributed');
    assert.equal(f.sourceSpeaker, 'Maria Okafor');
    const message = describeFinding(f)!.message;
    assert.match(message, /Maria Okafor, not Tom Reyes/);
    assert.match(message, /said Maria Okafor, a marine biologist/);
  });

  it('leaves a speaker unverified, and says why, when the source names no one for the words', async () => {
    const f = await check('Maria Okafor said the paper found that “recovery depends on cooler summers” [@briefing].');
    assert.notEqual(f.verdict, 'misattributed');
    assert.equal(f.speakerUnverified?.reason, 'source');
    const doc = TextDocument.create('memory:/d.md', 'markdown', 1, 'Tom Reyes said “recovery depends on cooler summers” [@briefing].');
    const diagnostics = findingsToDiagnostics(doc, (await service.checkDraft(doc.getText()))!, defaultSettings.checkSeverity);
    const note = diagnostics.find((d) => d.code === 'verbatim.speakerUnverified');
    assert.ok(note, JSON.stringify(diagnostics));
    assert.equal(note.severity, 3, 'information by default');
    assert.match(String(note.message), /does not say who said these words/);
  });

  it('leaves a speaker unverified when the source only carries it over from the quotation before', async () => {
    const f = await check('Maria Okafor said “The reef is still under stress in the north” [@briefing].');
    assert.notEqual(f.verdict, 'misattributed');
    assert.equal(f.speakerUnverified?.reason, 'inferred');
  });

  it('leaves a speaker unverified when the writer names no one it can compare', async () => {
    const f = await check('The spokeswoman said “One good year is not a trend” [@briefing].');
    assert.notEqual(f.verdict, 'misattributed');
    assert.equal(f.speakerUnverified?.reason, 'writer');
  });

  it('calls words misattributed to a name the source sentence only speaks of, not to one it gives words to', async () => {
    const reports = await indexedService({ 'sources/tax.md': joinLines(
      '---', 'id: tax', '---', '',
      'Helena Brandt spoke in Ohio on Monday.', '',
      'Brandt said Kessler’s plan would “do little to lower the rents,” and called it a gift to landlords.', '',
      'Brandt said Smith told her that the plan was “a disaster for working families,” and she agreed.',
    ) });
    const spokenOf = (await reports.checkDraft('Victor Kessler said “do little to lower the rents” [@tax].'))![0];
    assert.equal(spokenOf.verdict, 'misattributed');
    const relayed = (await reports.checkDraft('Smith said “a disaster for working families” [@tax].'))![0];
    assert.notEqual(relayed.verdict, 'misattributed');
  });

  it('does not call words misattributed to the outlet the speaker told them to', async () => {
    const told = await indexedService({ 'sources/told.md': joinLines(
      '---', 'id: told', '---', '',
      'Rep. Howard Lisle told KBNW that “the first account we were given was of a quiet protest,” and left.',
    ) });
    const f = (await told.checkDraft('KBNW said “the first account we were given was of a quiet protest” [@told].'))![0];
    assert.notEqual(f.verdict, 'misattributed');
  });

  it('reads titles around either name: the source’s “Del. Corinne Abbot” and the writer’s full title', async () => {
    const hearing = await indexedService({ 'sources/hearing.md': joinLines(
      '---', 'id: hearing', '---', '',
      '“This hearing is a poor use of everyone’s morning,” said Del. Corinne Abbot of the Northern Isles.',
    ) });
    const f = (await hearing.checkDraft('Delegate Corinne Abbot told reporters: “This hearing is a poor use of everyone’s morning” [@hearing].'))![0];
    assert.notEqual(f.verdict, 'misattributed');
  });

  it('accepts the writer’s speaker named after a description that follows the source’s verb, and a name before the writer’s tag', async () => {
    const allies = await indexedService({ 'sources/allies.md': joinLines(
      '---', 'id: allies', '---', '',
      'Some of the governor’s allies have come round. “Peter is an old friend of mine,” said Hartley ally Owen Fairbrook.', '',
      '“I can see why people disagree with him,” said Sen. Mabel Thorne, R-N.D.',
    ) });
    const fairbrook = (await allies.checkDraft('Owen Fairbrook said “Peter is an old friend of mine” [@allies].'))![0];
    assert.notEqual(fairbrook.verdict, 'misattributed');
    const thorne = (await allies.checkDraft('Sen. Mabel Thorne, R-N.D said “I can see why people disagree with him” [@allies].'))![0];
    assert.notEqual(thorne.verdict, 'misattributed');
  });

  it('accepts the writer’s speaker that a verb of speech names in the source with a description between', async () => {
    const debate = await indexedService({ 'sources/debate.md': joinLines(
      '---', 'id: debate', '---', '',
      'In other words, explained KTVO moderator Ellen Sorvino: "What does that have to do with the money you raised?"', '',
      '“This rulebook just tells you that you are no longer wanted,” said Greta Holm, reports Harbor Daily.',
    ) });
    const sorvino = (await debate.checkDraft('Ellen Sorvino said “What does that have to do with the money you raised?” [@debate].'))![0];
    assert.notEqual(sorvino.verdict, 'misattributed');
    const outlet = (await debate.checkDraft('Harbor Daily said “This rulebook just tells you that you are no longer wanted” [@debate].'))![0];
    assert.notEqual(outlet.verdict, 'misattributed');
  });

  it('refutes a speaker the source only carries over when the writer’s speaker is named nowhere near', async () => {
    const f = await check('Aisha Bello said “The reef is still under stress in the north” [@briefing].');
    assert.equal(f.verdict, 'misattributed');
    assert.equal(f.sourceSpeaker, 'Tom Reyes');
  });

  it('reads the writer’s pronoun in a new paragraph as the subject of the sentence before', async () => {
    const wrong = await check('Reyes spoke on Tuesday.\n\nHe said: “We saw coral come back where nobody expected it” [@briefing].');
    assert.equal(wrong.verdict, 'misattributed');
    const right = await check('Okafor spoke on Tuesday.\n\nShe said: “We saw coral come back where nobody expected it” [@briefing].');
    assert.equal(right.verdict, 'verbatim');
  });

  it('calls words misattributed when the source’s pronoun has its name in its own sentence, though the writer’s speaker is named near', async () => {
    const film = await indexedService({ 'sources/film.md': joinLines(
      '---', 'id: film', '---', '',
      'Chemist Lena Varga appears in the report.', '',
      'Odile Marchetti said she felt the rule was worth revisiting because “few growers know about that exemption,” she said.',
    ) });
    const f = (await film.checkDraft('Lena Varga said “few growers know about that exemption” [@film].'))![0];
    assert.equal(f.verdict, 'misattributed');
    assert.equal(f.sourceSpeaker, 'Odile Marchetti');
    assert.match(f.speakerSentence ?? '', /Odile Marchetti said she felt/);
  });

  it('reads the writer’s unresolved pronoun as the subject before it, past a title’s full stop and a party tag', async () => {
    // "She" cannot stand for a Tom by the source rules, so the writer's sentence before decides.
    const f = await check('Rep. Tom Reyes (D-Ore.) spoke on Tuesday.\n\nShe said: “We saw coral come back where nobody expected it” [@briefing].');
    assert.equal(f.quote.speaker?.name, 'Rep. Tom Reyes');
    assert.equal(f.verdict, 'misattributed');
  });

  it('does not call words misattributed to the outlet the paragraph credits, in a sentence after the one that names it', async () => {
    const relayed = await indexedService({ 'sources/relayed.md': joinLines(
      '---', 'id: relayed', '---', '',
      'The mayor spoke to volunteers before the count.', '',
      '“I ask you as a favour to stay off the stage tonight,” Dana Whitlock said, according to KXRT. “It matters a great deal that you pass this on to your teams.”', '',
      '“He finds the forms far too long,” Omar Feld said, according to a recording obtained by Lakeside Community Radio.',
    ) });
    const cnn = (await relayed.checkDraft('KXRT said “It matters a great deal that you pass this on to your teams” [@relayed].'))![0];
    assert.notEqual(cnn.verdict, 'misattributed');
    const radio = (await relayed.checkDraft('Lakeside Community Radio said “He finds the forms far too long” [@relayed].'))![0];
    assert.notEqual(radio.verdict, 'misattributed');
    const other = (await relayed.checkDraft('Omar Feld said “It matters a great deal that you pass this on to your teams” [@relayed].'))![0];
    assert.equal(other.verdict, 'misattributed');
  });

  it('tells apart two people of one surname whose given names differ in gender', async () => {
    const family = await indexedService({ 'sources/family.md': joinLines(
      '---', 'id: family', '---', '',
      'Martha Quill and her husband both spoke at the vigil.', '',
      '“We came here to grieve with our neighbours,” said Martha Quill.',
    ) });
    const husband = (await family.checkDraft('Robert Quill said “We came here to grieve with our neighbours” [@family].'))![0];
    assert.equal(husband.verdict, 'misattributed');
    assert.equal(husband.sourceSpeaker, 'Martha Quill');
    const surname = (await family.checkDraft('Quill said “We came here to grieve with our neighbours” [@family].'))![0];
    assert.notEqual(surname.verdict, 'misattributed');
  });

  it('calls words misattributed to the person they were addressed to, but not to the outlet', async () => {
    const compliment = await indexedService({ 'sources/compliment.md': joinLines(
      '---', 'id: compliment', '---', '',
      'Hours later, Harlan Voss returned the compliment to Petra Lind, telling the Valley Ledger, “She is a remarkable organiser and a good friend.”', '',
      'In an interview with Harbor News, Voss added: “We will keep working together on the budget.”',
    ) });
    const listener = (await compliment.checkDraft('Petra Lind said “She is a remarkable organiser and a good friend” [@compliment].'))![0];
    assert.equal(listener.verdict, 'misattributed');
    const outlet = (await compliment.checkDraft('Harbor News said “We will keep working together on the budget” [@compliment].'))![0];
    assert.notEqual(outlet.verdict, 'misattributed');
  });

  it('calls words misattributed to a name in a clause after the source’s verb of speech', async () => {
    const press = await indexedService({ 'sources/press.md': joinLines(
      '---', 'id: press', '---', '',
      '“Very sharp question, very sharp reporter,” Harlan Voss, the party’s candidate for governor, said when Ellis asked him about taxes.',
    ) });
    const f = (await press.checkDraft('Ellis said “Very sharp question, very sharp reporter” [@press].'))![0];
    assert.equal(f.verdict, 'misattributed');
  });

  it('leaves unverified the words the source’s speaker quotes from someone else', async () => {
    const story = await indexedService({ 'sources/story.md': joinLines(
      '---', 'id: story', '---', '',
      '“Priya and I were leaving the hall. She said, ‘Well, you made the front page again.’ And I shrugged,” said Walter Lund.',
    ) });
    const f = (await story.checkDraft('Priya Desai said “Well, you made the front page again” [@story].'))![0];
    assert.notEqual(f.verdict, 'misattributed');
    assert.equal(f.speakerUnverified?.reason, 'source');
  });

  it('checks the speaker of words that follow a plural possessive’s apostrophe, which opens no quotation', async () => {
    const ward = await indexedService({ 'sources/ward.md': joinLines(
      '---', 'id: ward', '---', '',
      '“The nurses\' union wants more money and fewer night shifts,” said Carla Mendes, who chairs the hospital board.', '',
      '"We left early. He said, \'You will miss the speech.\' And we did," said Walter Lund.',
    ) });
    const faithful = (await ward.checkDraft('Carla Mendes said the “union wants more money and fewer night shifts” [@ward].'))![0];
    assert.equal(faithful.verdict, 'verbatim');
    assert.equal(faithful.speakerUnverified, undefined);
    const wrong = (await ward.checkDraft('Peter Algar said the “union wants more money and fewer night shifts” [@ward].'))![0];
    assert.equal(wrong.verdict, 'misattributed');
    assert.equal(wrong.sourceSpeaker, 'Carla Mendes');
    const inner = (await ward.checkDraft('Ellen Moss said “You will miss the speech” [@ward].'))![0];
    assert.notEqual(inner.verdict, 'misattributed');
    assert.equal(inner.speakerUnverified?.reason, 'source');
  });

  it('takes a capitalised plural of a noun for people as a description, unverified when the writer’s speaker is named near', async () => {
    const show = await indexedService({ 'sources/show.md': joinLines(
      '---', 'id: show', '---', '',
      'Imogen Vale returns to the stage this autumn.', '',
      'Fans can expect “perhaps a bit more mischief than they are used to.”',
    ) });
    const f = (await show.checkDraft('Vale said “perhaps a bit more mischief than they are used to” [@show].'))![0];
    assert.notEqual(f.verdict, 'misattributed');
  });

  it('finds a quotation typed with straight apostrophes in the source it cites before one that prints them so', async () => {
    const twice = await indexedService({
      'sources/a-cited.md': '---\nid: cited\n---\n\n“She is becoming the league’s best recruiter,” Nadia Osei said.\n',
      'sources/b-other.md': '---\nid: other\n---\n\n"She is becoming the league\'s best recruiter," Osei said on Saturday.\n',
    });
    const f = (await twice.checkDraft('“She is becoming the league\'s best recruiter” [@cited].'))![0];
    assert.equal(f.verdict, 'normalized');
    assert.equal(f.source?.meta.key, 'cited');
  });

  it('reads the name after a description in the writer’s apposition', async () => {
    const f = await check('The biologist from Lagos, Tom Reyes, said “We saw coral come back where nobody expected it” [@briefing].');
    assert.equal(f.verdict, 'misattributed');
    assert.equal(f.quote.speaker?.name, 'Tom Reyes');
  });

  it('never calls a term misattributed', async () => {
    const f = await check('Tom Reyes mocked the “supermax” idea [@briefing].');
    assert.equal(f.passage?.kind, 'term');
    assert.notEqual(f.verdict, 'misattributed');
  });

  it('finds a term by search, to insert it', async () => {
    const hits = service.search('supermax', { limit: 5 });
    assert.ok(hits.some((h) => h.passage.kind === 'term' && h.passage.text === 'supermax'), JSON.stringify(hits.map((h) => [h.passage.kind, h.passage.text])));
  });
});

describe('messages say what happened', () => {
  it('gives both numbers of a changed number', async () => {
    const numbers = await indexedService({ 'sources/n.md': '---\nid: n\n---\n\n“We counted 150 turtles on the beach this spring,” said Ana Ruiz.\n' });
    const f = (await numbers.checkDraft('“We counted 200 turtles on the beach this spring” [@n].'))![0];
    assert.equal(f.verdict, 'altered');
    assert.match(describeFinding(f)!.message, /a number changed: “150” → “200”/);
  });

  it('calls a replaced word replaced, not added', async () => {
    const f = await check('“We saw coral return where nobody expected it” [@briefing].');
    const message = describeFinding(f)!.message;
    assert.match(message, /“come back” replaced by “return”|“come” replaced by “return”/);
    assert.doesNotMatch(message, /added without brackets/);
  });

  it('says that a cited source could not be read, and why', async () => {
    const f = await check('“These words are in no source at all anywhere” [@broken].');
    assert.equal(f.verdict, 'not-found');
    const message = describeFinding(f)!.message;
    assert.match(message, /@broken could not be read \(/);
    assert.doesNotMatch(message, /Not found in @broken or in any other source/);
  });
});
