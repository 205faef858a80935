import * as assert from 'node:assert/strict';
import { setFrontMatterField } from '../../../../src/core/draft/frontMatterEdit';
import { joinLines } from '../../helpers';

const apply = (text: string, value: string): string => {
  const edit = setFrontMatterField(text, 'bibliography', value);
  return text.slice(0, edit.start) + edit.newText + text.slice(edit.end);
};

describe('setting the bibliography in a draft’s front matter', () => {
  it('adds the field before the closing line of existing front matter', () => {
    assert.equal(apply(joinLines('---', 'title: "Briefing"', '---', '', 'Text.'), 'references.json'),
      joinLines('---', 'title: "Briefing"', 'bibliography: references.json', '---', '', 'Text.'));
  });

  it('replaces an existing entry, a list of files included, and nothing else', () => {
    assert.equal(apply(joinLines('---', 'bibliography:', '  - old.json', '  - other.bib', 'title: x', '---', 'Text.'), '../refs/new.json'),
      joinLines('---', 'bibliography: ../refs/new.json', 'title: x', '---', 'Text.'));
    assert.equal(apply(joinLines('---', 'title: x', 'bibliography: old.json', '', '---'), 'new.json'), joinLines('---', 'title: x', 'bibliography: new.json', '', '---'));
  });

  it('creates front matter for a draft without it', () => {
    assert.equal(apply(joinLines('# Draft', '', 'Text.'), 'references.json'), joinLines('---', 'bibliography: references.json', '---', '', '# Draft', '', 'Text.'));
  });

  it('quotes a path YAML would misread and keeps Windows line endings', () => {
    assert.equal(apply('---\r\ntitle: x\r\n---\r\n', 'refs: #1.json'), "---\r\ntitle: x\r\nbibliography: 'refs: #1.json'\r\n---\r\n");
  });

  it('finds the field as YAML reads it: a quoted key, never a line inside another field’s text', () => {
    assert.equal(apply(joinLines('---', '"bibliography" : old.json', '---'), 'new.json'), joinLines('---', 'bibliography: new.json', '---'));
    assert.equal(apply(joinLines('---', 'abstract: |', '  bibliography: not a field', '---'), 'new.json'),
      joinLines('---', 'abstract: |', '  bibliography: not a field', 'bibliography: new.json', '---'));
  });
});
