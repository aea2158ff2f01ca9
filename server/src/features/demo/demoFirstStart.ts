import type Stripe from 'stripe';
import type { Db } from '../../db/database.js';
import type { StripeEmulator } from '@opsdesk/stripe-emulator';
import { migrateReferenceProductSchema } from './appSchema/migrateReferenceProductSchema.js';
import type { AppDeps } from '../../trpc/context.js';
import { describeDemoActivity, recordDemoActivity } from './demoActivity.js';
import { hasProductUsers, resetDemoData } from './demoReset.js';
import { findDemoSeedState, isDemoSeedInterrupted } from './demoSeedState.queries.js';
import { seedDemoCompany, type SeedDemoCompanyOptions } from './seedDemoCompany.js';
import { formatProgress, formatSummary, readSeedSummary } from './seedSummary.js';

/**
 * First `npm start` in demo mode: an empty product schema gets the default demo company,
 * progress printed as it goes; a seed that an earlier start began but never finished is
 * emptied and made again (seeding is not resumable: Stripe history is played in order). Call once the server listens and the emulator's webhooks
 * point at it. Never throws: a failed seed leaves a working (if empty) console, and says why.
 */
export async function seedDemoCompanyOnFirstStart(input: {
  db: Db;
  stripe: Stripe;
  emulator: StripeEmulator | null;
  users?: number;
  /** Tests make a smaller company. */
  size?: Pick<SeedDemoCompanyOptions, 'seed' | 'months' | 'payingShare' | 'now'>;
  print?: (line: string) => void;
  /** The whole app, for the demo staff's first day (demoActivity.ts) once the company is complete; without it, the company alone. */
  deps?: AppDeps;
}): Promise<boolean> {
  const print = input.print ?? ((line: string) => console.log(line));
  const users = input.users;
  if (!input.emulator || users === 0) return false;
  try {
    await migrateReferenceProductSchema(input.db);
    const interrupted = await isDemoSeedInterrupted(input.db);
    if (!interrupted && (await hasProductUsers(input.db))) {
      // A start stopped after the company but before the staff's first day was recorded finishes it now.
      await recordActivity(input, print);
      return false;
    }
    if (interrupted) {
      // The emulator's half is already gone: startBillingRuntime forgets its saved state then.
      print('\nThe demo company was not finished last time (a start stopped while seeding): emptying it and creating it again…');
      await resetDemoData(input.db);
    } else {
      print('\nFirst start: creating the demo company (about a minute; `npm run seed -- --users N` builds a bigger one)…');
    }
    const started = performance.now();
    const result = await seedDemoCompany({ db: input.db, stripe: input.stripe, emulator: input.emulator, users, ...input.size, onProgress: (p) => print(formatProgress(p)) });
    print(formatSummary(await readSeedSummary(input.db), result, (performance.now() - started) / 1000));
    await recordActivity(input, print);
    return true;
  } catch (error) {
    print(`Demo company could not be created: ${error instanceof Error ? error.message : String(error)}`);
    return false;
  }
}

/** Only on a demo company this code seeded to the end, and never fatal: the console works without it. */
async function recordActivity(input: { db: Db; deps?: AppDeps }, print: (line: string) => void): Promise<void> {
  if (!input.deps || (await findDemoSeedState(input.db)) !== 'complete') return;
  try {
    const made = await recordDemoActivity(input.deps);
    if (made) print(describeDemoActivity(made));
  } catch (error) {
    print(`The demo staff's activity could not be recorded: ${error instanceof Error ? error.message : String(error)}`);
  }
}
