import { Alert, Box, Card, CardContent, Typography } from '@mui/material';
import { useState } from 'react';
import { useLogin } from 'react-admin';
import { errorMessage } from '../../app/trpcErrors';
import { CredentialsForm } from './CredentialsForm';
import { LoginStepRequired, type LoginParams, type LoginStep } from './loginSteps';
import { readSsoRedirect, ssoErrorMessage, submitSsoTotpCode } from './sso';
import { SsoButton } from './SsoButton';
import { TotpCodeForm } from './TotpCodeForm';

/**
 * Sign-in in up to two steps: email and password, then (when the account has or needs
 * two-factor) a code, after scanning a QR code when setting it up for the first time.
 * Single sign-on (when configured) comes back here with an error to show, or with
 * `sso=totp` when the provider's sign-in still needs Opsdesk's code.
 */
export function LoginPage() {
  const login = useLogin();
  const [ssoRedirect] = useState(() => readSsoRedirect());
  const [credentials, setCredentials] = useState<{ email: string; password: string } | null>(null);
  const [step, setStep] = useState<LoginStep | null>(null);
  const [ssoTotpStep, setSsoTotpStep] = useState(ssoRedirect.totpStep);
  const [error, setError] = useState<string | null>(ssoRedirect.error ? ssoErrorMessage(ssoRedirect.error) : null);
  const [pending, setPending] = useState(false);

  const attempt = async (params: LoginParams) => {
    setPending(true);
    setError(null);
    try {
      await login(params);
    } catch (failure) {
      if (failure instanceof LoginStepRequired) setStep(failure.step);
      else setError(errorMessage(failure));
    } finally {
      setPending(false);
    }
  };

  const startOver = () => {
    setStep(null);
    setCredentials(null);
    setSsoTotpStep(false);
    setError(null);
  };

  const finishSsoSignIn = async (totpCode: string) => {
    setPending(true);
    setError(null);
    try {
      await submitSsoTotpCode(totpCode);
      // A fresh load: the console starts from the new session cookie like any visit.
      window.location.replace('/');
    } catch (failure) {
      setError(errorMessage(failure));
      setPending(false);
    }
  };

  return (
    <Box component="main" sx={{ minHeight: '100vh', display: 'grid', placeItems: 'center', bgcolor: 'background.default', p: 2 }}>
      <Card sx={{ width: '100%', maxWidth: 420 }}>
        <CardContent>
          <Typography variant="h5" component="h1" gutterBottom>
            Sign in to Opsdesk
          </Typography>
          {error && (
            <Alert severity="error" role="alert" sx={{ mb: 2 }}>
              {error}
            </Alert>
          )}
          {ssoTotpStep ? (
            <TotpCodeForm step={{ kind: 'totp' }} pending={pending} onSubmit={(totpCode) => void finishSsoSignIn(totpCode)} onCancel={startOver} />
          ) : step === null || credentials === null ? (
            <>
              <CredentialsForm
                pending={pending}
                onSubmit={(values) => {
                  setCredentials(values);
                  void attempt(values);
                }}
              />
              <SsoButton />
            </>
          ) : (
            <TotpCodeForm
              step={step}
              pending={pending}
              onSubmit={(totpCode) =>
                void attempt({
                  ...credentials,
                  totpCode,
                  enrollmentToken: step.kind === 'enrollment' ? step.enrollmentToken : undefined,
                })
              }
              onCancel={startOver}
            />
          )}
        </CardContent>
      </Card>
    </Box>
  );
}
