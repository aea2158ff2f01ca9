import { Alert, Button, Card, CardContent, Typography } from '@mui/material';
import { errorMessage } from '../../app/trpcErrors';
import { DisableTotpForm } from './DisableTotpForm';
import { EnrollTotpForm } from './EnrollTotpForm';
import { ReplaceTotpForm } from './ReplaceTotpForm';
import type { useAccount } from './useAccount';

type AccountHooks = ReturnType<typeof useAccount>;

/** Two-factor status and what applies: set it up; or move it to a new app, or turn it off. */
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
          <TwoFactorOn hooks={hooks} totpRequired={account.totpRequired} />
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

/** On: move it to a new authenticator app (both current factors asked), or turn it off. */
function TwoFactorOn({ hooks, totpRequired }: { hooks: AccountHooks; totpRequired: boolean }) {
  const enrollment = hooks.beginTotp.data;
  const replaced = hooks.replaceTotp.data;
  const startReplacing = () => {
    hooks.replaceTotp.reset();
    hooks.beginTotp.mutate();
  };
  return (
    <>
      <Alert severity="success" sx={{ mb: 2 }}>
        Two-factor authentication is on. Signing in asks for a code from your authenticator app.
      </Alert>
      {enrollment ? (
        <ReplaceTotpForm enrollment={enrollment} replaceTotp={hooks.replaceTotp} onCancel={() => hooks.beginTotp.reset()} />
      ) : (
        <>
          {replaced && (
            <Alert severity="success" sx={{ mb: 2 }}>
              Your new authenticator app is now the one signing in asks for.
              {replaced.otherSessionsRevoked > 0 ? ' Your other sessions were signed out.' : ''}
            </Alert>
          )}
          {hooks.beginTotp.error && <Alert severity="error">{errorMessage(hooks.beginTotp.error)}</Alert>}
          <Button variant="outlined" onClick={startReplacing} disabled={hooks.beginTotp.isPending} sx={{ mb: 2 }}>
            Move to a new authenticator app
          </Button>
          {totpRequired ? (
            <Typography color="text.secondary">Your role requires it, so it cannot be turned off.</Typography>
          ) : (
            <DisableTotpForm disableTotp={hooks.disableTotp} />
          )}
        </>
      )}
    </>
  );
}
