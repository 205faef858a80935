import * as assert from 'node:assert/strict';
import { insideQuotation } from '../../../src/client/quotationTyped';

const marks = ['“', '"', '«', '「', '『', '‘', '@'];

describe('a quotation being typed, as the client reads the line', () => {
  it('is open after an opening mark and words', () => {
    assert.equal(insideQuotation('PEN America called it “lifel', marks), true);
    assert.equal(insideQuotation('他说「生命', marks), true);
  });

  it('is closed once its closing mark is typed', () => {
    assert.equal(insideQuotation('He said “it is fine.” and left', marks), false);
  });

  it('takes an apostrophe for an apostrophe, not a closing mark', () => {
    assert.equal(insideQuotation('He said “it’s lifel', marks), true);
  });

  it('counts straight marks: an odd number opens', () => {
    assert.equal(insideQuotation('She said "lifel', marks), true);
    assert.equal(insideQuotation('She said "yes" and', marks), false);
  });

  it('is not a quotation without a mark, or after @ alone', () => {
    assert.equal(insideQuotation('Plain words', marks), false);
    assert.equal(insideQuotation('See [@hkfp', marks), false);
  });
});
