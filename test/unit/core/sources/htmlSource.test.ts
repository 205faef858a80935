import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileOffsetsOf, loadSource, sourceFilePosition } from '../../../../src/core/sources/loadSource';
import { readHtmlSource } from '../../../../src/core/sources/htmlSource';
import { cleanByline } from '../../../../src/core/sources/htmlMeta';
import type { SourceDoc } from '../../../../src/core';
import { draftWithCursor, indexedService, joinLines, seedArticle } from '../../helpers';

/** The seed article as a browser saves it: navigation, ads, scripts, comments and all. */
const savedPage = readFileSync(path.join(__dirname, '../../../../../test/fixtures/html/hkfp-2017-vpn.html'), 'utf8');

function load(html: string | Uint8Array, file = 'sources/page.html'): SourceDoc {
  const bytes = typeof html === 'string' ? new TextEncoder().encode(html) : html;
  const result = loadSource({ uri: `memory:/${file}`, path: file, bytes }, 4 * 1024 * 1024);
  if (!result.ok) throw new Error(result.problem.message);
  return result.source;
}

const said = (doc: SourceDoc) => doc.passages.filter((p) => p.kind !== 'clause').map((p) => [p.kind, p.paragraph, p.speaker, p.text]);

describe('saved web pages as sources', () => {
  const page = load(savedPage, 'sources/hkfp-2017-vpn.html');

  it('finds the same quotations, speakers and paragraph numbers as in the article saved as Markdown', async () => {
    const service = await indexedService({ 'sources/hkfp-2017-vpn.md': seedArticle });
    const markdown = service.sources()[0];
    assert.deepEqual(said(page), said(markdown));
    assert.ok(said(page).some(([kind, paragraph, speaker, text]) =>
      kind === 'quote' && paragraph === 7 && speaker === 'PEN America' && text === 'close the last lifeline to a free internet.'));
  });

  it('keeps the headings and paragraphs of the article and numbers only the paragraphs', () => {
    const blocks = page.blocks.map((b) => [b.kind, b.number, page.text.slice(b.start, b.end).slice(0, 30)]);
    assert.deepEqual(blocks.filter(([kind]) => kind === 'heading'), [['heading', 0, '# International business excep']]);
    assert.equal(page.blocks.filter((b) => b.kind === 'paragraph').length, 9);
    assert.match(page.text.slice(page.blocks.at(-1)!.start), /^The rules stated that/);
  });

  it('leaves out navigation, ads, share buttons, comments, scripts, styles, forms, figures and footers', () => {
    for (const furniture of [
      'Skip to content', 'Support HKFP', 'Opinion', 'Advertisement', 'Ads are not prose', 'Share on Facebook',
      'VPNs are dead', 'Leave a Reply', 'Type here', 'Scripts are not prose', 'Styles are not prose', 'googletag',
      'Please enable JavaScript', 'Most read', 'All rights reserved', 'We use cookies', 'Catherine is a Canadian',
      'Tags:', 'Related', 'Photo: Pixabay', 'internet data it tech', 'Reader123',
    ]) {
      assert.ok(!page.text.includes(furniture), `“${furniture}” is not part of the article`);
    }
  });

  it('reads title, author, outlet, date, URL and language from the page’s metadata', () => {
    assert.deepEqual(page.meta, {
      key: 'hkfp-2017-vpn',
      title: 'China’s IT ministry says VPN crackdown will not affect normal operations of foreign companies',
      author: 'Catherine Lai',
      // The publisher's name in JSON-LD, which Readability prefers to og:site_name ("… HKFP").
      outlet: 'Hong Kong Free Press',
      date: '2017-01-25',
      url: 'https://hongkongfp.com/2017/01/25/chinas-it-ministry-says-vpn-crackdown-will-not-affect-normal-operations-of-foreign-companies/',
      language: 'en-GB',
    });
  });

  it('falls back to JSON-LD, the first heading and a time element when a page has no meta tags', () => {
    const doc = load(joinLines(
      '<html><head><script type="application/ld+json">{"@type":"NewsArticle","author":[{"name":"Ann Lee"},{"name":"Bo Chan"}],"publisher":{"name":"The Paper"},"url":"https://paper.example/a"}</script>',
      '<script type="application/ld+json">{ not json</script></head>',
      '<body><h1>A plain page</h1><time datetime="2020-03-04T10:00:00Z">4 March</time>',
      '<p>“We will publish the data,” the minister said on Monday, in a long statement.</p></body></html>'));
    assert.deepEqual(doc.meta, { key: 'page', title: 'A plain page', author: 'Ann Lee; Bo Chan', outlet: 'The Paper', date: '2020-03-04', url: 'https://paper.example/a' });
  });

  it('never runs the page’s scripts or event handlers', () => {
    const flags = ['__verbatimScriptRan', '__verbatimOnloadRan', '__verbatimImageScriptRan', '__verbatimFooterScriptRan'];
    for (const flag of flags) assert.equal((globalThis as Record<string, unknown>)[flag], undefined, flag);
    assert.ok(!page.text.includes('globalThis'));
  });

  it('maps every passage back to its place in the HTML file, past character references and links', () => {
    for (const passage of page.passages) {
      const at = sourceFilePosition(page, passage.start)!;
      const line = savedPage.split('\n')[at.line];
      const words = passage.text.slice(0, 12);
      // The file's text from there, up to the next tag, with its character references read.
      const file = line.slice(at.character).split('<')[0].replace(/&#8217;/g, '’').replace(/&#8220;/g, '“').replace(/&nbsp;/g, '\u00a0').replace(/&amp;/g, '&');
      assert.ok(file.length >= Math.min(4, words.length), passage.id);
      assert.equal(file.slice(0, words.length), words.slice(0, file.length), passage.id);
    }
    const quote = page.passages.find((p) => p.text.startsWith('the requirement that all VPNs'))!;
    const before = sourceFilePosition(page, quote.start - 1)!;
    assert.equal(savedPage.split('\n')[before.line].slice(before.character, before.character + 7), '&#8220;');
  });

  it('flows each block’s white space as a browser does, and maps every character of its words to that character in the file', () => {
    const html = [
      '<html><body><article>',
      '<h2>  Budget   vote',
      '</h2>',
      '<p>  The   council\tapproved',
      '   the budget on <b>Tuesday</b>,<br>after a  long debate &amp; a vote that the members of the council had waited for since the spring.  </p>',
      '<p>“It is a fair budget,” said   Mayor Jane Roe,\r\n who chairs the council, on&nbsp;Friday, and added that <i>every</i> district would see its share.</p>',
      '</article></body></html>',
    ].join('\n');
    const doc = load(html);
    assert.deepEqual(doc.blocks.map((b) => doc.text.slice(b.start, b.end).trim()), [
      '# Budget vote',
      'The council approved the budget on Tuesday, after a long debate & a vote that the members of the council had waited for since the spring.',
      '“It is a fair budget,” said Mayor Jane Roe, who chairs the council, on\u00a0Friday, and added that every district would see its share.',
    ]);
    const map = fileOffsetsOf(doc)!;
    for (let i = 0; i < doc.text.length; i++) {
      const c = doc.text[i];
      if (/\s/.test(c) || c === '#') continue;
      const at = map.fileOffset(i);
      // A character reference (`&amp;`) is selected from its `&`.
      assert.ok(html[at] === c || (c === '&' && html.startsWith('&amp;', at)), `${JSON.stringify(c)} at ${i} maps to ${JSON.stringify(html.slice(at, at + 8))}`);
    }
  });

  it('puts each block on the line where it starts in the file, so editors land on the right line', () => {
    const textLines = (offset: number): number => page.text.slice(0, offset).split(/\r\n|\r|\n/).length - 1;
    for (const block of page.blocks) assert.equal(textLines(block.start), sourceFilePosition(page, block.start)!.line);
  });

  it('goes to the cited paragraph on the right line of the HTML file', async () => {
    const service = await indexedService({ 'sources/hkfp-2017-vpn.html': savedPage });
    const { document, position } = draftWithCursor('PEN America called it “close the last lifeline to a free internet.” [@hkfp-2017-vpn, para. 7‸]');
    const [location] = service.provideDefinition(document, position);
    assert.equal(location.uri, 'memory:/sources/hkfp-2017-vpn.html');
    assert.match(savedPage.split('\n')[location.range.start.line], /^<p>The rules appear to be mostly targeting/);
    assert.equal(service.search('last lifeline free internet')[0].passage.speaker, 'PEN America');
  });

  it('reads a page without article markup, all on one line', () => {
    const doc = load('<html><body><div class="menu"><a href="/">Home</a> <a href="/news">News</a></div><div id="story" class="story-body"><h2>Budget</h2><p>The council approved the budget on Tuesday, after a long debate.</p><p>“It is a fair budget,” said Mayor Jane Roe, who chairs the council.</p><div>Officials said the vote was close, with seven members against it.</div></div><div class="comments"><p>“Rubbish,” wrote a reader, who did not give a name.</p></div></body></html>');
    assert.deepEqual(doc.blocks.map((b) => [b.kind, b.number]), [['heading', 0], ['paragraph', 1], ['paragraph', 2], ['paragraph', 3]]);
    assert.deepEqual(said(doc).filter(([kind]) => kind === 'quote'), [['quote', 2, 'Jane Roe', 'It is a fair budget,']]);
    assert.ok(!doc.text.includes('\n'), 'no line breaks the file does not have');
  });

  it('shows <q> with quotation marks and keeps a non-breaking space as a character', () => {
    const { text } = readHtmlSource('<article><p>The minister said <q>we&nbsp;will act</q>, and left the room without taking any questions.</p></article>');
    assert.equal(text.trim(), 'The minister said “we\u00a0will act”, and left the room without taking any questions.');
  });

  it('decodes a page saved in the encoding it declares', () => {
    const head = new TextEncoder().encode('<html><head><meta charset="windows-1252"></head><body><p>');
    const body = new Uint8Array([0x93, ...new TextEncoder().encode('We act today,'), 0x94, ...new TextEncoder().encode(' the mayor said on Friday in a statement.</p></body></html>')]);
    const doc = load(new Uint8Array([...head, ...body]));
    assert.equal(doc.passages.find((p) => p.kind === 'quote')?.text, 'We act today,');
  });

  it('reports a page with no article text and keeps the others', async () => {
    const service = await indexedService({
      'sources/empty-shell.html': '<html><head><script>render()</script></head><body><nav><a href="/">Home</a></nav><div id="app"></div></body></html>',
      'sources/hkfp-2017-vpn.htm': savedPage,
    });
    assert.deepEqual(service.status().problems.map((p) => [p.path, p.code]), [['sources/empty-shell.html', 'verbatim.source.noArticle']]);
    assert.equal(service.sources()[0].meta.key, 'hkfp-2017-vpn');
  });
});

/** An article of a few paragraphs, each sentence its own, so a test can ask which were kept. */
const story = [
  'The city council approved the harbour budget on Tuesday evening, after a debate that lasted more than four hours.',
  'Members argued over the cost of dredging the northern channel, which has silted up since the storms of last winter.',
  '“We cannot let the port close to the largest ships,” said Mayor Jane Roe, who chairs the council.',
  'The opposition said the plan would raise harbour fees for the fishing fleet, which has already lost half its boats.',
  'A final vote on the fees is expected next month, when the council meets again to set the port’s charges.',
];
const paras = (lines: readonly string[]): string => lines.map((l) => `<p>${l}</p>`).join('\n');

describe('saved pages as they really come', () => {
  it('says why a page has no article: scripts would fill it in, it has no text, or only navigation', () => {
    const problem = (html: string): string => {
      const result = loadSource({ uri: 'memory:/sources/p.html', path: 'sources/p.html', bytes: new TextEncoder().encode(html) }, 1 << 20);
      assert.ok(!result.ok);
      return `${result.problem.code}: ${result.problem.message}`;
    };
    assert.match(problem('<html><head><script src="app.js"></script></head><body><div id="app"></div></body></html>'), /^verbatim\.source\.noArticle: .*scripts would fill it in/);
    assert.match(problem('<html><body><img src="a.png"><div></div></body></html>'), /^verbatim\.source\.noArticle: the page has no text at all$/);
    assert.match(problem('<html><body><nav><a href="/">Home</a> <a href="/news">News</a></nav><footer>© The Paper</footer></body></html>'), /^verbatim\.source\.noArticle: .*only navigation/);
  });

  it('reads an article whose wrappers carry class or id words that also name page furniture', () => {
    const wrappers: [string, string][] = [
      ['<html><body><div class="panel-two-col-sidebar-right-mix">', '</div></body></html>'],
      ['<html><body><main class="container js-social-anchor-start">', '</main></body></html>'],
      ['<html><body><div id="ad-portal"><div class="story">', '</div></div></body></html>'],
      ['<html><body><div class="row site_header"><div class="content">', '</div></div></body></html>'],
      ['<html><body><article class="post type-post tag-maritime-industry hentry">', '</article></body></html>'],
      ['<html class="js modal-open"><body><div class="entry-content">', '</div></body></html>'],
    ];
    for (const [open, close] of wrappers) {
      const doc = load(`${open}\n${paras(story)}\n${close}`);
      for (const sentence of story) assert.ok(doc.text.includes(sentence), `${open}: ${sentence.slice(0, 30)}`);
    }
  });

  it('reads an article that the whole page’s form holds (ASP.NET pages), and still leaves out a search form beside it', () => {
    const doc = load(joinLines(
      '<html><body><form id="mainForm" action="/page.aspx" method="post">',
      '<form class="search"><p>Search the site for stories about the harbour and the council</p></form>',
      '<div class="story"><span class="articleText"><span class="lead"><h2>The harbour budget passed after a long debate in the council.</h2></span>',
      story.join('\n<br><br>\n'),
      '</span></div></form></body></html>'));
    for (const sentence of story) assert.ok(doc.text.includes(sentence), sentence.slice(0, 30));
    assert.ok(!doc.text.includes('Search the site'), 'a search form is not part of the article');
  });

  it('keeps the body split over sibling containers and a “read more” container, and leaves out teasers for other articles', async () => {
    const page = joinLines(
      '<html><body><div class="layout"><article>',
      `<div class="article-body">${paras(story.slice(0, 3))}</div>`,
      `<div class="article-body-continued">${paras(story.slice(3, 4))}</div>`,
      `<div class="read-more-content">${paras(story.slice(4))}</div>`,
      '</article>',
      '<div class="related-stories"><h3>More from the harbour desk</h3><ul>',
      '<li><a href="/a">Fishing fleet shrinks again as fuel prices climb</a></li>',
      '<li><a href="/b">New ferry timetable announced for the islands</a></li>',
      '</ul></div></div></body></html>');
    const doc = load(page);
    for (const sentence of story) assert.ok(doc.text.includes(sentence), sentence.slice(0, 30));
    assert.ok(!doc.text.includes('Fishing fleet shrinks'), 'a teaser is not part of the article');
    const service = await indexedService({ 'sources/harbour.html': page });
    const [finding] = (await service.checkDraft('The council “meets again to set the port’s charges” [@harbour].'))!;
    assert.equal(finding.verdict, 'verbatim');
  });

  it('finds the byline in JSON-LD wrapped in CDATA, in a later rel="author" link, or in the page body', () => {
    const body = `<article>${paras(story)}</article>`;
    const cdata = load(`<html><head><script type="application/ld+json">//<![CDATA[\n{"@type":"NewsArticle","headline":"Harbour budget passes","author":{"@type":"Person","name":"Ann Lee"}}\n//]]></script></head><body>${body}</body></html>`);
    assert.equal(cdata.meta.author, 'Ann Lee');
    const headshot = load(`<html><body><a rel="author" href="/ann"><img src="ann.jpg" alt=""></a><a rel="author" href="/ann">Ann Lee</a>${body}</body></html>`);
    assert.equal(headshot.meta.author, 'Ann Lee');
    const inBody = load(`<html><body><article><p class="byline">By Ann Lee</p>${paras(story)}</article></body></html>`);
    assert.match(inBody.meta.author ?? '', /^(?:By )?Ann Lee$/);
    assert.ok(!inBody.text.includes('By Ann Lee'), 'the byline is not a paragraph of the article');
  });

  it('gives a byline as a citation names its people: no date, time, role, handle or outlet after the names', () => {
    for (const [raw, name] of [
      ['By: Ann Lee August 18, 2010 3:21 PM PDT Print E-mail', 'Ann Lee'],
      ['Ann Lee on June 29, 2014 08:08 pm @annlee 76Comments', 'Ann Lee'],
      ['Ann Lee Tuesday, Aug. 17, 2010', 'Ann Lee'],
      ['Ann Lee2014-01-26 21:32:46 UTC', 'Ann Lee'],
      ['Ann Lee | Apr 19, 2013', 'Ann Lee'],
      ['ANN LEE and BO CHAN - Harbour Writers | Wire – 1 hr 4 mins ago', 'ANN LEE and BO CHAN'],
      ['Par ANN LEE, BO CHAN Envoyés spéciaux à Brest', 'ANN LEE, BO CHAN'],
      ['Ann Lee, DAILY PAPER', 'Ann Lee'],
      ['Ann Lee, Bo Chan', 'Ann Lee, Bo Chan'],
      ['Maggie Di Stefano and Bo Chan', 'Maggie Di Stefano and Bo Chan'],
    ] as const) assert.equal(cleanByline(raw), name, raw);
    for (const raw of ['9:39AM BST 05 Oct 2011', 'dailypaper.com', 'Authors', 'https://dailypaper.com/staff/ann-lee']) assert.equal(cleanByline(raw), undefined, raw);
    // The publisher's company filled in as the author; a blog named after its author keeps it.
    assert.equal(cleanByline('Ediciones Daily Paper', 'Daily Paper'), undefined);
    assert.equal(cleanByline('Ann Lee', 'Ann Lee'), 'Ann Lee');
  });

  it('finds the person behind a byline that names a domain, the publisher, or a person with a role', () => {
    const body = `<article>${paras(story)}</article>`;
    const page = (head: string, top: string): SourceDoc => load(`<html><head>${head}</head><body>${top}${body}</body></html>`);
    assert.equal(page('<meta name="author" content="dailypaper.com">', '<a rel="author" href="/ann">Ann Lee</a>').meta.author, 'Ann Lee');
    assert.equal(page('<meta property="og:site_name" content="Daily Paper"><meta name="author" content="Ediciones Daily Paper">',
      '<span class="autor"><a rel="author" href="/ann">Ann Lee</a> / <a rel="author" href="/bo">Bo Chan</a></span>').meta.author, 'Ann Lee; Bo Chan');
    assert.equal(page('', '<p class="author vcard"><a href="/ann"><b class="fn">Ann Lee</b></a> <span class="title">Senior Harbour Town Correspondent</span></p>').meta.author, 'Ann Lee');
    assert.equal(page('', '<h1>Harbour budget passes</h1><cite><img src="ann.jpg" alt="">\nBy Ann Lee<br>Daily Paper<br><a href="/ann">Archive</a></cite>').meta.author, 'Ann Lee');
    assert.equal(page('', '<div><span class="sub">By: <a href="/ann">Ann Lee</a><br>Executive Harbour Editor</span></div>').meta.author, 'Ann Lee');
    assert.equal(page('', '<p>By the time the council met, the fees were set.</p>').meta.author, undefined);
    // An encyclopaedia's infobox is an hCard of its subject, not of an author.
    assert.equal(page('', '<table class="infobox vcard"><tr><th class="fn org">Harbour Trust</th></tr></table>').meta.author, undefined);
  });

  it('names the site from the page’s title around the headline when no tag names it', () => {
    const outlet = (title: string): string | undefined =>
      load(`<html><head><title>${title}</title></head><body><h1>Harbour budget passes</h1><article>${paras(story)}</article></body></html>`).meta.outlet;
    assert.equal(outlet('Harbour budget passes - DailyPaper.com'), 'DailyPaper.com');
    assert.equal(outlet('Daily Paper | Harbour budget passes'), 'Daily Paper');
    assert.equal(outlet('Harbour budget passes : News : Daily Paper'), 'Daily Paper');
    // A dash inside a title that is not the headline and a name says nothing of the site.
    assert.equal(outlet('Harbour budget - the council’s plan passes'), undefined);
    assert.equal(outlet('Harbour budget passes'), undefined);
    assert.equal(outlet('draft-lee-harbour-04 - Harbour budget passes'), undefined, 'a document’s identifier is no site');
    // A heading that is one link home is the site's banner, not the headline the title is made of.
    const banner = load(`<html><head><title>Evolve: Harbour Budget — harbour docs</title></head><body><h1><a href="index.html">harbour docs</a></h1><article>${paras(story)}</article></body></html>`);
    assert.equal(banner.meta.outlet, undefined);
  });

  it('takes the title from the page, not from a section banner in the first heading', () => {
    const doc = load(`<html><head><title>Harbour budget passes after long debate | The Daily Paper</title></head><body><h1 class="section-banner">Politics</h1><article>${paras(story)}</article></body></html>`);
    assert.equal(doc.meta.title, 'Harbour budget passes after long debate');
  });

  it('maps passages of an article chosen among nested containers back to their words in the file', () => {
    const html = `<html><body><div id="ad-portal"><div class="story">\n${paras(story)}\n</div></div></body></html>`;
    const doc = load(html);
    const lines = html.split('\n');
    for (const passage of doc.passages) {
      const at = sourceFilePosition(doc, passage.start)!;
      assert.equal(lines[at.line].slice(at.character, at.character + 20), passage.text.slice(0, 20), passage.text);
    }
  });

  it('reads a short page, which the reader goes over again with looser rules, and maps its words back to the file', () => {
    const html = joinLines('<html>', '<body>', '    The mayor said the harbour budget was fair.', '</body>', '</html>');
    const doc = load(html);
    assert.equal(doc.text.trim(), 'The mayor said the harbour budget was fair.');
    const at = sourceFilePosition(doc, doc.text.indexOf('harbour'))!;
    assert.equal(html.split('\n')[at.line].slice(at.character, at.character + 14), 'harbour budget');
  });

  it('keeps the text of a link that leads nowhere (javascript:) as part of the article', () => {
    const doc = load(joinLines('<html><body>  ', '  <a href="javascript:">', '    <p>Council met.</p>', '    <p>Budget approved.</p>', '    Members left', '  </a>', '</body></html>'));
    for (const sentence of ['Council met.', 'Budget approved.', 'Members left']) assert.ok(doc.text.includes(sentence), sentence);
  });

  it('does not take the title of a drawing in the page for the page’s title', () => {
    const doc = load(`<html><head></head><body><svg><title>Chart of harbour fees</title></svg><h1>Harbour budget passes</h1><article>${paras(story)}</article></body></html>`);
    assert.equal(doc.meta.title, 'Harbour budget passes');
  });
});

describe('saved pages nested beyond reason', () => {
  it('reads a quotation inside ten thousand nested elements instead of failing the index', function () {
    // A deadline for a pathological page (Readability's work grows with depth squared up to the cap), not a wait.
    this.timeout(30_000);
    const depth = 10_000;
    const html = `<html><head><title>Deep</title></head><body>${'<div>'.repeat(depth)}<p>“We will not stop,” said Jane Doe.</p>${'</div>'.repeat(depth)}</body></html>`;
    const result = loadSource({ uri: 'memory:/deep.html', path: 'deep.html', bytes: new TextEncoder().encode(html) }, 10_000_000);
    assert.ok(result.ok, `the page is read; got ${result.ok ? '' : result.problem.message}`);
    const quote = result.source.passages.find((p) => p.kind === 'quote');
    assert.equal(quote?.text, 'We will not stop,');
    assert.equal(quote?.speaker, 'Jane Doe');
    assert.equal(result.source.text.slice(quote.start, quote.end), quote.text);
  });
});
