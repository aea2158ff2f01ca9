import { errorBudgetRemaining, ZSloDefinitionSchema } from '@opsdesk/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/testApp.js';
import { insertSignalSamples } from '../signals/signalSamples.queries.js';
import { sloBudgetChart } from './sloBudgetChart.js';
import { minuteRow } from './sloSamples.testing.js';

const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 0, 10, 12, 30);
const slo = ZSloDefinitionSchema.parse({ service: 'chart-test', name: 'availability', sli: { kind: 'availability' }, objectivePercent: 99, windowDays: 7, minValidRequests: 1 });

/** The SLO page's budget chart against samples written as the collector writes them (minute and hourly rows). */
describe('the budget chart', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
    await insertSignalSamples(app.db, [
      minuteRow(slo.service, NOW - 4 * HOUR - 20 * 60_000, 1_000, 0), // 08:10: clean traffic
      minuteRow(slo.service, NOW - 20 * 60_000, 1_000, 30), // 12:10, the hour in progress: a burst
    ]);
  });
  afterAll(() => app?.close());

  it('ends now, including the hour in progress, so a burst this hour shows as it does in the headline figure', async () => {
    const chart = await sloBudgetChart(app.db, slo, new Date(NOW));
    expect(chart).toHaveLength(168);
    const last = chart.at(-1)!;
    expect(last.at).toBe(new Date(NOW).toISOString());
    // 30 bad of 2,000 against a 1 % budget: 20 allowed, 30 spent → −50 %.
    expect(last.budgetRemaining).toBeCloseTo(errorBudgetRemaining({ good: 1_970, valid: 2_000 }, 99), 10);
    expect(last.budgetRemaining).toBeCloseTo(-0.5, 10);
    // The point at the end of 11:00–12:00 saw only the clean hour; the one before 08:00 nothing.
    expect(chart.at(-2)).toMatchObject({ at: new Date(Date.UTC(2026, 0, 10, 12)).toISOString(), budgetRemaining: 1, sli: 1 });
    expect(chart.at(-6)).toMatchObject({ at: new Date(Date.UTC(2026, 0, 10, 8)).toISOString(), budgetRemaining: 1, sli: null });
  });
});
