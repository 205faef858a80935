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
    assert.equal(speakerName('Foreign Ministry deputy spokesperson Arun Dalal'), 'Arun Dalal');
    assert.equal(speakerName('Busan resident Mina Seo'), 'Mina Seo');
    assert.equal(speakerName('Was Bartleby'), 'Bartleby');
    assert.equal(speakerName('the team that'), undefined);
    assert.equal(speakerName('a spokeswoman for the ministry'), 'a spokeswoman for the ministry');
    assert.equal(speakerName('Essentially'), undefined);
    assert.equal(speakerName('Possible', (w) => w === 'Possible'), undefined, 'a word the source also writes in lower case');
  });

  it('never joins two names that a quotation stands between into one', () => {
    const text = paragraphs(
      'Whatever happens next, Okafor “has earned a place at the table,” Brandt said.',
      '“We will see how the vote goes,” Brandt said.',
    );
    assert.deepEqual(quoted(text).map(([, , speaker]) => speaker), ['Brandt', 'Brandt']);
  });

  it('takes a surname that is also an ordinary word for the person the source named by it', () => {
    const text = paragraphs(
      'The columnist Dana Small wrote again about the small harbour, as she will every week.',
      '“The council has no plan and no money,” Small wrote.',
      '“Small steps will not do,” the mayor replied.',
    );
    assert.deepEqual(quoted(text).map(([, , speaker]) => speaker), ['Dana Small', 'the mayor']);
  });

  it('gives a phrase quoted after a long apposition to the name the sentence opens with', () => {
    const text = paragraphs(
      'The port authority met on Monday.',
      'Lena Park, co-founder of the Harbour Institute and advocate of an effort to rebuild the old docks, welcomed “a first step toward a working port.”',
    );
    assert.deepEqual(quoted(text).map(([, , speaker]) => speaker), ['Lena Park']);
  });

  it('reads “questioned” and “cried” after a question or an exclamation as verbs of speech', () => {
    const text = paragraphs('“Why now, after all these years?” Varga questioned.', '“Not one more closure!” Idris cried.');
    assert.deepEqual(quoted(text).map(([, , speaker]) => speaker), ['Varga', 'Idris']);
  });

  it('gives a quotation to the name before the verb after it, past words about the quotation or a description', () => {
    const text = paragraphs(
      '“The harbour is where this town began,” the heart of the old argument, Voss says.',
      '“We lost the docks once already,” his neighbour, Tomas Reyes, said.',
    );
    assert.deepEqual(quoted(text).map(([, , speaker]) => speaker), ['Voss', 'Tomas Reyes']);
  });

  it('gives words that judge someone’s remarks to the judge, not to whoever made the remarks', () => {
    const text = paragraphs(
      'Mayor Ines Duarte denounced Varga’s remarks as “reckless and unworthy of the office.”',
      'The union released a statement saying Varga’s comments “are an insult to every nurse.”',
      'Varga’s claim that the port “will pay for itself” went unanswered.',
    );
    assert.deepEqual(quoted(text).map(([, , speaker]) => speaker), ['Ines Duarte', 'The union', 'Varga']);
  });

  it('reads a paragraph that opens with its verb and ends with a colon as introducing the next quotation', () => {
    const text = paragraphs('Stated Okafor:', '“The harbour will be rebuilt before the winter.”', 'Continued Okafor: “Nobody will lose a job.”');
    assert.deepEqual(quoted(text).map(([, , speaker]) => speaker), ['Okafor', 'Okafor']);
  });

  it('keeps a surname cut by a soft hyphen or a zero-width space whole', () => {
    const text = paragraphs('“Nothing has changed,” said Brett \u00adOlander.', '“Still nothing,” said Anna Mül\u00adler.', '“Not yet,” said Eva Schmidt\u200b.');
    assert.deepEqual(quoted(text).map(([, , speaker]) => speaker), ['Brett Olander', 'Anna Müller', 'Eva Schmidt']);
  });

  it('gives a quotation to the name before a degree, not to the degree', () => {
    const text = paragraphs('“It resonates because it is scary,” says Martin Ashdown, MD, president of the society.', '“We saw it coming,” said Ana Ruiz, PhD.');
    assert.deepEqual(quoted(text).map(([, , speaker]) => speaker), ['Martin Ashdown', 'Ana Ruiz']);
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
    assert.deepEqual(quoted('Dunmore, who spoke for an hour, called the plan “a burden for the whole town.”\n').map(([, , speaker]) => speaker), ['Dunmore']);
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
      'Rhoda Kemp interviewed Alan Voss on Sunday. Partial transcript as follows:',
      '"KEMP: Let’s begin with the news about the ballot count."',
      '"VOSS: Well, look, the question really should be about his record."',
      '"UPDATE: The interview was recorded on Saturday."',
    );
    assert.deepEqual(quoted(text).map(([, , speaker]) => speaker), ['Rhoda Kemp', 'Alan Voss', undefined]);
  });

  it('starts a new turn in a transcript whose paragraphs open a quotation and leave it open', () => {
    const text = 'Rhoda Kemp interviewed Alan Voss on Sunday. Partial transcript as follows:\n\n"KEMP: Let’s begin with the count.\n\n"VOSS: Well, look, the question is about his record.\n\n"And that is all I will say."\n';
    assert.deepEqual(quoted(text).map(([, , speaker]) => speaker), ['Rhoda Kemp', 'Alan Voss', 'Alan Voss']);
  });

  it('gives a quotation signed with a dash and a name at the end of its line to that name', () => {
    const text = paragraphs(
      'Readers told us what they thought of the debate.',
      '“She never answers a question without changing the subject first.” ― Lucia Marroquin',
      '“The least prepared candidate we have ever had.” — Tomás de la Vega.',
      '“I’m so tired of it.”― Renata Salgado\u00a0',
    );
    assert.deepEqual(quoted(text).map(([, , speaker]) => speaker), ['Lucia Marroquin', 'Tomás de la Vega', 'Renata Salgado']);
  });

  it('reads “as X put it”, “the letter reads”, and goes on with the speaker of reported speech', () => {
    const text = paragraphs(
      'He was seen, as The Harbor Review put it in a long profile, as “the fixer.”',
      '“Our pupils are doing well in these classrooms,” the letter reads.',
      'The talks will go on, Marlowe said. “The other question is whether it would look timid.”',
    );
    assert.deepEqual(quoted(text).map(([, , speaker]) => speaker), ['Harbor Review', 'the letter', 'Marlowe']);
  });

  it('reads a pronoun subject set off by commas from its speech verb', () => {
    const text = paragraphs('Walter Brisk spoke for an hour in Vermont.', 'He denounced the toll system and he, once again, pledged a “clean sweep” to his supporters.');
    const [quote] = passagesOf(text).filter((p) => p.kind === 'quote');
    assert.equal(quote.speaker, 'Walter Brisk');
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
      'Senator Smith appeared on WKTV’s “Week in Review” on Sunday.',
      'The so-called “Harvest Pact” was, in fact, a way for the mills to set prices, Smith said.',
      'A federal “megavault” archive in Nevada is one option.',
    );
    const found = quoted(text);
    assert.deepEqual(found.map(([kind, words, speaker]) => [kind, words, speaker]), [
      ['term', 'Week in Review', undefined],
      ['term', 'Harvest Pact', undefined],
      ['term', 'megavault', undefined],
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
    const text = paragraphs('On this weekend’s broadcast of “Capitol Week,” Alan Voss said his running mate won.', '"(CROSSTALK.)"');
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
    const found = quoted('Hale called the count “crooked,” Smith said.\n');
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
    assert.equal(speakerOf('“Who do they take us for?” Jane Doe said. [@key]'), 'Jane Doe', 'a question ends the sentence the speaker follows');
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
      'Spokeswoman Irma Castel said the campaign would answer every attack.',
      'Gordon Pryce took to social media overnight and shared what he called “the worst refereeing in living memory.”',
    );
    assert.equal(speakerOf(text), 'Gordon Pryce');
  });

  it('resolves “his” in “X pushed his promise of “…”” to the sentence’s subject', () => {
    const text = paragraphs('Ada Lennox spoke first.', 'Martin Osei has consistently pushed his promise of “free buses for every pupil in the county.”');
    assert.equal(speakerOf(text), 'Martin Osei');
    const earlier = paragraphs('Martin Osei spoke in Iowa.', 'The crowd cheered his promise of “free buses for every pupil in the county.”');
    assert.equal(speakerOf(earlier), 'Martin Osei');
  });

  it('does not resolve “he” to a woman or “she” to a man the text names', () => {
    const text = paragraphs('Senator Tom Harkin arrived after Mrs. Ellen Marsh left the room.', '“We will not wait another year for this,” he said.');
    assert.equal(speakerOf(text), 'Tom Harkin');
    const spokeswoman = paragraphs('Senator Tom Harkin arrived after Ellen Marsh, a spokeswoman for the union, left.', '“We will not wait another year,” she said.');
    assert.equal(speakerOf(spokeswoman), 'Ellen Marsh');
  });

  it('gives a quotation followed by “, but X said” to the cue before it', () => {
    const text = 'Police chief Aldo Brennan said the recording did not offer “clear and certain proof,” but Mayor Ruth Ambler said the footage was plain.\n';
    assert.equal(speakerOf(text), 'Aldo Brennan');
  });

  it('gives words reported inside another cue to the one who said them: “She said she recalls …”', () => {
    const text = paragraphs('Greta Sorensen remembered her first job.', 'She said she recalls the manager being “puzzled by the whole affair.”');
    const [[speaker, mention]] = speakers(text);
    assert.equal(speaker, 'Greta Sorensen');
    assert.equal(mention, 'She');
  });

  it('takes no subject from the object of a preposition', () => {
    const text = 'FactDesk rated 28% of Liberal claims as “false or badly misleading,” against 9% of Labour claims.\n';
    assert.equal(speakerOf(text), 'FactDesk');
  });

  it('reads past a place with a comma inside an apposition to the name before it', () => {
    const text = 'Neil Ashby, a 48-year-old plumber from Dothan, Alabama, says Fenwick will “walk away with the lead.”\n';
    assert.equal(speakerOf(text), 'Neil Ashby');
  });

  it('never takes the one told for the speaker: “…,” X, a long apposition, told Y', () => {
    const text = '“This story is being driven by the papers,” Imani Rourke, the executive director at the Institute for Fair Housing and one of the many voices heard throughout the film, told The Evening Courier.\n';
    assert.equal(speakerOf(text), 'Imani Rourke');
  });

  it('reads “per X” and “according to” a description or a name the noun-phrase rules do not read whole', () => {
    assert.equal(speakerOf('Deputies may not vote “to replace a chair who has resigned,” per the club’s charter.\n'), 'the club’s charter');
    assert.equal(mentionOf('The march was “the biggest we have ever held,” according to the event organizer Coalition for Safer Streets (CSS).\n'), 'the event organizer Coalition for Safer Streets (CSS)');
    assert.equal(mentionOf('According to his longtime family doctor, the developer had “remarkably good” results.\n'), 'his longtime family doctor');
  });

  it('skips adverbs such as “still” between a subject and its speech verb', () => {
    assert.equal(mentionOf('Even now at 91 she still says things such as, “Nobody ever got rich by waiting, you know.”\n'), 'she');
  });

  it('reads a reference to a lawmaker, a number of people, or a description with a modifier as a speaker', () => {
    const text = paragraphs('Rep. Carl Dempsey spoke on Monday.', 'The hacking, the Oregon congressman said, is meant to “spread distrust in local elections.”');
    assert.match(speakerOf(text) ?? '', /Oregon congressman$/);
    assert.equal(mentionOf('However, 58 percent said Ambler was “right to keep the report sealed.”\n'), '58 percent');
    assert.equal(mentionOf(paragraphs('Hollis spoke on Tuesday.', 'The veteran senator said he seldom asks friends to campaign for him, “except for people I trust completely.”')), 'The veteran senator');
  });

  it('gives the words of “X issued a statement calling …” to X, not to the statement', () => {
    assert.equal(speakerOf('The Regional Assembly issued a statement calling the launch “a plain breach of its rules.”\n'), 'Regional Assembly');
  });

  it('takes no speaker from a participle’s object or from an expletive “it”', () => {
    const text = paragraphs('The Ohio Farmers Union hosted the debate.', 'Brisk said the grain market was “closed and crooked,” noting that it is strange.');
    assert.equal(speakerOf(text), 'Brisk');
    const expletive = paragraphs('KTVO and Channel Nine aired the interview.', 'It is strange that Kessler would denounce “rent caps as a policy,” which he once backed.');
    assert.notEqual(speakerOf(expletive), 'KTVO and Channel Nine');
  });

  it('reads on past a quotation’s ! or ? when a lower-case word follows', () => {
    const text = 'Whitcombe was greeted with chants of “Benny!” at a farm conference last month, according to union president Alma Rees-Hardy.\n';
    assert.equal(speakerOf(text), 'Alma Rees-Hardy');
  });

  it('gives a quotation standing alone to the person the sentence or paragraph before it names', () => {
    const sameParagraph = paragraphs(
      'Mr. Clarke said the plan would work.',
      'His former business partner, Edwin J. Harrow, called him a master at bargains. “He proved again and again he could bring people to a bargain.”',
    );
    assert.equal(speakerOf(sameParagraph), 'Edwin J. Harrow');
    const paragraphBefore = paragraphs(
      'Senator Owen Pratt praised the bill.',
      'Lennox kept her comments about large insurers to hypothetical cases.',
      '“If any insurer can’t be run properly, it should be split up.”',
    );
    assert.equal(speakerOf(paragraphBefore), 'Lennox');
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

  it('reads a lawmaker’s party tag and a date after the name as no part of it', () => {
    const tagged = 'Sen. Corinne Abbot (D-Ore.) on Saturday criticized the accord, saying it goes “nowhere near far enough.”\n';
    assert.deepEqual(speakers(tagged), [['Corinne Abbot', 'Sen. Corinne Abbot']]);
    assert.deepEqual(speakers('“It goes nowhere,” said Sen. Corinne Abbot (D-Ore.).\n'), [['Corinne Abbot', 'Sen. Corinne Abbot']]);
    assert.deepEqual(speakers('Corinne Abbot on Tuesday said the deal was “a mess from start to finish.”\n'), [['Corinne Abbot', 'Corinne Abbot']]);
  });

  it('gives a quotation to the subject of the main clause when a participle after it reports the words', () => {
    const text = 'Ada Lennox threw her support behind Owen Pratt on Monday, saying it is time for “a real reformer in city hall.”\n';
    assert.equal(speakerOf(text), 'Ada Lennox');
  });

  it('reads a verb of manner right after a quotation, with its speaker after it, but not an object', () => {
    assert.equal(speakerOf('“This is wonderful!” beamed Hugo Lentz of Dover, Delaware, who came early.\n'), 'Hugo Lentz of Dover');
    const object = 'Ana Wells, host of “Harbor Nights,” listed a KTVO show as her favourite.\n';
    assert.ok(speakers(object).every(([speaker]) => speaker === undefined), JSON.stringify(speakers(object)));
  });

  it('reads a sentence that opens with its verb of speech: “Said X, who …, “…””', () => {
    const text = 'The house was restored last year. Said Dora Pike, who grew up next door, “We were all so proud of it.”\n';
    assert.deepEqual(speakers(text), [['Dora Pike', 'Dora Pike']]);
  });

  it('gives the words after a colon to a described person named right before it', () => {
    const text = 'The surge does not surprise Republican pollster Ivo Marsh: “Lesser-known candidates often gain after early wins.”\n';
    assert.equal(speakerOf(text), 'Ivo Marsh');
  });

  it('takes no name from a word that opens a sentence before a comma: “Sure, he admits …”', () => {
    const text = paragraphs('Mayor Ruth Ambler spoke first.', 'Sure, he admits that “the rates are unfair to savers.”');
    assert.notEqual(speakerOf(text), 'Sure');
  });

  it('reads the subject before a long relative clause, not the subject of the clause that “said that” reports', () => {
    const text = 'Harlan Voss, who earlier questioned whether the judge’s heritage made her biased because of his own support for a new dyke along the coast, said Friday that Lind “happens to be, we believe, Dutch.”\n';
    assert.equal(speakerOf(text), 'Harlan Voss');
  });

  it('gives the words of “X supporters said” to the supporters, not to the person they support', () => {
    assert.deepEqual(speakers('Lennox supporters said “We will win this district again.”\n'), [['Lennox supporters', 'Lennox supporters']]);
    assert.deepEqual(speakers('“We will win this district again,” Lennox supporters said.\n'), [['Lennox supporters', 'Lennox supporters']]);
  });

  it('applies none of these rules to a French page', () => {
    const text = paragraphs('Selon le ministre Jean Dupont, la réforme est prête.', 'Il a dit que « la question est réglée », mais Marie Curie a dit non.');
    assert.ok(speakers(text).every(([speaker]) => speaker === undefined), JSON.stringify(speakers(text)));
  });
});
