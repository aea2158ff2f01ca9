import { describe, expect, it } from 'vitest';
import { fillRunbookParams, runbookActionHref } from './sloRunbookLink.js';

describe('runbook links of SLO alerts', () => {
  const labels = { service: 'checkout', slo: 'availability', alert: 'page-1h', severity: 'page' };

  it('fills {{label}} placeholders from the alert’s labels and leaves numbers, booleans and other braces alone', () => {
    expect(fillRunbookParams({ key: 'svc:{{service}}/{{ slo }}', note: '{{alert}} ({{severity}}) {{unknown}}', minutes: 15, dry: false }, labels)).toEqual({
      key: 'svc:checkout/availability',
      note: 'page-1h (page) {{unknown}}',
      minutes: 15,
      dry: false,
    });
  });

  it('builds the action page’s path with the parameters as encoded JSON', () => {
    const href = runbookActionHref('webhooks.replay', { stuckAfterMinutes: 5, note: 'a&b=c #d' });
    expect(href).toBe('/runbooks/webhooks.replay/show?params=%7B%22stuckAfterMinutes%22%3A5%2C%22note%22%3A%22a%26b%3Dc%20%23d%22%7D');
    expect(JSON.parse(new URL(href, 'http://x').searchParams.get('params')!)).toEqual({ stuckAfterMinutes: 5, note: 'a&b=c #d' });
  });
});
