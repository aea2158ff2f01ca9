import SearchIcon from '@mui/icons-material/Search';
import { Button, Typography } from '@mui/material';
import { HomeCard } from '../../app/HomeCard';
import type { HomeCardDefinition } from '../../app/homeCards';
import { usePhoneLayout } from '../../app/usePhoneLayout';
import { useLookupPalette } from './lookupPaletteContext';

/** What the lookup finds: the same on every screen. */
const FINDS = 'by email, even misspelt, name, the last 4 digits of a card, an invoice number or a Stripe id';

/**
 * A reminder of the fastest way to a customer, and a button for those who prefer one. On a
 * phone there is no Ctrl key to press: the hint names the search button every page's top bar has.
 */
function QuickLookupCard() {
  const palette = useLookupPalette();
  const phone = usePhoneLayout();
  return (
    <HomeCard
      title="Quick lookup"
      action={
        <Button variant="outlined" size="small" startIcon={<SearchIcon />} onClick={() => palette.open()}>
          Find a customer
        </Button>
      }
    >
      {phone ? (
        <Typography>Tap the search button at the top of any page to find a customer {FINDS}.</Typography>
      ) : (
        <Typography>
          Press <kbd>Ctrl</kbd> + <kbd>K</kbd> (<kbd>⌘</kbd> + <kbd>K</kbd> on a Mac) anywhere to find a customer {FINDS}.
        </Typography>
      )}
    </HomeCard>
  );
}

export const lookupHomeCards: HomeCardDefinition[] = [{ id: 'lookup-quick', permission: 'customers.read', leadsFor: ['support'], order: 40, Card: QuickLookupCard }];
