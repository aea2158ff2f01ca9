import { useMediaQuery, type Theme } from '@mui/material';

/**
 * True on a phone-sized window (below the theme's `sm`, 600 px): tables become stacked
 * entries, lists become simple lists and dialogs fill the screen. Read at first render
 * (`noSsr`), so a phone never draws the wide layout first and then jumps.
 */
export function usePhoneLayout(): boolean {
  return useMediaQuery((theme: Theme) => theme.breakpoints.down('sm'), { noSsr: true });
}
