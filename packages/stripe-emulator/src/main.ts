import path from 'node:path';
import { parseCliOptions, USAGE, type CliOptions } from './cli/cliOptions.js';
import { startStripeEmulator, type StripeEmulator } from './index.js';

/**
 * The standalone emulator (`npx stripe-emulator`, `npm start -w @opsdesk/stripe-emulator`):
 * starts it, prints how to reach it and where its webhooks go, stops cleanly on a signal
 * (saving state first when --data is given).
 */
let options: CliOptions;
try {
  options = parseCliOptions(process.argv.slice(2), process.env);
} catch (e) {
  console.error(`${e instanceof Error ? e.message : String(e)}\n\n${USAGE}`);
  process.exit(2);
}
if (options.help) {
  console.log(USAGE);
  process.exit(0);
}

// Under `npm start -w …` the process runs in the package folder; INIT_CWD is where the user typed it.
const dataFile = options.dataFile ? path.resolve(process.env.INIT_CWD ?? process.cwd(), options.dataFile) : undefined;
const emulator = await startStripeEmulator({
  port: options.port,
  host: options.host,
  ...(options.apiKey ? { apiKey: options.apiKey } : {}),
  ...(dataFile ? { persistPath: dataFile } : {}),
});
const configured = options.webhookUrl
  ? emulator.addWebhookEndpoint({ url: options.webhookUrl, ...(options.webhookSecret ? { secret: options.webhookSecret } : {}) })
  : null;

console.log(`Stripe emulator listening on ${emulator.url}`);
console.log(`API key: ${emulator.apiKey}`);
console.log(`SDK: new Stripe('${emulator.apiKey}', { host: '${emulator.host}', port: ${emulator.port}, protocol: 'http' })`);
console.log(dataFile ? `State file: ${dataFile}` : 'State: in memory (pass --data <file> to keep it)');
for (const line of await webhookSummary(emulator, configured)) console.log(line);

/** The endpoints events are delivered to: the one from the flags plus any restored from --data. */
async function webhookSummary(running: StripeEmulator, fromFlags: { id: string; secret: string } | null): Promise<string[]> {
  const response = await fetch(`${running.url}/v1/webhook_endpoints?limit=100`, { headers: { authorization: `Bearer ${running.apiKey}` } });
  const { data } = (await response.json()) as { data: Array<{ id: string; url: string; enabled_events: string[] }> };
  if (!data.length) return ['Webhooks: no endpoint (pass --webhook-url, or POST /v1/webhook_endpoints)'];
  return data.map((endpoint) => {
    const secret = endpoint.id === fromFlags?.id ? `, signing secret ${fromFlags.secret}` : '';
    return `Webhooks: ${endpoint.url} (${endpoint.id}, events ${endpoint.enabled_events.join(',')}${secret}; Stripe-Signature t=…,v1=HMAC-SHA256)`;
  });
}

const shutdown = () => void emulator.stop().then(() => process.exit(0));
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
