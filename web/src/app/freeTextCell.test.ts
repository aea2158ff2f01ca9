import { describe, expect, it } from 'vitest';
import { FREE_TEXT_CELL } from './freeTextCell';

describe('FREE_TEXT_CELL', () => {
  it('bounds the column width, which only takes effect on a block element', () => {
    expect(FREE_TEXT_CELL.display).toBe('block');
    expect(FREE_TEXT_CELL.maxWidth).toBeGreaterThan(0);
  });

  it('breaks one unbroken string anywhere rather than widening the table', () => {
    expect(FREE_TEXT_CELL.wordBreak).toBe('break-word');
  });
});
