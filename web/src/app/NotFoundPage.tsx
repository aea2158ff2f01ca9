import { Button, Stack, Typography } from '@mui/material';
import { Link as RouterLink, useLocation, useNavigate } from 'react-router-dom';
import { ConsolePage } from './ConsolePage';

/**
 * An address that leads nowhere (a mistyped link, a bookmark to a page that moved): says
 * so in the console's words, names the address, and offers the way home and the way back
 * instead of react-admin's "you followed a bad link..". The way back only when the console
 * itself led here: opened from a bookmark or another tool, "back" would leave the console
 * (react-router keys the first entry it sees 'default').
 */
export function NotFoundPage() {
  const location = useLocation();
  const navigate = useNavigate();
  return (
    <ConsolePage title="Page not found">
      <Typography sx={{ overflowWrap: 'anywhere' }}>
        Nothing lives at <code>{location.pathname}</code>. The address may be mistyped, or the page may have moved; the menu lists every page you can open.
      </Typography>
      <Stack direction="row" spacing={1}>
        <Button variant="contained" component={RouterLink} to="/">
          Go to the home page
        </Button>
        {location.key !== 'default' && <Button onClick={() => navigate(-1)}>Go back</Button>}
      </Stack>
    </ConsolePage>
  );
}
