import { Alert, Button, Card, CardContent, Typography } from '@mui/material';
import { errorMessage } from '../../app/trpcErrors';
import { DisableTotpForm } from './DisableTotpForm';
import { EnrollTotpForm } from './EnrollTotpForm';
import type { useAccount } from './useAccount';

type AccountHooks = ReturnType<typeof useAccount>;

/** Two-factor status and the one action that applies: set it up, or turn it off. */
export function TwoFactorCard({ hooks }: { hooks: AccountHooks }) {
  const account = hooks.account.data;
  if (!account) return null;
  const enrollment = hooks.beginTotp.data;
  return (
    <Card component="section" aria-labelledby="two-factor-title">
      <CardContent>
        <Typography variant="h6" component="h2" id="two-factor-title" gutterBottom>
          Two-factor authentication
        </Typography>
        {account.totpEnrolled ? (
          <>
            <Alert severity="success" sx={{ mb: 2 }}>
              Two-factor authentication is on. Signing in asks for a code from your authenticator app.
            </Alert>
            {account.totpRequired ? (
              <Typography color="text.secondary">Your role requires it, so it cannot be turned off.</Typography>
            ) : (
              <DisableTotpForm disableTotp={hooks.disableTotp} />
            )}
          </>
        ) : enrollment ? (
          <EnrollTotpForm enrollment={enrollment} confirmTotp={hooks.confirmTotp} />
        ) : (
          <>
            <Typography gutterBottom>
              Two-factor authentication is off.{account.totpRequired ? ' Your role requires it.' : ''} Add a second step to signing in with
              an authenticator app.
            </Typography>
            {hooks.beginTotp.error && <Alert severity="error">{errorMessage(hooks.beginTotp.error)}</Alert>}
            <Button variant="contained" onClick={() => hooks.beginTotp.mutate()} disabled={hooks.beginTotp.isPending}>
              Set up two-factor authentication
            </Button>
          </>
        )}
      </CardContent>
    </Card>
  );
}
