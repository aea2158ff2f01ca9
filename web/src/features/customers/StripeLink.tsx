import OpenInNewIcon from '@mui/icons-material/OpenInNew';
import { Link } from '@mui/material';

/** An object's id, linking to it in Stripe's dashboard (new tab). */
export function StripeLink({ id, href }: { id: string; href: string }) {
  return (
    <Link href={href} target="_blank" rel="noreferrer" sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5, fontFamily: 'monospace' }}>
      {id}
      <OpenInNewIcon sx={{ fontSize: 14 }} aria-label="opens Stripe" />
    </Link>
  );
}
