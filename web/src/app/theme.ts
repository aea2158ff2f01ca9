import type { Theme } from '@mui/material';
import { defaultDarkTheme, defaultLightTheme, type RaThemeOptions } from 'react-admin';

/**
 * Light and dark themes. Passing both to <Admin> makes react-admin put a theme toggle
 * in the app bar and remember the choice; the OS preference picks the first one.
 */
const shape = { borderRadius: 6 };

/**
 * Free text (notes, names, reasons, timeline lines, audit values) can be one unbroken
 * URL or log line: `anywhere` lets it break and, unlike `break-word`, also lowers its
 * minimum width, so it cannot stretch a card, a grid column or the page sideways.
 */
const wrapAnywhere = { overflowWrap: 'anywhere' } as const;
/**
 * Inside table cells that would let auto-sized columns shrink below a word ("11/30/2 026"):
 * there words stay whole, and free-text columns opt in with `wordBreak: 'break-word'`
 * and a maximum width (see the audit and approval lists).
 */
const keepWordsInCells = { '& .MuiTypography-root, & .MuiChip-label': { overflowWrap: 'break-word' } } as const;
/**
 * A chip's label is one line that never breaks by default, so a long status ("Revoked …
 * by …", "Approved and done") set the minimum width of its card or table column, and
 * react-admin's layout (min-width: fit-content) widened the page to it. Labels wrap here
 * like other text, the chip growing taller instead of wider.
 */
const wrappingChip = {
  // Beside text in a row (a list item's status), the text gives way first: a chip that
  // shrank to its label's longest run of letters broke words ("Succeede|d"). It still
  // wraps when it alone is wider than its container (maxWidth).
  root: { height: 'auto', minHeight: 32, maxWidth: '100%', flexShrink: 0 },
  sizeSmall: { minHeight: 24 },
  label: { whiteSpace: 'normal', overflowWrap: 'anywhere', paddingTop: 2, paddingBottom: 2 },
} as const;

function withWrapping(theme: RaThemeOptions): RaThemeOptions {
  return {
    ...theme,
    shape,
    components: {
      ...theme.components,
      MuiTypography: { ...theme.components?.MuiTypography, styleOverrides: { root: wrapAnywhere } },
      MuiChip: { ...theme.components?.MuiChip, styleOverrides: { ...theme.components?.MuiChip?.styleOverrides, ...wrappingChip } },
      MuiTableCell: { ...theme.components?.MuiTableCell, styleOverrides: { ...theme.components?.MuiTableCell?.styleOverrides, body: keepWordsInCells } },
      // A spinner is a progress bar to screen readers, which need its name: react-admin's (the app
      // bar's refresh while loading) has none. Spinners that say what is loading name themselves.
      MuiCircularProgress: { ...theme.components?.MuiCircularProgress, defaultProps: { 'aria-label': 'Loading', ...theme.components?.MuiCircularProgress?.defaultProps } },
    },
  };
}

/**
 * Colours that keep text readable (WCAG AA, 4.5:1; the accessibility sweep checks every
 * page): react-admin's app bar blue and MUI's warning orange, info blue and red carried
 * white text at 3.1–3.9:1, and orange or blue text on white as low. These are the same
 * hues a shade darker; on the dark theme's grey, the lighter shades MUI picks for dark
 * backgrounds.
 */
const lightPalette = {
  primary: { main: '#1f5fbf' },
  secondary: { main: '#1565c0' },
  error: { main: '#d32f2f' },
  warning: { main: '#b45309' },
  info: { main: '#0277bd' },
  success: { main: '#2e7d32' },
};
const darkPalette = {
  primary: { main: '#8ab4f8' },
  error: { main: '#f88078' },
  warning: { main: '#ffa726' },
  info: { main: '#29b6f6' },
  success: { main: '#66bb6a' },
};

export const lightTheme: RaThemeOptions = withWrapping({ ...defaultLightTheme, palette: { ...defaultLightTheme.palette, ...lightPalette } });
export const darkTheme: RaThemeOptions = withWrapping({ ...defaultDarkTheme, palette: { ...defaultDarkTheme.palette, ...darkPalette } });

/**
 * A hue of its own (purple) for a chart series or a chip that sits beside primary, info,
 * success, warning and error — the palette has two blues (primary and info) that read as
 * one in a legend. Not the palette's `secondary`: react-admin paints the light app bar
 * with it. Readable at 4.5:1 on either theme's cards and page (theme.test.ts).
 */
const ACCENT = { light: '#7b1fa2', dark: '#ce93d8' } as const;

export function accentColour(theme: Pick<Theme, 'palette'>): string {
  return ACCENT[theme.palette.mode];
}
