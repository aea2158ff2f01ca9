import { parseArgs } from 'node:util';

export const USAGE = `Usage: stripe-emulator [options]

  --port <n>            port to listen on (env PORT; default 12111; 0 picks a free one)
  --host <host>         interface to bind (env HOST; default 127.0.0.1)
  --api-key <key>       secret key clients must send (env STRIPE_EMULATOR_KEY)
  --data <file>         keep state in this JSON file across restarts (env STRIPE_EMULATOR_DATA)
  --webhook-url <url>   deliver signed events to this endpoint (env STRIPE_WEBHOOK_URL)
  --webhook-secret <s>  its signing secret, whsec_… (env STRIPE_WEBHOOK_SECRET; default: generated)
  --help                print this
`;

export interface CliOptions {
  port: number;
  host: string;
  apiKey?: string;
  dataFile?: string;
  webhookUrl?: string;
  webhookSecret?: string;
  help: boolean;
}

/** Flags win over environment variables; an unknown flag or a bad port throws (shown with the usage). */
export function parseCliOptions(argv: string[], env: NodeJS.ProcessEnv): CliOptions {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'api-key': { type: 'string' },
      data: { type: 'string' },
      'webhook-url': { type: 'string' },
      'webhook-secret': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  const portText = values.port ?? env.PORT ?? '12111';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) throw new Error(`--port must be an integer from 0 to 65535, got "${portText}"`);
  const optional = (flag: string | undefined, variable: string | undefined) => flag ?? (variable || undefined);
  return {
    port,
    host: values.host ?? env.HOST ?? '127.0.0.1',
    apiKey: optional(values['api-key'], env.STRIPE_EMULATOR_KEY),
    dataFile: optional(values.data, env.STRIPE_EMULATOR_DATA),
    webhookUrl: optional(values['webhook-url'], env.STRIPE_WEBHOOK_URL),
    webhookSecret: optional(values['webhook-secret'], env.STRIPE_WEBHOOK_SECRET),
    help: values.help ?? false,
  };
}
