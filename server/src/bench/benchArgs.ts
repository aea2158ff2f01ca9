import { parseArgs, type ParseArgsConfig } from 'node:util';

/**
 * A bench's options, parsed strictly (a typo stops it before it builds a database), with
 * `--help` / `-h` printing its usage and exiting 0, and an unknown or malformed option
 * printing what is wrong and the usage, exit code 2, instead of a stack trace.
 */
type BenchOptions = NonNullable<ParseArgsConfig['options']>;
type BenchArgs<T extends BenchOptions> = ReturnType<typeof parseArgs<{ options: T; strict: true; allowPositionals: false }>>;

export function parseBenchArgs<const T extends BenchOptions>(options: T, usage: string): BenchArgs<T> {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ options: { ...options, help: { type: 'boolean', short: 'h', default: false } }, strict: true, allowPositionals: false });
  } catch (error) {
    console.error(`${(error as Error).message}\n\nUsage: ${usage}`);
    process.exit(2);
  }
  if (parsed.values.help) {
    console.log(`Usage: ${usage}`);
    process.exit(0);
  }
  return parsed as BenchArgs<T>;
}
