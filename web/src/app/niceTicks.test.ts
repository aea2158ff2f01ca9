import { describe, expect, it } from 'vitest';
import { niceTicks } from './niceTicks';

describe('niceTicks', () => {
  it('ends a latency axis at a round step above its highest point, not at the point', () => {
    expect(niceTicks(0, 241)).toEqual([0, 100, 200, 300]);
    expect(niceTicks(0, 39)).toEqual([0, 10, 20, 30, 40]);
  });

  it('steps fractions (ratios shown as percentages) without floating-point crumbs', () => {
    expect(niceTicks(0, 0.13)).toEqual([0, 0.05, 0.1, 0.15]);
    expect(niceTicks(0, 0.0034)).toEqual([0, 0.001, 0.002, 0.003, 0.004]);
  });

  it('keeps zero on the axis, below and above', () => {
    expect(niceTicks(150, 300)).toEqual([0, 100, 200, 300]);
    expect(niceTicks(-9_000, -1_000)).toEqual([-10_000, -7_500, -5_000, -2_500, 0]);
  });

  it('gives a flat zero line an axis of 0 to 1, never a division by zero', () => {
    expect(niceTicks(0, 0)).toEqual([0, 1]);
  });

  it('never steps closer than the smallest step asked for', () => {
    expect(niceTicks(0, 0, 5, 100)).toEqual([0, 100]);
    expect(niceTicks(0, 150, 5, 100)).toEqual([0, 100, 200]);
  });
});
