import { describe, expect, it } from 'vitest';
import { EMPTY_SLO_FORM, formErrorsOf, sloWriteOf } from './sloForm';

const valid = { ...EMPTY_SLO_FORM, service: 'api', name: 'availability', reason: 'seeded SLO' };

describe('the SLO form', () => {
  it('turns typed values into the shared write request', () => {
    const result = sloWriteOf({ ...valid, sliKind: 'latency', thresholdMs: '300', objectivePercent: '95', runbookAction: 'webhooks.replayBacklog', runbookParams: '{"minAgeMinutes": 5, "service": "{{service}}"}' });
    expect(result).toEqual({
      ok: true,
      write: {
        definition: { service: 'api', name: 'availability', description: '', sli: { kind: 'latency', thresholdMs: 300 }, objectivePercent: 95, windowDays: 7, minValidRequests: 100 },
        runbook: { action: 'webhooks.replayBacklog', params: { minAgeMinutes: 5, service: '{{service}}' } },
        notify: true,
        reason: 'seeded SLO',
      },
    });
  });

  it('puts each schema message under its own field', () => {
    const result = sloWriteOf({ ...valid, service: 'API!', objectivePercent: '100', minValidRequests: 'many', runbookAction: 'not an action' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.service).toMatch(/lower-case/);
    expect(result.errors.objectivePercent).toMatch(/99\.999/);
    expect(result.errors.minValidRequests).toBeTruthy();
    expect(result.errors.runbookAction).toBe('Unknown runbook action');
    expect(result.errors.name).toBeUndefined();
  });

  it('refuses parameters that are not a JSON object', () => {
    for (const runbookParams of ['{"a":', '[1, 2]', '"text"']) {
      const result = sloWriteOf({ ...valid, runbookAction: 'webhooks.replayBacklog', runbookParams });
      expect(result.ok, runbookParams).toBe(false);
      if (!result.ok) expect(result.errors.runbookParams).toMatch(/^Parameters /);
    }
  });

  it('maps the server’s field errors onto the form', () => {
    expect(formErrorsOf({ 'definition.sli.thresholdMs': 'Too small', 'runbook.params.service': 'Too long', other: 'ignored' })).toEqual({ thresholdMs: 'Too small', runbookParams: 'Too long' });
  });
});
