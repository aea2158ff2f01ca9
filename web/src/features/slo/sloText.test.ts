import type { SloStatusView, SloSummary } from '@opsdesk/shared';
import { describe, expect, it } from 'vitest';
import { alertHistoryEmptyText, budgetText, burnNowText, burnSummaryText, DEFINITION_UNREADABLE, exhaustionText, NOT_ENOUGH_DATA, NOT_EVALUATED, sliText, worstFirst } from './sloText';

const status = (change: Partial<SloStatusView>): SloStatusView => ({
  at: '2026-12-01T00:00:00.000Z',
  good: 995,
  valid: 1000,
  sli: 0.995,
  budgetRemaining: 0.25,
  enoughData: true,
  burnRateNow: 2.04,
  timeToExhaustionMs: 26 * 3_600_000,
  alerts: [],
  ...change,
});
const slo = (name: string, s: SloStatusView | null) => ({ id: name, definition: { name }, status: s }) as unknown as SloSummary;

describe('SLO wording', () => {
  it('says an empty alert history is empty, and blames the filters only when one is set', () => {
    expect(alertHistoryEmptyText({})).toBe('No alert has fired yet.');
    expect(alertHistoryEmptyText({ sloId: '7d5f0a40-3c0e-4b8e-9a51-7f6f7c2c8d11' })).toBe('This SLO has not alerted yet.');
    expect(alertHistoryEmptyText({ severity: 'ticket' })).toBe('No alert matches these filters.');
    expect(alertHistoryEmptyText({ state: 'resolved', sloId: '7d5f0a40-3c0e-4b8e-9a51-7f6f7c2c8d11' })).toBe('No alert matches these filters.');
  });

  it('says the figures of an SLO with enough data', () => {
    const s = status({});
    expect([budgetText(s), burnNowText(s), exhaustionText(s), sliText(s)]).toEqual(['25 %', '2×', '1 d 2 h', '99.5 % good']);
  });

  it('says "Not enough data" instead of 100 % or 0 on a quiet window', () => {
    const quiet = status({ enoughData: false, budgetRemaining: 1, burnRateNow: null, sli: null, timeToExhaustionMs: null });
    expect([budgetText(quiet), burnNowText(quiet), exhaustionText(quiet), sliText(quiet)]).toEqual([NOT_ENOUGH_DATA, NOT_ENOUGH_DATA, NOT_ENOUGH_DATA, NOT_ENOUGH_DATA]);
    expect(budgetText(null)).toBe('Not evaluated yet');
  });

  it('shows an overspent budget with the word', () => {
    expect(budgetText(status({ budgetRemaining: -0.5 }))).toBe('\u221250 % (overspent)');
  });

  it('sums an SLO up in one line for a card, saying once what stands in for both figures', () => {
    expect(burnSummaryText(slo('a', status({})))).toBe('Budget remaining 25 % · burn now 2×');
    expect(burnSummaryText(slo('b', null))).toBe(NOT_EVALUATED);
    expect(burnSummaryText(slo('c', status({ enoughData: false })))).toBe(NOT_ENOUGH_DATA);
    expect(burnSummaryText({ definition: null, status: status({}) } as unknown as SloSummary)).toBe(DEFINITION_UNREADABLE);
  });

  it('lists the SLO with least budget first, then quiet ones, then unevaluated ones', () => {
    const order = worstFirst([slo('fresh', null), slo('quiet', status({ enoughData: false })), slo('fine', status({ budgetRemaining: 0.9 })), slo('burnt', status({ budgetRemaining: -0.1 }))]);
    expect(order.map((s) => s.id)).toEqual(['burnt', 'fine', 'quiet', 'fresh']);
  });
});
