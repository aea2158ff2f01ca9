import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILT_IN_JOB_KINDS } from '../../jobs/builtInJobs.js';
import { enqueueJob } from '../../jobs/enqueueJob.js';
import type { JobEngine } from '../../jobs/jobEngine.js';
import { logTexts, startTestEngine, waitForJob } from '../../jobs/testing/jobTestKit.js';
import { createTestApp, type TestApp } from '../../../testing/testApp.js';
import { updateRevenueSettings } from '../revenueRows.queries.js';
import { expectedRows, insertStates, SCENARIO, SETTINGS, storedRows } from '../testing/revenueFixtures.js';
import { revenueRebuildJob } from './revenueRebuild.job.js';

describe('the revenue.rebuild job kind (real PostgreSQL, the job engine)', () => {
  let app: TestApp;
  let engine: JobEngine;
  beforeAll(async () => {
    app = await createTestApp();
    engine = await startTestEngine(app, [revenueRebuildJob]);
  });
  afterAll(async () => {
    await engine?.stop();
    await app?.close();
  });

  it('is a built-in kind', () => {
    expect(BUILT_IN_JOB_KINDS).toContain(revenueRebuildJob);
  });

  it('rebuilds every row from the history, with progress and log, as the CLI does', async () => {
    await insertStates(app.db, SCENARIO);
    await updateRevenueSettings(app.db, SETTINGS);
    const queued = await app.db.transaction().execute((trx) => enqueueJob(trx, revenueRebuildJob, { batchSize: 3 }, { startedBy: null }));
    const job = await waitForJob(app.db, queued.id);
    expect(job.status).toBe('succeeded');
    expect(job).toMatchObject({ progressDone: 8, progressTotal: 8 });
    const stored = await storedRows(app.db);
    const expected = expectedRows(SCENARIO);
    expect(stored.changes).toEqual(expected.changes);
    expect(stored.movements).toEqual(expected.movements);
    const own = (await logTexts(app.db, queued.id)).filter((line) => /^Rebuil/.test(line));
    expect(own).toEqual(['Rebuilding every policy (usd, past_due churns after 30 days)', 'Rebuilt 8 customers']);
  });

  it('refuses parameters it does not know', () => {
    expect(() => revenueRebuildJob.params.parse({ policy: 'mrr-magic' })).toThrow();
    expect(() => revenueRebuildJob.params.parse({ batchSize: 3, extra: true })).toThrow();
  });
});
