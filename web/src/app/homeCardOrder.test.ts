import { describe, expect, it } from 'vitest';
import { homeCardsFor } from './homeCardOrder';
import type { HomeCardDefinition } from './homeCards';

const Card = () => null;
const cards: HomeCardDefinition[] = [
  { id: 'approvals', permission: 'approvals.decide', order: 10, Card },
  { id: 'recent-customers', permission: 'customers.read', leadsFor: ['support'], order: 25, Card },
  { id: 'newest-customers', permission: 'customers.read', order: 30, Card },
  { id: 'alerts', permission: 'slo.read', leadsFor: ['oncall'], order: 30, Card },
  { id: 'mrr', permission: 'revenue.read', leadsFor: ['finance'], order: 50, Card },
  { id: 'net-new', permission: 'revenue.read', leadsFor: ['finance'], order: 51, Card },
];
const ids = (roles: Parameters<typeof homeCardsFor>[0]) => homeCardsFor(roles, cards).map((card) => card.id);

describe('homeCardsFor', () => {
  it('puts the cards that lead for a role before the ones every role shares, each group by order', () => {
    expect(ids(['finance'])).toEqual(['mrr', 'net-new', 'approvals', 'recent-customers', 'newest-customers']);
    expect(ids(['oncall'])).toEqual(['alerts', 'recent-customers', 'newest-customers']);
    expect(ids(['support'])).toEqual(['recent-customers', 'newest-customers', 'alerts']);
  });

  it('leads with the cards of every role a person holds, and only cards their permissions allow', () => {
    expect(ids(['finance', 'oncall'])).toEqual(['alerts', 'mrr', 'net-new', 'approvals', 'recent-customers', 'newest-customers']);
    expect(ids(['moderator'])).toEqual(['approvals', 'recent-customers', 'newest-customers']);
    expect(ids([])).toEqual([]);
  });

  it('keeps plain order for a role no card leads for (admin sees the approvals first)', () => {
    expect(ids(['admin'])).toEqual(['approvals', 'recent-customers', 'newest-customers', 'alerts', 'mrr', 'net-new']);
  });

  it('leaves the list it was given in place', () => {
    const before = cards.map((card) => card.id);
    homeCardsFor(['finance'], cards);
    expect(cards.map((card) => card.id)).toEqual(before);
  });
});
