import { startStripeEmulator } from './index.js';

/** Standalone emulator: `npm run stripe:emulator -w server` (PORT, STRIPE_EMULATOR_KEY). */
const emulator = await startStripeEmulator({
  port: Number(process.env.PORT ?? 12111),
  host: process.env.HOST ?? '127.0.0.1',
  ...(process.env.STRIPE_EMULATOR_KEY ? { apiKey: process.env.STRIPE_EMULATOR_KEY } : {}),
});
console.log(`Stripe emulator listening on ${emulator.url}`);
console.log(`API key: ${emulator.apiKey}`);
console.log(`SDK: new Stripe('${emulator.apiKey}', { host: '${emulator.host}', port: ${emulator.port}, protocol: 'http' })`);

const shutdown = () => void emulator.stop().then(() => process.exit(0));
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
