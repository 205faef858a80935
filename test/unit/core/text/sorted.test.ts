import * as assert from 'node:assert/strict';
import { partitionPoint } from '../../../../src/core/text/sorted';

describe('finding a place in a sorted list', () => {
  it('gives the first item not before the value, at either end and among equal items', () => {
    const starts = [0, 10, 10, 25, 40];
    assert.equal(partitionPoint(starts, (s) => s <= 10), 3, 'after every item at or before 10');
    assert.equal(partitionPoint(starts, (s) => s < 10), 1, 'at the first 10');
    assert.equal(partitionPoint(starts, (s) => s < 0), 0);
    assert.equal(partitionPoint(starts, (s) => s <= 99), starts.length);
    assert.equal(partitionPoint([], () => true), 0);
  });

  it('agrees with a walk from the start on every value', () => {
    const list = [2, 3, 3, 3, 8, 13, 13, 21];
    for (let v = 0; v <= 22; v++) assert.equal(partitionPoint(list, (x) => x <= v), list.filter((x) => x <= v).length, `value ${v}`);
  });
});
