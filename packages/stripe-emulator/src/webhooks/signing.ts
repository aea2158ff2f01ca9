import { createHmac } from 'node:crypto';

/** Exactly Stripe's scheme: `t=<unix>,v1=<hex HMAC-SHA256(secret, "${t}.${rawBody}")>`. */
export function signatureHeader(rawBody: string, secret: string, timestamp: number): string {
  const v1 = createHmac('sha256', secret).update(`${timestamp}.${rawBody}`, 'utf8').digest('hex');
  return `t=${timestamp},v1=${v1}`;
}
