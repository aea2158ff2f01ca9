import { Box, Stack, Typography } from '@mui/material';
import { QRCodeSVG } from 'qrcode.react';

/**
 * What an authenticator app needs: a QR code of the otpauth:// URI, and the secret as
 * text for apps (or people) that cannot scan. Rendered as SVG: no canvas, no network.
 */
export function TotpSecretDisplay({ secret, otpauthUri }: { secret: string; otpauthUri: string }) {
  return (
    <Stack spacing={1} alignItems="center" my={2}>
      <Box sx={{ p: 1, bgcolor: '#fff', lineHeight: 0 }}>
        <QRCodeSVG value={otpauthUri} size={176} title="QR code for your authenticator app" />
      </Box>
      <Typography variant="body2" id="totp-secret-label">
        Can't scan? Enter this key in your app:
      </Typography>
      <Typography
        component="code"
        aria-labelledby="totp-secret-label"
        data-testid="totp-secret"
        sx={{ fontFamily: 'monospace', fontSize: 16, letterSpacing: 1, wordBreak: 'break-all', userSelect: 'all' }}
      >
        {secret}
      </Typography>
    </Stack>
  );
}
