import SearchIcon from '@mui/icons-material/Search';
import { alpha, Box, IconButton, InputBase, Tooltip } from '@mui/material';
import { keyLabel, SHORTCUTS } from '../../app/keyboardShortcuts';
import { usePhoneLayout } from '../../app/usePhoneLayout';
import { useLookupPalette } from './lookupPaletteContext';

/**
 * The search box in the app bar. Typing in it (or clicking it, or Enter) hands over to
 * the palette, which shows the results, so every entry point behaves the same. On a
 * phone the box would crowd out the title and the user menu: it is an icon button there.
 */
export function AppBarSearch() {
  const palette = useLookupPalette();
  const phone = usePhoneLayout();
  if (phone) {
    return (
      <Tooltip title="Find a customer">
        <IconButton color="inherit" aria-label="Search customers" onClick={() => palette.open()}>
          <SearchIcon />
        </IconButton>
      </Tooltip>
    );
  }
  return (
    <Box
      sx={(theme) => ({
        display: 'flex',
        alignItems: 'center',
        gap: 1,
        px: 1.5,
        mx: 2,
        borderRadius: 1,
        width: { sm: 220, md: 360 },
        flexShrink: 1,
        minWidth: 0,
        backgroundColor: alpha(theme.palette.common.white, 0.15),
        '&:hover': { backgroundColor: alpha(theme.palette.common.white, 0.25) },
      })}
    >
      <SearchIcon fontSize="small" />
      <InputBase
        value=""
        placeholder={`Find a customer (${SHORTCUTS.lookup.keys.map(keyLabel).join(' ')})`}
        onChange={(event) => palette.open(event.target.value)}
        onClick={() => palette.open()}
        onKeyDown={(event) => {
          if (event.key === 'Enter' || event.key === 'ArrowDown') {
            event.preventDefault();
            palette.open();
          }
        }}
        inputProps={{ 'aria-label': 'Search customers', autoComplete: 'off' }}
        sx={{ color: 'inherit', flex: 1 }}
      />
    </Box>
  );
}
