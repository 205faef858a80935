import * as assert from 'node:assert/strict';
import type { Passage } from '../../../../src/core/model';
import { readFrontMatter } from '../../../../src/core/sources/frontMatter';
import { extractPassages } from '../../../../src/core/extraction/extractPassages';
import { speakerName } from '../../../../src/core/extraction/speakers';
import { loadSource } from '../../../../src/core/sources/loadSource';
import { findDraftQuotes } from '../../../../src/core/draft/draftQuotes';
import { readBlocks } from '../../../../src/core/text/paragraphs';

function passagesOf(text: string, locale?: string): Passage[] {
  const front = readFrontMatter(text);
  return extractPassages(text, readBlocks(text, front.ok ? front.bodyStart : 0), 'src', locale);
}

function paragraphs(...lines: string[]): string {
  return lines.join('\n\n') + '\n';
}

/** Each quotation or term of a source with its kind and speaker. */
function quoted(text: string, locale?: string): [string, string, string | undefined][] {
  return passagesOf(text, locale).filter((p) => p.kind === 'quote' || p.kind === 'term').map((p) => [p.kind, p.text, p.speaker]);
}

describe('speakers are people, organisations or documents', () => {
  it('gives no quotation to a word that only began a sentence', () => {
    for (const start of ['It', 'There', 'Furthermore']) {
      const found = quoted(`${start} is “a very long way from being settled, if it ever is,” the notes say.\n`);
      assert.ok(found.every(([, , speaker]) => speaker !== start), `${start} is no speaker: ${JSON.stringify(found)}`);
    }
  });

  it('gives a quotation its page ends with “…,” said <name> to that scientist, not to “the team that” before it', () => {
    const text = paragraphs(
      'The team that studied the reef for a decade published its results on Monday.',
      '“We saw coral come back where nobody expected it,” said Maria Okafor, a marine biologist at the institute.',
    );
    assert.deepEqual(quoted(text), [['quote', 'We saw coral come back where nobody expected it,', 'Maria Okafor']]);
  });

  it('leaves a pronoun that resolves to no one without a speaker, but keeps where it stands', () => {
    const [quote] = passagesOf('“We are ready,” she said.\n').filter((p) => p.kind === 'quote');
    assert.equal(quote.speaker, undefined);
    assert.ok(quote.speakerMention);
  });

  it('reads the name out of a description before it and drops words around it', () => {
    assert.equal(speakerName('State Department deputy spokesperson Vedant Patel'), 'Vedant Patel');
    assert.equal(speakerName('Seoul resident Margie Kim'), 'Margie Kim');
    assert.equal(speakerName('Was Bartleby'), 'Bartleby');
    assert.equal(speakerName('the team that'), undefined);
    assert.equal(speakerName('a spokeswoman for the ministry'), 'a spokeswoman for the ministry');
    assert.equal(speakerName('Essentially'), undefined);
    assert.equal(speakerName('Possible', (w) => w === 'Possible'), undefined, 'a word the source also writes in lower case');
  });

  it('keeps a surname cut by a soft hyphen or a zero-width space whole', () => {
    const text = paragraphs('“Nothing has changed,” said Doug \u00adAndres.', '“Still nothing,” said Anna Mül\u00adler.', '“Not yet,” said Eva Schmidt\u200b.');
    assert.deepEqual(quoted(text).map(([, , speaker]) => speaker), ['Doug Andres', 'Anna Müller', 'Eva Schmidt']);
  });

  it('gives a quotation to the name before a degree, not to the degree', () => {
    const text = paragraphs('“It resonates because it is scary,” says Stephen Calderwood, MD, president of the society.', '“We saw it coming,” said Ana Ruiz, PhD.');
    assert.deepEqual(quoted(text).map(([, , speaker]) => speaker), ['Stephen Calderwood', 'Ana Ruiz']);
  });

  it('resolves “he” to a person, not to a place or to two people named together', () => {
    const text = paragraphs(
      'The clerks walked him past Trinity Church to the Halls of Justice.',
      '“I know where I am,” he replied.',
    );
    assert.deepEqual(quoted(text).map(([, , speaker]) => speaker), [undefined]);
    const named = paragraphs('Haoyu Zhang and Alden Thorn came in late.', '“Hi,” said Alden.', '“We are fine,” Haoyu said.');
    assert.deepEqual(quoted(named).map(([, , speaker]) => speaker), ['Alden Thorn', 'Haoyu Zhang']);
  });

  it('gives “who” only the name right before it', () => {
    const text = paragraphs('He took the ferry to Wall-street that morning.', '“Then, sir,” said the stranger, who proved a lawyer, “you are responsible for him.”');
    assert.ok(quoted(text).every(([, , speaker]) => speaker !== 'Wall-street'), JSON.stringify(quoted(text)));
    assert.deepEqual(quoted('Beck, who spoke for an hour, called the plan “a disaster for the country.”\n').map(([, , speaker]) => speaker), ['Beck']);
  });

  it('takes no speaker from a word that began a sentence and is an ordinary word elsewhere', () => {
    const text = paragraphs(
      'He kept acting as if nothing had happened.',
      'Acting accordingly, next day I addressed him: “I find these chambers too far from the City Hall.”',
      'Don’t say “this post is so snobbish it burned up my computer.”',
    );
    assert.ok(quoted(text).every(([, , speaker]) => speaker !== 'Acting' && speaker !== 'Don’t'), JSON.stringify(quoted(text)));
  });

  it('gives a transcript’s turn to the speaker it names in capitals, and not to a label', () => {
    const text = paragraphs(
      'Chris Wallace interviewed Mike Pence on Sunday. Partial transcript as follows:',
      '"WALLACE: Let’s start with breaking news on the debate story."',
      '"PENCE: Well, look, the question really should be about her campaign."',
      '"UPDATE: The interview was recorded on Saturday."',
    );
    assert.deepEqual(quoted(text).map(([, , speaker]) => speaker), ['Chris Wallace', 'Mike Pence', undefined]);
  });

  it('starts a new turn in a transcript whose paragraphs open a quotation and leave it open', () => {
    const text = 'Chris Wallace interviewed Mike Pence on Sunday. Partial transcript as follows:\n\n"WALLACE: Let’s start with the debate.\n\n"PENCE: Well, look, the question is about her campaign.\n\n"And that is all I will say."\n';
    assert.deepEqual(quoted(text).map(([, , speaker]) => speaker), ['Chris Wallace', 'Mike Pence', 'Mike Pence']);
  });

  it('gives a quotation signed with a dash and a name at the end of its line to that name', () => {
    const text = paragraphs(
      'Readers told us what they thought of the debate.',
      '“He can’t even answer a question without scaring people first.” ― Esther Tapia',
      '“The most unqualified candidate ever to run.” — Francisco de la Herrero.',
      '“I’m so ashamed.”― Pamela Padilla\u00a0',
    );
    assert.deepEqual(quoted(text).map(([, , speaker]) => speaker), ['Esther Tapia', 'Francisco de la Herrero', 'Pamela Padilla']);
  });

  it('reads “as X put it”, “the letter reads”, and goes on with the speaker of reported speech', () => {
    const text = paragraphs(
      'He was seen, as The New Yorker put it in a long profile, as “the operator.”',
      '“Our children are thriving in these schools,” the letter reads.',
      'The talks will go on, Schiff said. “The other factor is whether it would look weak.”',
    );
    assert.deepEqual(quoted(text).map(([, , speaker]) => speaker), ['New Yorker', 'the letter', 'Schiff']);
  });

  it('reads a pronoun subject set off by commas from its speech verb', () => {
    const text = paragraphs('Bernie Sanders spoke for an hour in Vermont.', 'He denounced the campaign finance system and he, once again, pledged a “political revolution” to his supporters.');
    const [quote] = passagesOf(text).filter((p) => p.kind === 'quote');
    assert.equal(quote.speaker, 'Bernie Sanders');
    assert.equal(text.slice(quote.speakerMention!.start, quote.speakerMention!.end), 'he');
  });

  it('never runs English rules on a French or German page, declared or not', () => {
    const french = paragraphs(
      'Une autre affaire est venue troubler la campagne. Deux candidats ont réagi.',
      'Pour le ministre, « la question est réglée » et « les électeurs le savent », a-t-il déclaré dans une interview.',
    );
    assert.ok(quoted(french).every(([, , speaker]) => speaker === undefined), JSON.stringify(quoted(french)));
    const declared = '<html lang="de"><body><p>Die Kanzlerin sagte: „Wir schaffen das, und wir werden es zeigen.“ Eine Antwort kam nicht.</p></body></html>';
    const loaded = loadSource({ uri: 'memory:/page.html', path: 'page.html', bytes: new TextEncoder().encode(declared) }, 1_000_000);
    assert.ok(loaded.ok);
    assert.ok(loaded.source.passages.every((p) => p.speaker === undefined), JSON.stringify(loaded.source.passages.map((p) => [p.text, p.speaker])));
  });

  it('keeps the Chinese rules for Chinese sources', () => {
    const found = passagesOf('外交部发言人华春莹说：「我们坚决反对。」\n', 'zh');
    assert.equal(found.find((p) => p.kind === 'quote')?.speaker, '华春莹');
  });
});

describe('terms are not quotations', () => {
  it('makes titles, so-called words and scare quotes terms without a speaker', () => {
    const text = paragraphs(
      'Senator Smith appeared on CNN’s “State of the Union” on Sunday.',
      'The so-called “Arab Spring” was, in fact, a way for Islamists to take power, Smith said.',
      'A federal “supermax” prison in Colorado is one option.',
    );
    const found = quoted(text);
    assert.deepEqual(found.map(([kind, words, speaker]) => [kind, words, speaker]), [
      ['term', 'State of the Union', undefined],
      ['term', 'Arab Spring', undefined],
      ['term', 'supermax', undefined],
    ]);
  });

  it('makes the titles in a list of references terms, in any case, without a speaker', () => {
    const text = paragraphs(
      '“By endorsing the plan, we caved on our principles,” Christopher Montgomery wrote.',
      '^ "Comments on Cisco, Mozilla, and H.264". Retrieved 2014-04-02.',
      '^ Eich, Brendan (21 June 2011). "New JavaScript engine module owner". BrendanEich.com.',
      '^ Larabel, Michael. "Servo continues making progress". Phoronix.com.',
    );
    assert.deepEqual(quoted(text).map(([kind, , speaker]) => [kind, speaker]), [['quote', 'Christopher Montgomery'], ['term', undefined], ['term', undefined], ['term', undefined]]);
  });

  it('makes a show named after “broadcast of” and a stage direction in parentheses terms', () => {
    const text = paragraphs('On this weekend’s broadcast of “Fox News Sunday,” Mike Pence said his running mate won.', '"(CROSSTALK.)"');
    assert.deepEqual(quoted(text).map(([kind, , speaker]) => [kind, speaker]), [['term', undefined], ['term', undefined]]);
  });

  it('makes a list of quoted words terms', () => {
    const text = 'Response also has a type, which is “basic”, “cors”, “default”, “error” or “opaque”.\n';
    assert.deepEqual(quoted(text).map(([kind]) => kind), ['term', 'term', 'term', 'term', 'term']);
  });

  it('makes names of code and markup terms, even next to a cue', () => {
    const found = quoted(paragraphs('The server said: “Content-Type” must be sent, with “application/json” as its value.', 'Set { “name”: “test” } first.'));
    assert.ok(found.every(([kind]) => kind === 'term'), JSON.stringify(found));
  });

  it('keeps a short phrase that a cue gives to someone a quotation', () => {
    const found = quoted('Trump called the system “rigged,” Smith said.\n');
    assert.deepEqual(found.map(([kind]) => kind), ['quote']);
  });
});

describe('the writer’s own attributions', () => {
  const speakerOf = (draft: string): string | undefined => findDraftQuotes(draft)[0]?.speaker?.name;

  it('reads appositions and titles before and after the name', () => {
    assert.equal(speakerOf('Jane Doe, a media analyst at Acme Research, said “we will win”.'), 'Jane Doe');
    assert.equal(speakerOf('A spokeswoman for the ministry, Jane Doe, said “we will win”.'), 'Jane Doe');
    assert.equal(speakerOf('The ministry’s spokeswoman, Jane Doe, said: “we will win”.'), 'Jane Doe');
    assert.match(speakerOf('Secretary of State Jane Doe said “we will win”.') ?? '', /Jane Doe$/);
    assert.equal(speakerOf('“We will win,” Jane Doe, a media analyst at Acme, said.'), 'Jane Doe');
    assert.equal(speakerOf('Media analyst Jane Doe said “we will win”.'), 'Jane Doe');
    assert.equal(speakerOf('“Who do they think they are?” Jane Doe said. [@key]'), 'Jane Doe', 'a question ends the sentence the speaker follows');
    assert.equal(speakerOf('Operators must “keep records.” The ministry published the rule on Monday.'), undefined, 'a subject of a rule is no speaker');
  });

  it('reads “according to X” and “X told Y”', () => {
    assert.equal(speakerOf('According to Jane Doe, “we will win”.'), 'Jane Doe');
    assert.equal(speakerOf('Jane Doe told Reuters: “we will win”.'), 'Jane Doe');
    assert.equal(speakerOf('Jane Doe told reporters “we will win”.'), 'Jane Doe');
  });

  it('resolves a pronoun to the name given before, across a paragraph break too', () => {
    assert.equal(speakerOf('Jane Doe spoke first. She said “we will win”.'), 'Jane Doe');
    assert.equal(speakerOf('Jane Doe spoke first.\n\nShe said “we will win”.'), 'Jane Doe');
  });
});

describe('speakers of quotations as English news names them', () => {
  /** The speaker of each quotation, and the words its speaker mention stands on. */
  function speakers(text: string): [string | undefined, string | undefined][] {
    return passagesOf(text).filter((p) => p.kind === 'quote').map((p) => [p.speaker, p.speakerMention ? text.slice(p.speakerMention.start, p.speakerMention.end) : undefined]);
  }
  const speakerOf = (text: string): string | undefined => speakers(text)[0]?.[0];
  const mentionOf = (text: string): string | undefined => speakers(text)[0]?.[1];

  it('resolves “he” to the subject of its own sentence before anyone who spoke earlier', () => {
    const text = paragraphs(
      'Spokeswoman Jessica Ditto said the campaign would answer every attack.',
      'Donald Trump took to Twitter overnight and shared what he called “the worst debate moderation in history.”',
    );
    assert.equal(speakerOf(text), 'Donald Trump');
  });

  it('resolves “his” in “X pushed his promise of “…”” to the sentence’s subject', () => {
    const text = paragraphs('Hillary Clinton spoke first.', 'Bernie Sanders has consistently pushed his promise of “free college for every student in America.”');
    assert.equal(speakerOf(text), 'Bernie Sanders');
    const earlier = paragraphs('Bernie Sanders spoke in Iowa.', 'The crowd cheered his promise of “free college for every student in America.”');
    assert.equal(speakerOf(earlier), 'Bernie Sanders');
  });

  it('does not resolve “he” to a woman or “she” to a man the text names', () => {
    const text = paragraphs('Senator Tom Harkin arrived after Mrs. Ellen Marsh left the room.', '“We will not wait another year for this,” he said.');
    assert.equal(speakerOf(text), 'Tom Harkin');
    const spokeswoman = paragraphs('Senator Tom Harkin arrived after Ellen Marsh, a spokeswoman for the union, left.', '“We will not wait another year,” she said.');
    assert.equal(speakerOf(spokeswoman), 'Ellen Marsh');
  });

  it('gives a quotation followed by “, but X said” to the cue before it', () => {
    const text = 'Police chief Kerr Putney said the video did not give “absolute definitive visual evidence,” but Mayor Jennifer Roberts said the footage was clear.\n';
    assert.equal(speakerOf(text), 'Kerr Putney');
  });

  it('gives words reported inside another cue to the one who said them: “She said she recalls …”', () => {
    const text = paragraphs('Loretta Lynch remembered her first job.', 'She said she recalls the colleague being “confused by the whole thing.”');
    const [[speaker, mention]] = speakers(text);
    assert.equal(speaker, 'Loretta Lynch');
    assert.equal(mention, 'She');
  });

  it('takes no subject from the object of a preposition', () => {
    const text = 'PolitiFact rated 32% of Republican claims as “false or pants on fire,” against 11% of Democratic claims.\n';
    assert.equal(speakerOf(text), 'PolitiFact');
  });

  it('reads past a place with a comma inside an apposition to the name before it', () => {
    const text = 'Dean Johnson, a 55-year-old salesman from Sumter, South Carolina, says Cruz will “leave here with momentum.”\n';
    assert.equal(speakerOf(text), 'Dean Johnson');
  });

  it('never takes the one told for the speaker: “…,” X, a long apposition, told Y', () => {
    const text = '“This narrative is being pushed by the media,” Malkia Cyril, the executive director at the Center of Media Justice and one of the many voices heard throughout the film, told The Huffington Post.\n';
    assert.equal(speakerOf(text), 'Malkia Cyril');
  });

  it('reads “per X” and “according to” a description or a name the noun-phrase rules do not read whole', () => {
    assert.equal(speakerOf('Proxies are not allowed when voting “to fill a vacancy on the national ticket,” per the party’s bylaws.\n'), 'the party’s bylaws');
    assert.equal(mentionOf('The walk-out was “the largest we have ever organized,” according to the event organizer Alliance to Reclaim Our Schools (AROS).\n'), 'the event organizer Alliance to Reclaim Our Schools (AROS)');
    assert.equal(mentionOf('According to his longtime personal physician, the businessman had “astonishingly excellent” results.\n'), 'his longtime personal physician');
  });

  it('skips adverbs such as “still” between a subject and its speech verb', () => {
    assert.equal(mentionOf('Even now at 86 she still says things such as, “We are not all meant to be equal, you know.”\n'), 'she');
  });

  it('reads a reference to a lawmaker, a number of people, or a description with a modifier as a speaker', () => {
    const text = paragraphs('Rep. Adam Schiff spoke on Monday.', 'The meddling, the California congressman said, is designed to “sow discord in American politics.”');
    assert.match(speakerOf(text) ?? '', /California congressman$/);
    assert.equal(mentionOf('However, 63 percent said Clinton was “justified in keeping it private.”\n'), '63 percent');
    assert.equal(mentionOf(paragraphs('McCain spoke on Tuesday.', 'The longtime senator said he rarely asks surrogates to stump for him, “except for people I’m very close to.”')), 'The longtime senator');
  });

  it('gives the words of “X issued a statement calling …” to X, not to the statement', () => {
    assert.equal(speakerOf('The Security Council issued a statement calling the test “a clear violation of its resolutions.”\n'), 'Security Council');
  });

  it('takes no speaker from a participle’s object or from an expletive “it”', () => {
    const text = paragraphs('The South Carolina Democratic Party hosted the debate.', 'Sanders said the financial system was “corrupt and rigged,” noting that it is strange.');
    assert.equal(speakerOf(text), 'Sanders');
    const expletive = paragraphs('MSNBC and Fox News aired the interview.', 'It is strange that Trump would denounce “self-deportation as a policy,” which he once backed.');
    assert.notEqual(speakerOf(expletive), 'MSNBC and Fox News');
  });

  it('reads on past a quotation’s ! or ? when a lower-case word follows', () => {
    const text = 'McAuliffe was greeted with chants of “Bobby!” at a labor conference last month, according to union president Doris Crouse-Mays.\n';
    assert.equal(speakerOf(text), 'Doris Crouse-Mays');
  });

  it('gives a quotation standing alone to the person the sentence or paragraph before it names', () => {
    const sameParagraph = paragraphs(
      'Mr. Clarke said the plan would work.',
      'His former business partner, Lawrence B. Cummings, called him a master at deals. “He showed again and again an ability to put together deals.”',
    );
    assert.equal(speakerOf(sameParagraph), 'Lawrence B. Cummings');
    const paragraphBefore = paragraphs(
      'Senator Jeff Merkley praised the bill.',
      'Clinton restricted her comments about big banks to hypothetical scenarios.',
      '“If any bank can’t be managed effectively, it should be broken up.”',
    );
    assert.equal(speakerOf(paragraphBefore), 'Clinton');
  });

  it('reads the subject after a dateline: “HARLOW, Ore., March 9 (UPI) — Former Governor Alma Pruitt criticized …”', () => {
    const text = 'HARLOW, Ore., March 9 (UPI) — Former Governor Alma Pruitt criticized the transit plan as a “broken system” during a visit.\n';
    assert.equal(speakerOf(text), 'Former Governor Alma Pruitt');
    const bare = 'BOSTON — Sen. Ellis Gorman criticized the measure, saying it “does not go nearly far enough.”\n';
    assert.equal(speakerOf(bare), 'Ellis Gorman');
  });

  it('gives a quotation followed by a description and its verb to that description, and the sentence’s next quotation too', () => {
    const text = paragraphs(
      'Senator Ruth Calder spoke before the meeting.',
      '“We need repairs,” the Ohio contractor said, arguing that she will bring a “practical approach to the office.”',
    );
    assert.deepEqual(speakers(text).map(([, mention]) => mention), ['the Ohio contractor', 'the Ohio contractor']);
  });

  it('takes a name that opens its sentence, set off by commas, as the antecedent of a “he” later in it', () => {
    const text = paragraphs(
      'Campaign spokesman Theo Brandt said the office would reply.',
      'Governor Victor Hale, D-Ore., despite conceding that he did have doubts about “developers trying to cash in,” backed the plan.',
    );
    assert.equal(speakerOf(text), 'Victor Hale');
  });

  it('resolves “he” to a person whose office names a body: a House speaker is no organisation', () => {
    const text = paragraphs('House Speaker Leon Marsh met the caucus on Monday.', '“We will finish this budget before the holiday,” he said.');
    assert.equal(speakerOf(text), 'House Speaker Leon Marsh');
  });

  it('resolves “she” past a description of several people or of a body, and past a name her gender excludes', () => {
    const text = paragraphs(
      'Harbor Bank CEO Paul Denning faced the panel. “I own this failure,” he said. Regulators called it “negligence.” The bank said it had “fixed the problem.”',
      'Committee chair Nora Quist was more guarded. Though she called the conduct “shameful” and asked for bonuses to be “returned,” she said no more.',
    );
    const found = speakers(text);
    assert.deepEqual(found.slice(-2).map(([speaker]) => speaker), ['Nora Quist', 'Nora Quist']);
  });

  it('reads a nickname in marks inside a speaker’s name, after a title with a full stop', () => {
    const text = '"This is a big night for our mayor, Lydia Moss!" Moss\'s cousin, state Rep. Harold "Hal" Benning (R-Clay County), shouted to the crowd.\n';
    assert.equal(mentionOf(text), 'Moss\'s cousin');
  });

  it('gives an excerpt to the name a newsletter credits after a dash and before a colon', () => {
    const text = 'OHIO SURVEYS NOT OFF, JUST PREMATURE - Dana Holt and Sam Pryce: “Although the surveys missed the result, it isn’t because they were off.”\n';
    assert.equal(speakerOf(text), 'Dana Holt and Sam Pryce');
    const place = 'Most of the dock workers came from Portugal: “far from our own harbours,” as one put it.\n';
    assert.notEqual(speakerOf(place), 'Portugal');
  });

  it('resolves “its” to the document the sentence is about, cut before its preposition', () => {
    const text = 'Fairley’s earlier letter on Grant was widely mocked for its claim that Grant would be “the fittest person ever to hold the office.”\n';
    assert.equal(speakerOf(text), 'Fairley’s earlier letter');
  });

  it('gives a quotation closed with a full stop to a sentence that is only a name and a verb of speech after it', () => {
    assert.equal(speakerOf('“But we fear that she may walk out.” Okonjo said.\n'), 'Okonjo');
    assert.equal(speakerOf('“We are worried.” Okonjo said the talks would be hard.\n'), undefined);
  });

  it('reads a description between a capitalised modifier and the name after “according to”', () => {
    const [[speaker, mention]] = speakers('According to Democratic pollster Irene Saks, “Now the mayor needs to change her tone.”\n');
    assert.equal(speaker, 'Irene Saks');
    assert.equal(mention, 'Democratic pollster Irene Saks');
  });

  it('reads the subject past an intensifying pronoun: “Wren himself conceded …”', () => {
    const text = paragraphs('Mara Lind spoke in Utah.', 'Tobias Wren himself conceded on Friday “it will be very hard for us to hold on” if he loses again.');
    assert.equal(speakerOf(text), 'Tobias Wren');
    assert.equal(mentionOf(text), 'Tobias Wren');
  });

  it('applies none of these rules to a French page', () => {
    const text = paragraphs('Selon le ministre Jean Dupont, la réforme est prête.', 'Il a dit que « la question est réglée », mais Marie Curie a dit non.');
    assert.ok(speakers(text).every(([speaker]) => speaker === undefined), JSON.stringify(speakers(text)));
  });
});
