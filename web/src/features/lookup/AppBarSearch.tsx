import SearchIcon from '@mui/icons-material/Search';
import { alpha, Box, InputBase } from '@mui/material';
import { useLookupPalette } from './lookupPaletteContext';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/**
 * The search box in the app bar. Typing in it (or clicking it) hands over to the
 * palette, which shows the results, so both entry points behave the same.
 */
export function AppBarSearch() {
  const palette = useLookupPalette();
  return (
    <Box
      sx={(theme) => ({
        display: 'flex',
        alignItems: 'center',
        gap: 1,
        px: 1.5,
        mx: 2,
        borderRadius: 1,
        width: { xs: 180, md: 360 },
        backgroundColor: alpha(theme.palette.common.white, 0.15),
        '&:hover': { backgroundColor: alpha(theme.palette.common.white, 0.25) },
      })}
    >
      <SearchIcon fontSize="small" />
      <InputBase
        value=""
        placeholder={`Find a customer (${isMac ? '⌘' : 'Ctrl'} K)`}
        onChange={(event) => palette.open(event.target.value)}
        onClick={() => palette.open()}
        inputProps={{ 'aria-label': 'Search customers', autoComplete: 'off' }}
        sx={{ color: 'inherit', flex: 1 }}
      />
    </Box>
  );
}
