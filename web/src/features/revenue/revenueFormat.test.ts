import { createTheme, decomposeColor } from '@mui/material/styles';
import { MOVEMENT_KINDS } from '@opsdesk/shared';
import { describe, expect, it } from 'vitest';
import { darkTheme, lightTheme } from '../../app/theme';
import { movementColour } from './revenueFormat';

/** A colour's hue in degrees (0–360), from its RGB. */
function hue(colour: string): number {
  const [r, g, b] = decomposeColor(colour).values.slice(0, 3).map((v) => v / 255) as [number, number, number];
  const max = Math.max(r, g, b);
  const spread = max - Math.min(r, g, b);
  if (spread === 0) return 0;
  const h = max === r ? ((g - b) / spread) % 6 : max === g ? (b - r) / spread + 2 : (r - g) / spread + 4;
  return (h * 60 + 360) % 360;
}

const hueDistance = (a: number, b: number) => Math.min(Math.abs(a - b), 360 - Math.abs(a - b));

describe.each([
  ['light', lightTheme],
  ['dark', darkTheme],
])('the movements chart in the %s theme', (_name, options) => {
  it('gives its five series five hues a legend tells apart (at least 20° apart)', () => {
    const theme = createTheme(options);
    const hues = MOVEMENT_KINDS.map((kind) => ({ kind, hue: hue(movementColour(theme, kind)) }));
    const tooClose = hues.flatMap((a, i) => hues.slice(i + 1).filter((b) => hueDistance(a.hue, b.hue) < 20).map((b) => `${a.kind}/${b.kind}`));
    expect(tooClose).toEqual([]);
  });
});
