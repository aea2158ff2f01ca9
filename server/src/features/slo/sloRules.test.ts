import { ZSloDefinitionSchema } from '@opsdesk/shared';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SLOS } from './defaultSlos.js';
import { opsdeskSliQueries } from './opsdeskSliQueries.js';
import { toYaml } from './rulesYaml.js';
import { sloRuleGroups, sloRulesFile, type AlertingRule, type RecordingRule } from './sloRules.js';
import { sloRulesExport, sloRulesYaml } from './sloRulesExport.js';

const [latency, availability] = DEFAULT_SLOS as [(typeof DEFAULT_SLOS)[number], (typeof DEFAULT_SLOS)[number]];
const groupsOf = (slo: typeof latency) => sloRuleGroups({ slo, queries: opsdeskSliQueries(slo) });

describe('SLO rules in the shape Sloth generates', () => {
  it('records the SLI per window, the metadata, and a page and a ticket alert per SLO', () => {
    const [sli, meta, alerts] = groupsOf(availability);
    expect(sli!.name).toBe('sloth-slo-sli-recordings-opsdesk-availability');
    expect(sli!.rules.map((r) => (r as RecordingRule).record)).toEqual(['5m', '30m', '1h', '2h', '6h', '1d', '3d', '7d'].map((w) => `slo:sli_error:ratio_rate${w}`));
    expect(sli!.rules[0]!.labels).toEqual({ sloth_id: 'opsdesk-availability', sloth_service: 'opsdesk', sloth_slo: 'availability', sloth_window: '5m' });
    expect(meta!.rules.map((r) => (r as RecordingRule).record)).toEqual([
      'slo:objective:ratio',
      'slo:error_budget:ratio',
      'slo:time_period:days',
      'slo:current_burn_rate:ratio',
      'slo:period_burn_rate:ratio',
      'slo:period_error_budget_remaining:ratio',
      'sloth_slo_info',
    ]);
    expect(meta!.rules.slice(0, 3).map((r) => r.expr)).toEqual(['vector(0.995)', 'vector(0.005)', 'vector(7)']);
    const [page, ticket] = alerts!.rules as AlertingRule[];
    expect([page!.alert, page!.labels, ticket!.labels]).toEqual(['OpsdeskAvailabilityBudgetBurn', { sloth_severity: 'page' }, { sloth_severity: 'ticket' }]);
    expect(page!.expr.match(/ratio_rate\w+\{[^}]*\} > \([\d.]+ \* 0\.005\)/g)?.map((m) => m.replace(/\{.*\}/, ''))).toEqual([
      'ratio_rate5m > (14.4 * 0.005)',
      'ratio_rate1h > (14.4 * 0.005)',
      'ratio_rate30m > (6 * 0.005)',
      'ratio_rate6h > (6 * 0.005)',
    ]);
    expect(ticket!.expr.match(/ratio_rate\w+\{[^}]*\} > \([\d.]+ \* 0\.005\)/g)?.map((m) => m.replace(/\{.*\}/, ''))).toEqual([
      'ratio_rate2h > (3 * 0.005)',
      'ratio_rate1d > (3 * 0.005)',
      'ratio_rate6h > (1 * 0.005)',
      'ratio_rate3d > (1 * 0.005)',
    ]);
  });

  it('reads Opsdesk’s own request histogram: 5xx for availability, the successes in the 300 ms bucket for latency, guarded by the minimum', () => {
    const availability5m = groupsOf(availability)[0]!.rules[0]!.expr;
    expect(availability5m).toContain('opsdesk_http_request_duration_seconds_count{procedure!~"static|/healthz|/readyz|/metrics",status=~"5.."}[5m]');
    expect(availability5m).toContain('* 300 >= 100');
    const latency1h = groupsOf(latency)[0]!.rules[2]!.expr;
    expect(latency1h).toContain('opsdesk_http_request_duration_seconds_bucket{procedure!~"static|/healthz|/readyz|/metrics",status!~"5..",le="0.3"}[1h]');
    expect(latency1h).toContain('* 3600 >= 100');
  });

  it('refuses a latency threshold the histogram cannot answer, and two SLOs with one name', () => {
    const between = ZSloDefinitionSchema.parse({ ...latency, sli: { kind: 'latency', thresholdMs: 350 } });
    expect(() => opsdeskSliQueries(between)).toThrow(/350 ms is not a bucket bound/);
    expect(() => sloRulesFile([availability, availability].map((slo) => ({ slo, queries: opsdeskSliQueries(slo) })))).toThrow(/two SLOs are both named opsdesk-availability/);
  });

  it('exports SLOs whose service-name ids clash (stored before writes refused it) by skipping the second, not failing the file', () => {
    const declared = (name: string) => ({ name, requestsRate: 'sum(rate(http_requests_total[{{.window}}]))', errorsRate: 'sum(rate(http_requests_total{code=~"5.."}[{{.window}}]))', latencyBuckets: 'http_request_duration_seconds_bucket' });
    const first = ZSloDefinitionSchema.parse({ ...availability, service: 'checkout', name: 'api-latency' });
    const second = ZSloDefinitionSchema.parse({ ...availability, service: 'checkout-api', name: 'latency' });
    const result = sloRulesExport([availability, first, second], [declared('checkout'), declared('checkout-api')]);
    expect(result.specs.map(({ slo }) => `${slo.service}/${slo.name}`)).toEqual(['opsdesk/availability', 'checkout/api-latency']);
    expect(result.skipped).toEqual([{ id: 'checkout-api-latency', reason: expect.stringContaining('same rules id as checkout/api-latency') }]);
    expect(sloRulesYaml(result.specs)).toContain('sloth-slo-alerts-checkout-api-latency');
  });

  it('writes YAML that keeps any string intact: quoted one-liners, |- blocks for expressions', () => {
    expect(toYaml({ groups: [{ name: 'a"b: c', rules: [{ expr: 'x\n/\ny', labels: { k: 'v' } }], empty: [] }] })).toBe(
      ['groups:', '- name: "a\\"b: c"', '  rules:', '  - expr: |-', '      x', '      /', '      y', '    labels:', '      k: "v"', '  empty: []', ''].join('\n'),
    );
  });
});
