import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { commandIds } from '../../src/shared/commands';
import { defaultSettings, resolveSettings, settingKeys } from '../../src/shared/settings';

const root = path.resolve(__dirname, '../../..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
const changelog = readFileSync(path.join(root, 'CHANGELOG.md'), 'utf8');
const properties: Record<string, { default: unknown; markdownDescription?: string; description?: string }> = pkg.contributes.configuration.properties;

describe('manifest', () => {
  it('declares every setting the code reads, with the same default, and no other', () => {
    const declared = Object.keys(properties).filter((k) => k !== 'verbatim.trace.server').sort();
    assert.deepEqual(declared, Object.values(settingKeys).sort());
    for (const [field, key] of Object.entries(settingKeys)) {
      assert.deepEqual(properties[key].default, defaultSettings[field as keyof typeof defaultSettings], key);
    }
  });

  it('documents every setting in package.json and in the README', () => {
    for (const [key, property] of Object.entries(properties)) {
      assert.ok((property.markdownDescription ?? property.description ?? '').length > 20, `${key} has a description`);
      assert.ok(readme.includes(`\`${key}\``), `README documents ${key}`);
    }
  });

  it('contributes exactly the commands the extension registers', () => {
    assert.deepEqual(pkg.contributes.commands.map((c: { command: string }) => c.command).sort(), Object.values(commandIds).sort());
  });

  it('activates on Markdown only', () => {
    assert.deepEqual(pkg.activationEvents, ['onLanguage:markdown']);
  });

  it('has one version in package.json and the changelog', () => {
    assert.match(changelog, new RegExp(`^## ${pkg.version.replace(/\./g, '\\.')}$`, 'm'));
  });

  it('falls back to the default for a setting of the wrong type, keeping the others', () => {
    const settings = resolveSettings({ sources: 'not-a-list', citation: { style: 'footnote' }, completion: { maxItems: -3 } });
    assert.deepEqual(settings.sources, defaultSettings.sources);
    assert.equal(settings.citationStyle, 'footnote');
    assert.equal(settings.maxCompletionItems, defaultSettings.maxCompletionItems);
  });
});
