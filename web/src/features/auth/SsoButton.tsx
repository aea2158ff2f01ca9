import { Button, Divider } from '@mui/material';
import { SSO_START_URL, useSsoConfig } from './sso';

/** "Sign in with <provider>", only when the server has single sign-on configured. A link: the flow is full-page redirects. */
export function SsoButton() {
  const sso = useSsoConfig();
  if (!sso) return null;
  return (
    <>
      <Divider sx={{ my: 2 }}>or</Divider>
      <Button component="a" href={SSO_START_URL} variant="outlined" size="large" fullWidth>
        Sign in with {sso.name}
      </Button>
    </>
  );
}
