import pg from 'pg';

/**
 * What every bench script shares: a list of clean-ups (child processes, databases,
 * folders) that always run, newest first and once, whether the bench finished, failed or
 * was interrupted; and a short-lived database connection.
 */
export type Cleanup = () => Promise<unknown>;

export async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, application_name: 'opsdesk-bench' });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Runs `main`, then exits 0; 1 on a failure; 130 on Ctrl-C / SIGTERM — after every
 * clean-up `main` pushed onto `cleanups`, in every case.
 */
export async function runBench(name: string, cleanups: Cleanup[], main: () => Promise<void>): Promise<never> {
  let cleaning: Promise<void> | null = null;
  const cleanUp = () =>
    (cleaning ??= (async () => {
      while (cleanups.length) await cleanups.pop()!().catch((error: Error) => console.error(`cleanup: ${error.message}`));
    })());

  // `on`, not `once`: Ctrl-C reaches the bench twice (from the terminal, and relayed by tsx),
  // and a second SIGINT with no listener would end the process halfway through cleaning up.
  let interrupted = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (interrupted) return;
      interrupted = true;
      console.error(`\n${signal}: stopping the servers and removing the bench data…`);
      void cleanUp().finally(() => process.exit(130));
    });
  }
  // Output piped into a reader that has gone (`| head`) must not kill the bench before it cleans up.
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);
  for (const event of ['uncaughtException', 'unhandledRejection'] as const) {
    process.on(event, (error) => {
      console.error(`\n${name} failed: ${error instanceof Error ? error.message : String(error)}`);
      void cleanUp().finally(() => process.exit(1));
    });
  }

  try {
    await main();
    await cleanUp();
    process.exit(0);
  } catch (error) {
    // Stopping the servers on an interruption makes main() fail too; that is not news.
    if (!interrupted) console.error(`\n${name} failed: ${(error as Error).message}`);
    await cleanUp();
    process.exit(interrupted ? 130 : 1);
  }
}
