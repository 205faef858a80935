import * as assert from 'node:assert/strict';
import { footnoteAppendText } from '../../../src/shared/footnotes';

describe('appending a footnote definition to a draft', () => {
  it('leaves one blank line before it, adding only the line breaks the draft lacks', () => {
    assert.equal(footnoteAppendText('Text.', '[^1]: Note.'), '\n\n[^1]: Note.\n');
    assert.equal(footnoteAppendText('Text.\n', '[^1]: Note.'), '\n[^1]: Note.\n');
    assert.equal(footnoteAppendText('Text.\n\n', '[^1]: Note.'), '[^1]: Note.\n');
  });
});
