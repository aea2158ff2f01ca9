import SearchIcon from '@mui/icons-material/Search';
import { Button, Typography } from '@mui/material';
import { HomeCard } from '../../app/HomeCard';
import type { HomeCardDefinition } from '../../app/homeCards';
import { useLookupPalette } from './lookupPaletteContext';

/** A reminder of the fastest way to a customer, and a button for those who prefer one. */
function QuickLookupCard() {
  const palette = useLookupPalette();
  return (
    <HomeCard
      title="Quick lookup"
      action={
        <Button variant="outlined" size="small" startIcon={<SearchIcon />} onClick={() => palette.open()}>
          Find a customer
        </Button>
      }
    >
      <Typography>
        Press <kbd>Ctrl</kbd> + <kbd>K</kbd> (<kbd>⌘</kbd> + <kbd>K</kbd> on a Mac) anywhere to find a customer by email, even misspelt, name, the last 4 digits of a card, an
        invoice number or a Stripe id.
      </Typography>
    </HomeCard>
  );
}

export const lookupHomeCards: HomeCardDefinition[] = [{ id: 'lookup-quick', permission: 'customers.read', leadsFor: ['support'], order: 40, Card: QuickLookupCard }];
