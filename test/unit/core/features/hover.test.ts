import * as assert from 'node:assert/strict';
import type { MarkupContent } from 'vscode-languageserver-types';
import { draftWithCursor, indexedService, joinLines, seedArticle } from '../../helpers';

async function hoverText(draft: string, files: Record<string, string> = { 'sources/hkfp-2017-vpn.md': seedArticle }): Promise<string | undefined> {
  const service = await indexedService(files);
  const { document, position } = draftWithCursor(draft);
  const hover = service.provideHover(document, position);
  return hover ? (hover.contents as MarkupContent).value : undefined;
}

/** Markdown without its backslash escapes, as a reader sees it. */
function shown(markdown: string | undefined): string {
  // CommonMark's ASCII punctuation, as ranges.
  // eslint-disable-next-line regexp/no-obscure-range
  return (markdown ?? '').replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

describe('hover', () => {
  it('shows the source card and the cited paragraph on a citation', async () => {
    const text = shown(await hoverText('Critics “close the last lifeline to a free internet.” [@hkfp-‸2017-vpn, para. 7]'));
    assert.match(text, /Hong Kong Free Press/);
    assert.match(text, /Catherine Lai/);
    assert.match(text, /25 January 2017/);
    assert.match(text, /para\. 7/);
    assert.match(text, /calling the regulations an attempt to “close the last lifeline/);
  });

  it('says so when the cited paragraph does not exist', async () => {
    assert.match(shown(await hoverText('See [@hkfp-2017-vpn, para. 70‸].')), /no paragraph 70/);
  });

  it('says so when no source has the key', async () => {
    assert.match(shown(await hoverText('See [@nobody‸].')), /No source has the citation key "nobody"/);
  });

  it('resolves a footnote reference through its definition', async () => {
    const draft = joinLines('A claim.[^1‸]', '', '[^1]: Catherine Lai, Hong Kong Free Press, para. 5. [@hkfp-2017-vpn]');
    const text = shown(await hoverText(draft));
    assert.match(text, /Catherine Lai/);
    assert.match(text, /companies doing foreign trade/);
  });

  it('shows who said a quotation and that it matches exactly', async () => {
    const text = shown(await hoverText('They called it an attempt to “close the last ‸lifeline to a free internet.” [@hkfp-2017-vpn]'));
    assert.match(text, /Verbatim: the same characters as the source/);
    assert.match(text, /PEN America · Hong Kong Free Press · 25 January 2017 · para\. 7/);
  });

  it('accepts straight quotation marks and apostrophes as the same text', async () => {
    const text = shown(await hoverText('He "is concerned that domestic VPN providers that register with the authorities may share their customers\' data‸"'));
    assert.match(text, /Verbatim apart from quotation marks, dashes or spacing/);
    assert.match(text, /Charlie Smith/);
  });

  it('shows the source’s words when the draft’s differ', async () => {
    const text = shown(await hoverText('PEN said it would “close the final lifeline to a free internet‸.”'));
    assert.match(text, /Altered: the words differ from the source/);
    assert.match(text, /```text\nclose the \[-last-\]\{\+final\+\} lifeline to a free internet/);
  });

  it('says a quotation is in no source', async () => {
    assert.match(shown(await hoverText('He said “the moon is made of green cheese and nothing else‸.”')), /Not found in any source/);
  });

  it('never turns source text into a link, an image or HTML', async () => {
    const hostile = joinLines('---', 'id: evil', 'url: "javascript:alert(1)"', 'title: "[click](command:workbench.action.quit) <img src=x onerror=alert(1)>"', '---',
      '“Visit [here](command:workbench.action.quit) or https://evil.example or <script>alert(1)</script> now,” the attacker said.');
    const value = await hoverText('See [@evil‸].', { 'sources/evil.md': hostile }) ?? '';
    assert.doesNotMatch(value, /\]\((?!file:)/, 'no Markdown link other than the open-source file link');
    assert.doesNotMatch(value, /(?<!\\)<(?:script|img)/i, 'no raw HTML tag');
    assert.doesNotMatch(value, /(?<!\\)https?:\/\//);
    assert.match(shown(value), /\[click\]\(command:workbench\.action\.quit\)/, 'the title is still shown, as text');
  });
});
