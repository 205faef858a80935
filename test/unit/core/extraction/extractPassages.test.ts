import * as assert from 'node:assert/strict';
import type { Passage } from '../../../../src/core/model';
import { readFrontMatter } from '../../../../src/core/sources/frontMatter';
import { extractPassages } from '../../../../src/core/extraction/extractPassages';
import { readBlocks } from '../../../../src/core/text/paragraphs';
import { indexedService, seedArticle } from '../../helpers';

/** The passages of a source text (front matter allowed), as the index holds them. */
function passagesOf(text: string, key = 'src'): Passage[] {
  const front = readFrontMatter(text);
  const bodyStart = front.ok ? front.bodyStart : 0;
  return extractPassages(text, readBlocks(text, bodyStart), key);
}

/** Paragraphs of a test source, separated by blank lines. */
function paragraphs(...lines: string[]): string {
  return lines.join('\n\n') + '\n';
}

function quotes(text: string): Passage[] {
  return passagesOf(text).filter((p) => p.kind === 'quote');
}

/** The passage whose text starts with `start`, failing the test when there is none. */
function find(passages: readonly Passage[], start: string): Passage {
  const passage = passages.find((p) => p.text.startsWith(start));
  assert.ok(passage, `no passage starts with "${start}"; found: ${passages.map((p) => p.text.slice(0, 30)).join(' | ')}`);
  return passage;
}

function mentionText(text: string, passage: Passage): string | undefined {
  return passage.speakerMention ? text.slice(passage.speakerMention.start, passage.speakerMention.end) : undefined;
}

describe('extractPassages on the seed article (hkfp-2017-vpn)', () => {
  const passages = passagesOf(seedArticle, 'hkfp-2017-vpn');
  // A sentence of reported speech is also a clause, whole: the reported words are found among the reported passages.
  const reportedOnly = passages.filter((p) => p.kind === 'reported');
  const miit = 'Ministry of Industry and Information Technology (MIIT)';

  it('finds exactly the three direct quotations a reader finds', () => {
    assert.deepEqual(passages.filter((p) => p.kind === 'quote').map((p) => p.text.slice(0, 24)), [
      'the requirement that all',
      'close the last lifeline ',
      'focus on creating user f',
    ]);
  });

  it('gives the statement quotation to PEN America, in paragraph 7', () => {
    const quote = find(passages, 'the requirement that all VPNs receive prior government approval');
    assert.equal(quote.kind, 'quote');
    assert.equal(quote.speaker, 'PEN America');
    assert.equal(mentionText(seedArticle, quote), 'PEN America');
    assert.equal(quote.paragraph, 7);
    assert.equal(quote.text, 'the requirement that all VPNs receive prior government approval creates a default under which VPN use is illegal,');
  });

  it('gives “close the last lifeline to a free internet.” to PEN America too, in the same paragraph', () => {
    const quote = find(passages, 'close the last lifeline');
    assert.equal(quote.kind, 'quote');
    assert.equal(quote.speaker, 'PEN America');
    assert.equal(quote.paragraph, 7);
  });

  it('gives the quoted text of the rules to the rules, in paragraph 9', () => {
    const quote = find(passages, 'focus on creating user files');
    assert.equal(quote.kind, 'quote');
    assert.equal(quote.speaker, 'The rules');
    assert.equal(quote.paragraph, 9);
    assert.ok(quote.text.endsWith('operate a telecommunications service.'));
  });

  it('reads the opening sentence as reported speech of the ministry, named in full', () => {
    const reported = find(reportedOnly, 'China’s VPN crackdown');
    assert.equal(reported.kind, 'reported');
    assert.equal(reported.speaker, miit);
    assert.equal(reported.paragraph, 1);
  });

  it('resolves “the ministry” and “it” to the ministry named earlier', () => {
    const foreignTrade = find(reportedOnly, 'companies doing foreign trade');
    assert.equal(foreignTrade.kind, 'reported');
    assert.equal(foreignTrade.speaker, miit);
    assert.equal(mentionText(seedArticle, foreignTrade), 'The ministry');

    const operations = find(reportedOnly, 'The new rules will not affect their normal operations');
    assert.equal(operations.kind, 'reported');
    assert.equal(operations.speaker, miit);
    assert.equal(mentionText(seedArticle, operations), 'it');

    const target = find(reportedOnly, 'The target for the new rules');
    assert.equal(target.kind, 'reported');
    assert.equal(target.speaker, miit);
  });

  it('reads what Charlie Smith told the Guardian as his reported speech, despite the missing word', () => {
    const reported = find(reportedOnly, 'he is concerned that domestic VPN providers');
    assert.equal(reported.kind, 'reported');
    assert.equal(reported.speaker, 'Charlie Smith');
    assert.equal(reported.paragraph, 8);
  });

  it('keeps the two sentences about the rules as clauses of paragraphs 3 and 4', () => {
    const forbade = find(passages, 'It forbade telecommunications companies');
    assert.equal(forbade.kind, 'clause');
    assert.equal(forbade.paragraph, 3);
    const effect = find(passages, 'The rules took effect immediately');
    assert.equal(effect.kind, 'clause');
    assert.equal(effect.paragraph, 4);
  });

  it('does not number the photo caption or the subheading', () => {
    const body = readFrontMatter(seedArticle);
    assert.ok(body.ok);
    const blocks = readBlocks(seedArticle, body.bodyStart);
    const kindOf = (start: string): string => {
      const block = blocks.find((b) => seedArticle.slice(b.start, b.end).startsWith(start));
      assert.ok(block, `no block starts with "${start}"`);
      return `${block.kind} ${block.number}`;
    };
    assert.equal(kindOf('internet data it tech'), 'caption 0');
    assert.equal(kindOf('International business exception'), 'heading 0');
    assert.equal(kindOf('The rules appear to be mostly targeting'), 'paragraph 7');
    assert.equal(blocks.filter((b) => b.kind === 'paragraph').length, 10);
  });
});

describe('extractPassages: quotations and their speakers', () => {
  it('keeps a quotation nested in single marks inside the outer quotation', () => {
    const text = '“He told me ‘no way’ and left,” Smith said.\n';
    const [quote, ...rest] = quotes(text);
    assert.equal(rest.length, 0);
    assert.equal(quote.text, 'He told me ‘no way’ and left,');
    assert.equal(quote.speaker, 'Smith');
  });

  it('gives both parts of a quotation that runs over two paragraphs to the speaker named in the second', () => {
    const text = paragraphs('“First part of the statement.', '“Second part here,” Jones said.');
    const found = quotes(text);
    assert.deepEqual(found.map((q) => [q.text, q.speaker, q.paragraph]), [
      ['First part of the statement.', 'Jones', 1],
      ['Second part here,', 'Jones', 2],
    ]);
  });

  it('gives several quotations to the one attribution of their paragraph', () => {
    const text = paragraphs('Mary Smith spoke on Monday.', '“We will win,” she said. “And we will win big.”');
    const found = quotes(text);
    assert.deepEqual(found.map((q) => [q.text, q.speaker, mentionText(text, q)]), [
      ['We will win,', 'Mary Smith', 'she'],
      ['And we will win big.', 'Mary Smith', 'she'],
    ]);
    const before = '“A first thing.” “A second thing,” Tom Hall said.\n';
    assert.deepEqual(quotes(before).map((q) => [q.text, q.speaker]), [
      ['A first thing.', 'Tom Hall'],
      ['A second thing,', 'Tom Hall'],
    ]);
  });

  it('reads inverted attributions, dropping the title from the speaker', () => {
    const text = '“It is over,” said Senator John Reed.\n';
    const [quote] = quotes(text);
    assert.equal(quote.speaker, 'John Reed');
    assert.equal(mentionText(text, quote), 'Senator John Reed');
  });

  it('reads the speaker after the verb when a descriptor comes before the name', () => {
    const text = '“We will see,” said pollster Wanda Pryor.\n';
    const [quote] = quotes(text);
    assert.equal(quote.speaker, 'Wanda Pryor');
  });

  it('resolves “the ministry” and a surname to the full names given earlier, pointing at the local mention', () => {
    const text = paragraphs(
      'The Ministry of Finance (MOF) issued rules on Friday.',
      '“The rules are final,” the ministry said.',
      '“Nothing will change,” said Anna Lee, a spokeswoman.',
      '“We are ready,” Lee added.',
    );
    const found = quotes(text);
    assert.deepEqual(found.map((q) => [q.speaker, mentionText(text, q)]), [
      ['Ministry of Finance (MOF)', 'the ministry'],
      ['Anna Lee', 'Anna Lee'],
      ['Anna Lee', 'Lee'],
    ]);
  });

  it('points at the pronoun next to the cue and names the person it stands for', () => {
    const text = paragraphs('Governor Ann Park toured the plant.', '“It works,” she said.');
    const [quote] = quotes(text);
    assert.equal(mentionText(text, quote), 'she');
    assert.equal(quote.speaker, 'Ann Park');
  });

  it('gives a phrase quoted inside a clause to the clause’s subject', () => {
    const text = 'At a rally in Dover, Delaware, Kessler called the count “crooked” again.\n';
    const [quote] = quotes(text);
    assert.equal(quote.text, 'crooked');
    assert.equal(quote.speaker, 'Kessler');
  });

  it('gives a quotation to the relative pronoun’s antecedent, pointing at “who”', () => {
    const text = 'It drew a rebuke from Senator Dana Kim, who called the plan “a disaster.”\n';
    const [quote] = quotes(text);
    assert.equal(mentionText(text, quote), 'who');
    assert.equal(quote.speaker, 'Dana Kim');
  });

  it('takes the speaker from a dash line under a quotation that stands alone', () => {
    const text = paragraphs('“Facts are stubborn things.”', '— John Adams.');
    const [quote] = quotes(text);
    assert.equal(quote.speaker, 'John Adams');
  });

  it('takes the speaker a paragraph introduces with a colon', () => {
    const text = paragraphs('Senator Crane answered the moderators:', '“The questions put tonight show exactly what is wrong.”');
    const [quote] = quotes(text);
    assert.equal(quote.speaker, 'Crane');
  });

  it('does not take titles of shows and books for quotations', () => {
    const text = paragraphs('He appeared on WKTV’s “Week in Review” on Sunday.', 'Her memoir, “Long Roads,” sold well.', '“Harbor of Lost Things” star Mara Lindqvist spoke.');
    assert.deepEqual(quotes(text), []);
  });
});

describe('extractPassages: marks', () => {
  it('reads CJK corner brackets, keeping 『』 nested in 「」', () => {
    const text = '他说：「我们会赢。『明天』见。」然后离开了。\n';
    const found = quotes(text);
    assert.deepEqual(found.map((q) => [q.text, q.marks?.open, q.marks?.close]), [['我们会赢。『明天』见。', '「', '」']]);
  });

  it('runs a quotation left open to the end of its paragraph, and no further', () => {
    const text = paragraphs('He said “this never closes.', 'Next paragraph is plain.');
    const found = passagesOf(text);
    assert.deepEqual(found.map((p) => [p.kind, p.text, p.paragraph]), [
      ['quote', 'this never closes.', 1],
      ['clause', 'Next paragraph is plain.', 2],
    ]);
  });

  it('ignores a stray closing mark', () => {
    const found = quotes('The word” is stray and she said “this is quoted” here.\n');
    assert.deepEqual(found.map((q) => q.text), ['this is quoted']);
  });

  it('pairs misused marks by where they stand: a paragraph opening with ” and a “ that closes', () => {
    const text = paragraphs('”We are here,” she said.', '“We are ready,“ said Bob Jones.');
    const found = quotes(text);
    assert.deepEqual(found.map((q) => [q.text, q.speakerMention && text.slice(q.speakerMention.start, q.speakerMention.end)]), [['We are here,', 'she'], ['We are ready,', 'Bob Jones']]);
  });

  it('tells straight quotation marks from apostrophes', () => {
    const text = paragraphs(`"Don't go," said Sam's friend Tom Hall.`, 'It’s the voters’ choice, not ‘mine’.');
    const found = quotes(text);
    assert.deepEqual(found.map((q) => [q.text, q.speaker]), [[`Don't go,`, 'Tom Hall']]);
  });

  it('reads single marks as quotations in a source that quotes with them (British style)', () => {
    const found = quotes('‘We won’t stop,’ she said, and ‘that is final’.\n');
    assert.deepEqual(found.map((q) => q.text), ['We won’t stop,', 'that is final']);
  });

  it('ignores quotation marks inside markup tags', () => {
    const found = quotes('<tweet author="@someone">Great night!</tweet> Then “we won,” he said.\n');
    assert.deepEqual(found.map((q) => q.text), ['we won,']);
  });
});

describe('extractPassages: provisions', () => {
  it('numbers the clauses of an article so that they can be cited as Article 5(1)(a)', () => {
    const text = paragraphs('Article 5', '(1) Operators shall register with the ministry.', '(a) within 30 days of opening;', '(b) before offering services.');
    const clauses = passagesOf(text).filter((p) => p.kind === 'clause');
    assert.deepEqual(clauses.map((c) => [c.label, c.text]), [
      ['Article 5(1)', 'Operators shall register with the ministry.'],
      ['Article 5(1)(a)', 'within 30 days of opening;'],
      ['Article 5(1)(b)', 'before offering services.'],
    ]);
  });

  it('numbers Chinese provisions as 第五条（一）', () => {
    const text = paragraphs('第五条', '（一）运营商应当向主管部门登记。', '（二）未经批准不得经营。');
    const clauses = passagesOf(text).filter((p) => p.kind === 'clause');
    assert.deepEqual(clauses.map((c) => [c.label, c.text]), [
      ['第五条（一）', '运营商应当向主管部门登记。'],
      ['第五条（二）', '未经批准不得经营。'],
    ]);
  });
});

describe('extractPassages on long input', () => {
  it('reads a 1 MB paragraph after a quotation mark that never closes as sentences (linear: a quadratic pass would hang)', function () {
    // A hang guard, not a speed target: speed is measured by the benchmark.
    this.timeout(60_000);
    const sentence = 'The committee met again on Tuesday, and Mr. Smith said nothing new. ';
    const text = '“' + sentence.repeat(Math.ceil(1_000_000 / sentence.length)) + '\n';
    const passages = passagesOf(text);
    // A megabyte is no quotation anyone could quote: the mark is a stray one.
    assert.equal(passages.filter((p) => p.kind === 'quote').length, 0);
    assert.ok(passages.length > 10_000 && passages.every((p) => p.text.length <= 8000), 'every sentence is a passage of its own');
  });
});


describe('every sentence is a passage', () => {
  const text = paragraphs('On Monday the president retweeted an article by Vulture magazine, “The show was a disaster from the start,” and deleted it an hour later.');
  const passages = passagesOf(text);

  it('makes the narrative words around a quotation clauses, beside the quotation', () => {
    assert.deepEqual(passages.map((p) => [p.kind, p.text]), [
      ['clause', 'On Monday the president retweeted an article by Vulture magazine,'],
      ['quote', 'The show was a disaster from the start,'],
      ['clause', 'and deleted it an hour later.'],
    ]);
  });

  it('keeps a sentence whole around a term, so that its words are found across the quoted ones', () => {
    const doc = passagesOf(paragraphs('The council approved its so-called “fresh start” timetable for the island’s ferry commuters.'));
    assert.deepEqual(doc.map((p) => [p.kind, p.text]), [
      ['clause', 'The council approved its so-called “fresh start” timetable for the island’s ferry commuters.'],
      ['term', 'fresh start'],
    ]);
  });

  it('reads what follows a cue set off by commas after an opening word as the reported speech', () => {
    const doc = passagesOf(paragraphs('Moreover, the harbour board argued, the council should not now raise the mooring fees for small boats.'));
    assert.deepEqual(doc.filter((p) => p.kind === 'reported').map((p) => [p.text, p.speaker]), [
      ['the council should not now raise the mooring fees for small boats', 'the harbour board'],
    ]);
  });

  it('keeps a sentence that reports speech whole as a clause beside the speech, so its narrative words are found too', () => {
    const doc = passagesOf(paragraphs('According to a survey the harbour board published in March, most owners of small boats want lower fees.'));
    assert.deepEqual(doc.map((p) => [p.kind, p.text]), [
      ['clause', 'According to a survey the harbour board published in March, most owners of small boats want lower fees.'],
      ['reported', 'most owners of small boats want lower fees'],
    ]);
  });

  it('adds no clause beside reported speech whose only other words are a bare “he said”', () => {
    assert.deepEqual(passagesOf(paragraphs('The mooring fees will rise again in May, he said.')).map((p) => [p.kind, p.text]), [['reported', 'The mooring fees will rise again in May']]);
  });

  it('offers the reported speech, not its sentence as well, for words the speech holds; the sentence for its narrative words', async () => {
    const service = await indexedService({ 'sources/harbour.md': paragraphs('Moreover, the harbour board argued, the council should not now raise the mooring fees for small boats.') });
    assert.deepEqual(service.search('raise the mooring fees').map((h) => h.passage.kind), ['reported']);
    assert.equal(service.search('moreover harbour board argued')[0]?.passage.kind, 'clause');
  });

  it('joins a list marker and a run-in title to the sentence they open, and the end of a citation cut at an abbreviation to the sentence it ends', () => {
    const doc = passagesOf(paragraphs(
      'Note. Owners of small boats pay half the mooring fee in winter. Exception. A boat kept on land pays nothing.',
      'The fee schedule is printed in the harbour guide, see Reg. 12.',
      'Owners may appeal a fee within thirty days. Few do.',
    ));
    assert.deepEqual(doc.map((p) => p.text), [
      'Note. Owners of small boats pay half the mooring fee in winter.',
      'Exception. A boat kept on land pays nothing.',
      'The fee schedule is printed in the harbour guide, see Reg. 12.',
      'Owners may appeal a fee within thirty days. Few do.',
    ]);
  });

  it('leaves out words ending a paragraph without a full stop, such as a link’s “Read more”, rather than join them to the sentence', () => {
    assert.deepEqual(passagesOf(paragraphs('Owners may appeal a fee within thirty days. Read more')).map((p) => p.text), ['Owners may appeal a fee within thirty days.']);
  });

  it('reads reported speech in the sentence a run-in title was joined to', () => {
    const doc = passagesOf(paragraphs('Update. The harbour board said that the mooring fees will not rise this year.'));
    assert.deepEqual(doc.filter((p) => p.kind === 'reported').map((p) => [p.text, p.speaker]), [['the mooring fees will not rise this year', 'The harbour board']]);
    assert.ok(doc.some((p) => p.kind === 'clause' && p.text.startsWith('Update. The harbour board said')), 'the whole sentence, title included, is a clause');
  });

  it('keeps a bare “he said” out of the passages', () => {
    assert.deepEqual(passagesOf(paragraphs('“We will act today,” he said.')).map((p) => p.kind), ['quote']);
  });

  it('still certifies a faithful quotation against its quotation, with its speaker', async () => {
    const service = await indexedService({ 'sources/vulture.md': paragraphs('“The show was a disaster from the start,” said Jane Roe, the critic who reviewed it for the magazine.') });
    const [finding] = (await service.checkDraft('Jane Roe wrote: “The show was a disaster from the start,” [@vulture].'))!;
    assert.equal(finding.verdict, 'verbatim');
    assert.equal(finding.passage?.kind, 'quote');
    assert.equal(finding.passage?.speaker, 'Jane Roe');
    const [hit] = service.search('critic who reviewed it for the magazine');
    assert.deepEqual([hit?.passage.kind, hit?.passage.text], ['clause', 'said Jane Roe, the critic who reviewed it for the magazine.']);
  });

  it('makes a short line the numbering rule leaves uncounted, and a heading of some words without its marks, a clause without a paragraph number', () => {
    const doc = passagesOf(paragraphs('# The budget vote #', 'Seven members voted against', 'The council approved the budget on Tuesday after a long debate.', 'Why it matters\n---', '## Notes'));
    assert.deepEqual(doc.map((p) => [p.text, p.paragraph]), [
      ['The budget vote', 0], ['Seven members voted against', 0], ['The council approved the budget on Tuesday after a long debate.', 1], ['Why it matters', 0],
    ]);
  });

  it('makes the narrative words around a quotation in Chinese a clause, but not a bare “他说”', () => {
    const doc = passagesOf(paragraphs('午茶时间与主人闲聊，他说“环境应有生态保护”。', '他说：“我们明天再来。”'));
    assert.deepEqual(doc.map((p) => [p.kind, p.text]), [['clause', '午茶时间与主人闲聊，他说'], ['quote', '环境应有生态保护'], ['quote', '我们明天再来。']]);
  });
});
