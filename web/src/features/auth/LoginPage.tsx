import { Alert, Box, Card, CardContent, Typography } from '@mui/material';
import { useState } from 'react';
import { useLogin } from 'react-admin';
import { errorMessage } from '../../app/trpcErrors';
import { CredentialsForm } from './CredentialsForm';
import { LoginStepRequired, type LoginParams, type LoginStep } from './loginSteps';
import { TotpCodeForm } from './TotpCodeForm';

/**
 * Sign-in in up to two steps: email and password, then (when the account has or needs
 * two-factor) a code, after scanning a QR code when setting it up for the first time.
 */
export function LoginPage() {
  const login = useLogin();
  const [credentials, setCredentials] = useState<{ email: string; password: string } | null>(null);
  const [step, setStep] = useState<LoginStep | null>(null);
  const [error, setError] = useState<string | null>(null);
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
    setError(null);
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
          {step === null || credentials === null ? (
            <CredentialsForm
              pending={pending}
              onSubmit={(values) => {
                setCredentials(values);
                void attempt(values);
              }}
            />
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
