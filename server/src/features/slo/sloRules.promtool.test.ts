import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_SLOS } from './defaultSlos.js';
import { runPromtool } from './promtool.testing.js';
import { opsdeskSloRulesYaml } from './sloRulesExport.js';

/**
 * The exported rules in the real promtool: `check rules`, then `test rules` on input
 * series that make each alert fire and not fire, with the ratios worked out by hand.
 * Seed SLOs: availability 99.5 % (alert thresholds 7.2 % / 3 % / 1.5 % / 0.5 % errors)
 * and latency 95 % under 300 ms (72 % / 30 % / 15 % / 5 % slow); at least 100 requests
 * per window. Traffic: 1000 good requests a minute for 75 hours; evaluated at 4500 m.
 */
// Each case loads 75 hours of samples: a second or two, far more on a busy machine.
const PROMTOOL_TIMEOUT_MS = 120_000;
const dir = mkdtempSync(path.join(tmpdir(), 'opsdesk-slo-rules-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(path.join(dir, 'rules.yml'), opsdeskSloRulesYaml(DEFAULT_SLOS));

type Slo = 'availability' | 'latency';
interface ExpectedAlert {
  slo: Slo;
  severity: 'page' | 'ticket';
  /** The short window of the pair that fired: the alert carries its labels. */
  window: string;
}
interface Case {
  series: Array<{ series: string; values: string }>;
  expect: Array<{ at: string; alerts: ExpectedAlert[] }>;
  samples?: Array<{ expr: string; eval_time: string; exp_samples: Array<{ labels: string; value: number }> }>;
}

const HISTOGRAM = 'opsdesk_http_request_duration_seconds';
const api = (status: number, values: string, procedure = 'customers.search') => ({ series: `${HISTOGRAM}_count{procedure="${procedure}",method="POST",status="${status}"}`, values });
const under300ms = (values: string) => ({ series: `${HISTOGRAM}_bucket{procedure="customers.search",method="POST",status="200",le="0.3"}`, values });
const GOOD = api(200, '0+1000x4500');
const ALERT_NAMES: Record<Slo, string> = { availability: 'OpsdeskAvailabilityBudgetBurn', latency: 'OpsdeskLatencyBudgetBurn' };
const OBJECTIVE: Record<Slo, string> = { availability: '99.5', latency: '95' };

const CASES: Record<string, Case> = {
  // 100 errors a minute for the last hour: 1h and 5m at 9.1 % > 7.2 %; 6h at 1.6 % < 3 %;
  // 1d at 0.4 % < 1.5 %; 3d at 0.14 % < 0.5 %. Nothing before the burst.
  'availability pages on the 1h/5m pair': {
    series: [GOOD, api(500, '0x4440 0+100x60')],
    expect: [
      { at: '4200m', alerts: [] },
      { at: '4500m', alerts: [{ slo: 'availability', severity: 'page', window: '5m' }] },
    ],
  },
  // 40 errors a minute for 6 hours: 3.8 %, above 3 % on 30m and 6h, under 7.2 % on 5m;
  // 1d at 1 % < 1.5 %, 3d at 0.33 % < 0.5 %.
  'availability pages on the 6h/30m pair': {
    series: [GOOD, api(500, '0x4140 0+40x360')],
    expect: [{ at: '4500m', alerts: [{ slo: 'availability', severity: 'page', window: '30m' }] }],
  },
  // 20 errors a minute for a day: 1.96 % on 2h and 1d (> 1.5 %), under 3 % on 30m/6h.
  'availability opens a ticket on the 1d/2h pair': {
    series: [GOOD, api(500, '0x3060 0+20x1440')],
    expect: [{ at: '4500m', alerts: [{ slo: 'availability', severity: 'ticket', window: '2h' }] }],
  },
  // 8 errors a minute throughout: 0.79 %, above 0.5 % on 6h and 3d, under 1.5 % on 2h.
  'availability opens a ticket on the 3d/6h pair': {
    series: [GOOD, api(500, '0+8x4500')],
    expect: [{ at: '4500m', alerts: [{ slo: 'availability', severity: 'ticket', window: '6h' }] }],
  },
  // 500 errors a minute for the last 5 minutes: 5m at 33 % but 1h at 4 % (< 7.2 %); 30m at
  // 7.7 % but 6h at 0.7 % (< 3 %); 2h at 2 % but 1d at 0.17 %; 6h at 0.7 % but 3d at 0.06 %.
  'a spike only the short windows see does not alert': {
    series: [GOOD, api(500, '0x4495 0+500x5')],
    expect: [{ at: '4500m', alerts: [] }],
  },
  // Every request fails for 10 minutes up to the evaluation: 1h at 14 %, 5m at 100 %: page.
  'an outage pages while it lasts': {
    series: [api(200, '0+1000x4490 4491000x10'), api(500, '0x4490 0+1000x10')],
    expect: [{ at: '4500m', alerts: [{ slo: 'availability', severity: 'page', window: '5m' }] }],
  },
  // The same outage ended 5 minutes before the evaluation: 1h still at 14 %, but the 5m
  // window is clean, and 6h at 2.7 % < 3 %: no page, minutes (not an hour) after recovery.
  'an outage that ended 5 minutes ago no longer pages': {
    series: [api(200, '0+1000x4484 4485000x10 4485000+1000x10'), api(500, '0x4484 0+1000x10 10000x10')],
    expect: [{ at: '4500m', alerts: [] }],
  },
  // One request every 5 minutes, then one in two failing for the last hour: 6h holds 84
  // requests (< 100), 2h 36, 30m 9, 5m 2: no SLI is recorded, nothing alerts.
  'a low-traffic window has no SLI and never alerts': {
    series: [api(200, '0+0.2x4500'), api(500, '0x4440 0+0.2x60')],
    expect: [{ at: '4500m', alerts: [] }],
    samples: [
      { expr: 'slo:sli_error:ratio_rate6h{sloth_slo="availability"}', eval_time: '4500m', exp_samples: [] },
      { expr: 'count(slo:sli_error:ratio_rate3d{sloth_slo="availability"})', eval_time: '4500m', exp_samples: [{ labels: '{}', value: 1 }] },
    ],
  },
  // 404s are good; failing /metrics scrapes and static files are not API requests.
  'client errors, scrapes and static files do not burn the budget': {
    series: [GOOD, api(404, '0+300x4500'), api(500, '0+1000x4500', '/metrics'), api(500, '0+1000x4500', 'static')],
    expect: [{ at: '4500m', alerts: [] }],
    samples: [
      {
        expr: 'slo:sli_error:ratio_rate1h{sloth_slo="availability"}',
        eval_time: '4500m',
        exp_samples: [{ labels: 'slo:sli_error:ratio_rate1h{sloth_id="opsdesk-availability",sloth_service="opsdesk",sloth_slo="availability",sloth_window="1h"}', value: 0 }],
      },
    ],
  },
  // Errors as many as successes: the SLI is exactly 0.5; objective and budget as declared.
  'the SLI, objective and budget recordings': {
    series: [api(200, '0+100x300'), api(500, '0+100x300')],
    expect: [],
    samples: [
      {
        expr: 'slo:sli_error:ratio_rate1h{sloth_slo="availability"}',
        eval_time: '300m',
        exp_samples: [{ labels: 'slo:sli_error:ratio_rate1h{sloth_id="opsdesk-availability",sloth_service="opsdesk",sloth_slo="availability",sloth_window="1h"}', value: 0.5 }],
      },
      { expr: 'slo:error_budget:ratio{sloth_slo="availability"}', eval_time: '300m', exp_samples: [{ labels: 'slo:error_budget:ratio{sloth_id="opsdesk-availability",sloth_service="opsdesk",sloth_slo="availability"}', value: 0.005 }] },
      { expr: 'slo:objective:ratio{sloth_slo="latency"}', eval_time: '300m', exp_samples: [{ labels: 'slo:objective:ratio{sloth_id="opsdesk-latency",sloth_service="opsdesk",sloth_slo="latency"}', value: 0.95 }] },
    ],
  },
  // In the last hour only 200 of 1000 requests a minute finish within 300 ms: 80 % slow >
  // 72 % on 1h and 5m; 6h at 13 % < 30 %; 2h at 40 % but 1d at 3.3 % < 15 %; 3d at 1.1 % < 5 %.
  'latency pages when most requests are slower than 300 ms': {
    series: [GOOD, under300ms('0+1000x4440 4440200+200x59')],
    expect: [
      { at: '4200m', alerts: [] },
      { at: '4500m', alerts: [{ slo: 'latency', severity: 'page', window: '5m' }] },
    ],
  },
  // Every request fails fast for the last hour (3000 a minute answered 500 within 300 ms,
  // beside 1000 good ones): a failure is never a good latency event, however fast, as the
  // console counts it. Latency: 75 % bad on 5m and 1h (> 72 %): page; 1d at 11 % < 15 %,
  // 3d at 4 % < 5 %: no ticket. Availability: the same page, and a ticket (1d 11 % > 1.5 %).
  'a fast outage burns the latency budget too': {
    series: [GOOD, under300ms('0+1000x4500'), api(500, '0x4440 0+3000x60'), { series: `${HISTOGRAM}_bucket{procedure="customers.search",method="POST",status="500",le="0.3"}`, values: '0x4440 0+3000x60' }],
    expect: [
      {
        at: '4500m',
        alerts: [
          { slo: 'availability', severity: 'page', window: '5m' },
          { slo: 'availability', severity: 'ticket', window: '2h' },
          { slo: 'latency', severity: 'page', window: '5m' },
        ],
      },
    ],
  },
};

function testGroup(name: string, { series, expect: expectations, samples = [] }: Case) {
  return {
    name,
    interval: '1m',
    input_series: series,
    alert_rule_test: expectations.flatMap(({ at, alerts }) =>
      (['availability', 'latency'] as const).map((slo) => ({
        eval_time: at,
        alertname: ALERT_NAMES[slo],
        exp_alerts: alerts
          .filter((alert) => alert.slo === slo)
          .map(({ severity, window }) => ({
            exp_labels: { sloth_id: `opsdesk-${slo}`, sloth_service: 'opsdesk', sloth_slo: slo, sloth_window: window, sloth_severity: severity },
            exp_annotations: {
              summary: `opsdesk ${slo} SLO (${OBJECTIVE[slo]} % over 7 days): error budget burning too fast`,
              title: `(${severity}) opsdesk ${slo} SLO error budget burn rate is too fast.`,
            },
          })),
      })),
    ),
    promql_expr_test: samples,
  };
}

/** JSON is YAML, so the test file needs no writer of its own. */
function promtoolTest(file: string, groups: object[]) {
  // Rules are evaluated every 5 hours (every expectation sits on a multiple): promtool
  // evaluates every rule at every step from 0, and minute steps over 75 hours of samples
  // take minutes. No rule has a `for`, so an alert fires at the first step that sees it.
  // group_eval_order: promtool otherwise evaluates the groups in map order, and an alert group
  // run before its recordings reads the previous step's, long stale.
  const order = ['opsdesk-latency', 'opsdesk-availability'].flatMap((id) => ['sli-recordings', 'meta-recordings', 'alerts'].map((kind) => `sloth-slo-${kind}-${id}`));
  writeFileSync(path.join(dir, file), JSON.stringify({ rule_files: ['rules.yml'], evaluation_interval: '5h', group_eval_order: order, tests: groups }, null, 1));
  return runPromtool(['test', 'rules', file], dir);
}

describe('exported SLO rules in promtool', () => {
  it('pass promtool check rules', async () => {
    const { code, output } = await runPromtool(['check', 'rules', 'rules.yml'], dir);
    expect(output).toContain('SUCCESS: 34 rules found');
    expect(code).toBe(0);
  });

  it.each(Object.entries(CASES).map(([name, testCase], index) => [name, testCase, index] as const))('%s', async (name, testCase, index) => {
    const { code, output } = await promtoolTest(`case-${index}.test.json`, [testGroup(name, testCase)]);
    expect(output).toContain('SUCCESS');
    expect(code).toBe(0);
  }, PROMTOOL_TIMEOUT_MS);

  it('fails promtool test rules when an expectation is wrong (the tests above can fail)', async () => {
    const wrong = { ...CASES['availability pages on the 1h/5m pair']!, expect: [{ at: '4200m', alerts: [{ slo: 'availability' as const, severity: 'page' as const, window: '5m' }] }] };
    const { code, output } = await promtoolTest('wrong.test.json', [testGroup('wrong', wrong)]);
    expect(code).toBe(1);
    expect(output).toContain('FAILED');
    expect(output).toContain('alertname: OpsdeskAvailabilityBudgetBurn');
  }, PROMTOOL_TIMEOUT_MS);
});
