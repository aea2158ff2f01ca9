import { createTheme, getContrastRatio } from '@mui/material/styles';
import { describe, expect, it } from 'vitest';
import { accentColour, darkTheme, lightTheme } from './theme';

/**
 * The palette's colours are text (chips, warnings, links), text's background (white on a
 * chip, the app bar) and the series of every chart, which the page audit (axe) does not
 * read: an SVG bar has no text to check. WCAG asks 4.5:1 of text and 3:1 of graphics.
 */
const COLOURS = ['primary', 'secondary', 'error', 'warning', 'info', 'success'] as const;

describe.each([
  ['light', lightTheme],
  ['dark', darkTheme],
])('the %s theme', (_name, options) => {
  const theme = createTheme(options);
  const { paper, default: page } = theme.palette.background;

  it.each(COLOURS)('%s reads as text on the cards and on the page (4.5:1), so its chart series stand out too', (colour) => {
    const main = theme.palette[colour].main;
    expect(getContrastRatio(main, paper)).toBeGreaterThanOrEqual(4.5);
    expect(getContrastRatio(main, page)).toBeGreaterThanOrEqual(4.5);
  });

  it('the accent (a chart series, the staff chip) reads at 4.5:1 on the cards and on the page', () => {
    expect(getContrastRatio(accentColour(theme), paper)).toBeGreaterThanOrEqual(4.5);
    expect(getContrastRatio(accentColour(theme), page)).toBeGreaterThanOrEqual(4.5);
  });

  it.each(COLOURS)('text on %s (a filled chip, the app bar) reads at 4.5:1', (colour) => {
    const { main, contrastText } = theme.palette[colour];
    expect(getContrastRatio(contrastText, main)).toBeGreaterThanOrEqual(4.5);
  });
});
