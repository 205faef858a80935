import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import type { CompletionItem, MarkupContent } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { indexedService, draftWithCursor, joinLines } from './helpers';

/** Renders Markdown the way hovers are rendered: raw HTML allowed, bare URLs linked. */
const renderer = new MarkdownIt({ html: true, linkify: true });

const hostileFragments = [
  '[click me](command:workbench.action.quit)', '[x](javascript:alert(1))', '<a href="command:evil">go</a>',
  '![img](https://evil.example/x.png)', '<img src=x onerror=alert(1)>', '<script>alert(1)</script>',
  'data:text/html;base64,PHNjcmlwdD4=', '&#106;avascript:alert(1)', '&lt;b&gt;', 'https://evil.example/path',
  'www.evil.example', '<https://evil.example>', '``` code ```', '`x`', '[[nested]](command:x)', '[a]: command:ref',
  '\u202etxt.exe', '\u200bzero\u200dwidth', '\u2066isolate\u2069', '**bold** _em_', '# heading', '> quote', '---',
  '\\[escaped\\](command:x)', '<!-- comment -->', '<svg onload=alert(1)>', '[ref][1]\n\n[1]: command:x',
];

/** Live links and tags in rendered Markdown, except the ones Verbatim makes itself. */
function liveLinksAndTags(markdown: string, allowedHrefs: readonly string[]): string[] {
  const html = renderer.render(markdown);
  const found: string[] = [];
  for (const m of html.matchAll(/<a\s+href="([^"]*)"/g)) {
    if (!allowedHrefs.some((allowed) => m[1].startsWith(allowed))) found.push(m[0]);
  }
  for (const m of html.matchAll(/<(?!\/?(?:p|strong|em|code|pre|blockquote|hr|br|a|ul|ol|li|h[1-6])\b)[a-z][^>]*>/gi)) found.push(m[0]);
  return found;
}

const hostileText = fc.array(fc.oneof(fc.constantFrom(...hostileFragments), fc.string({ maxLength: 12 })), { minLength: 1, maxLength: 6 }).map((parts) => parts.join(' '));

describe('untrusted source text', function () {
  this.timeout(120_000);
  const runs = Number(process.env.VERBATIM_PROPERTY_RUNS ?? 2000);

  it('never becomes a link, a command, an image or HTML in hovers and completion documentation', async () => {
    await fc.assert(fc.asyncProperty(hostileText, hostileText, hostileText, async (title, speakerWords, quoted) => {
      const source = joinLines('---', `id: evil`, `title: ${JSON.stringify(title)}`, `outlet: ${JSON.stringify(speakerWords)}`, 'url: "javascript:alert(1)"', '---', '',
        `“${quoted.replace(/[“”"\n]/g, ' ')} and then some words,” said ${speakerWords.replace(/[“”"\n]/g, ' ')}.`);
      const service = await indexedService({ 'sources/evil.md': source });
      const passage = service.sources()[0]?.passages[0];
      const allowed = ['memory:/sources/evil.md'];
      const surfaces: string[] = [];
      const hoverAt = (draft: string): void => {
        const { document, position } = draftWithCursor(draft);
        const hover = service.provideHover(document, position);
        if (hover) surfaces.push((hover.contents as MarkupContent).value);
      };
      hoverAt('See [@ev‸il, para. 1].');
      if (passage) hoverAt(`“${passage.text.slice(0, 40)}‸” [@evil]`);
      const document = TextDocument.create('memory:/d.md', 'markdown', 1, '“and then some');
      const list = service.provideCompletion(document, document.positionAt(14), { triggerKind: 3 });
      for (const item of (list?.items ?? []) as CompletionItem[]) surfaces.push((item.documentation as MarkupContent).value);
      for (const markdown of surfaces) {
        assert.deepEqual(liveLinksAndTags(markdown, allowed), [], markdown);
        assert.doesNotMatch(markdown, /[\u202a-\u202e\u2066-\u2069]/, 'no bidirectional controls');
      }
    }), { numRuns: runs });
  });

  it('links a source only through its own http(s) address', async () => {
    const source = joinLines('---', 'id: ok', 'title: A title', 'url: https://example.org/a?b=(c)', '---', '', 'Plain text of the source, long enough.');
    const service = await indexedService({ 'sources/ok.md': source });
    const { document, position } = draftWithCursor('See [@o‸k].');
    const value = (service.provideHover(document, position)!.contents as MarkupContent).value;
    assert.deepEqual(liveLinksAndTags(value, ['https://example.org/a?b=%28c%29', 'memory:/']), []);
    assert.match(renderer.render(value), /<a href="https:\/\/example\.org\/a\?b=%28c%29">A title<\/a>/);
  });
});
