import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';
import { loadSource } from '../../src/core';
import { commandIds, contextKeys, sourcesViewId, walkthroughId } from '../../src/shared/commands';

const root = path.resolve(__dirname, '../../..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
const contributed = new Set<string>(pkg.contributes.commands.map((c: { command: string }) => c.command));

interface Step { id: string; title: string; description: string; media: { markdown?: string; image?: string }; completionEvents?: string[] }

/** `command:` links in a walkthrough or welcome text. */
const commandLinks = (text: string): string[] => [...text.matchAll(/\(command:([\w.]+)/g)].map((m) => m[1]);

describe('manifest: the Sources view and the walkthrough', () => {
  it('contributes the Sources view to the Explorer once the extension is active', () => {
    const views = pkg.contributes.views.explorer as { id: string; name: string; when?: string }[];
    const view = views.find((v) => v.id === sourcesViewId);
    assert.ok(view, `${sourcesViewId} is in the Explorer`);
    assert.equal(view.name, 'Sources');
    assert.equal(view.when, contextKeys.active);
  });

  it('welcomes a folder without sources with buttons to commands the extension has', () => {
    const welcome = (pkg.contributes.viewsWelcome as { view: string; contents: string; when: string }[]).filter((w) => w.view === sourcesViewId);
    assert.equal(welcome.length, 1);
    assert.equal(welcome[0].when, `${contextKeys.indexed} && !${contextKeys.hasSources}`);
    const links = commandLinks(welcome[0].contents);
    assert.ok(links.includes(commandIds.addSampleSource) && links.includes(commandIds.getStarted), links.join(', '));
    for (const command of links) assert.ok(contributed.has(command), `${command} is contributed`);
  });

  it('offers insert, open and copy on a passage, and hides them from the Command Palette', () => {
    const items = pkg.contributes.menus['view/item/context'] as { command: string; when: string }[];
    for (const command of [commandIds.insertPassage, commandIds.openPassage, commandIds.copyCitation]) {
      assert.ok(items.some((i) => i.command === command && i.when.includes(`view == ${sourcesViewId}`) && i.when.includes('viewItem == verbatim.passage')), command);
      assert.ok((pkg.contributes.menus.commandPalette as { command: string; when: string }[]).some((i) => i.command === command && i.when === 'false'), `${command} is not in the palette`);
    }
    for (const menu of Object.values(pkg.contributes.menus) as { command: string }[][]) {
      for (const item of menu) assert.ok(contributed.has(item.command), `${item.command} in a menu is contributed`);
    }
  });

  it('has a walkthrough from adding a source to checking quotes, each step with its media and a way to tick it off', () => {
    const [walkthrough] = pkg.contributes.walkthroughs as { id: string; steps: Step[] }[];
    assert.equal(`${pkg.publisher}.${pkg.name}#${walkthrough.id}`, walkthroughId);
    assert.deepEqual(walkthrough.steps.map((s) => s.id), ['addSource', 'createDraft', 'insertQuote', 'checkQuotes']);
    const ownContext = new Set<string>(Object.values(contextKeys));
    for (const step of walkthrough.steps) {
      const media = step.media.markdown ?? step.media.image ?? '';
      assert.ok(existsSync(path.join(root, media)), `${step.id}: ${media} exists`);
      if (step.media.markdown) {
        const text = readFileSync(path.join(root, media), 'utf8');
        for (const [, image] of text.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)) {
          assert.ok(existsSync(path.resolve(path.dirname(path.join(root, media)), image)), `${step.id}: the image ${image} exists`);
        }
      }
      for (const command of commandLinks(step.description).filter((c) => c.startsWith('verbatim.'))) assert.ok(contributed.has(command), `${step.id}: ${command}`);
      assert.ok(step.completionEvents?.length, `${step.id} can be ticked off`);
      for (const event of step.completionEvents ?? []) {
        const [kind, name] = event.split(/:(.*)/s);
        if (kind === 'onCommand' && name.startsWith('verbatim.')) assert.ok(contributed.has(name), `${step.id}: ${event}`);
        else if (kind === 'onContext') assert.ok(ownContext.has(name), `${step.id}: ${event} is a key the extension sets`);
        else assert.ok(['onCommand', 'onView'].includes(kind), `${step.id}: ${event}`);
      }
    }
  });

  it('packages every file the walkthrough shows or writes', () => {
    const shipped = readFileSync(path.join(root, '.vscodeignore'), 'utf8').split('\n').filter((l) => l.startsWith('!')).map((l) => picomatch(l.slice(1)));
    const [walkthrough] = pkg.contributes.walkthroughs as { steps: Step[] }[];
    const files = ['media/walkthrough/sample-source.md'];
    for (const step of walkthrough.steps) {
      const media = step.media.markdown ?? step.media.image ?? '';
      files.push(media);
      if (step.media.markdown) {
        for (const [, image] of readFileSync(path.join(root, media), 'utf8').matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)) {
          files.push(path.posix.join(path.posix.dirname(media), image));
        }
      }
    }
    for (const file of files) assert.ok(shipped.some((isShipped) => isShipped(file)), `${file} is in the package (.vscodeignore)`);
  });

  it('ships a sample source that Verbatim reads, with quotes and their speakers', () => {
    const bytes = readFileSync(path.join(root, 'media', 'walkthrough', 'sample-source.md'));
    const result = loadSource({ uri: 'memory:/sources/sample.md', path: 'sources/sample.md', bytes }, 1 << 20);
    assert.ok(result.ok);
    const quotes = result.source.passages.filter((p) => p.kind === 'quote');
    assert.ok(quotes.length >= 2, JSON.stringify(result.source.passages.map((p) => p.text)));
    assert.ok(quotes.every((q) => q.speaker), JSON.stringify(quotes.map((q) => q.speaker)));
  });

  it('documents the Sources view and the walkthrough in the README', () => {
    assert.match(readme, /^### The Sources view$/m);
    assert.match(readme, /Get Started with Verbatim/);
  });
});
