import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditRows, createTestApp, type TestApp } from '../../testing/testApp.js';
import { createCustomer, prepareCustomerTests, type TestCustomer } from './testing/customerFixtures.js';

describe('staff notes', () => {
  let app: TestApp;
  let alice: Awaited<ReturnType<TestApp['callerAs']>>;
  let bob: Awaited<ReturnType<TestApp['callerAs']>>;
  let c: TestCustomer;

  beforeAll(async () => {
    app = await createTestApp();
    await prepareCustomerTests(app);
    alice = await app.callerAs(['support']);
    bob = await app.callerAs(['finance']);
    c = await createCustomer(app, { price: null });
  });
  afterAll(() => app.close());

  it('adds a note, lets only its author edit it, and lets anyone with notes pin it; audited on the customer', async () => {
    const note = await alice.api.customers.addNote({ userId: c.userId, body: 'Prefers email over phone' });
    expect(note).toMatchObject({ body: 'Prefers email over phone', pinned: false, mine: true, author: { email: alice.staff.email } });
    await bob.api.customers.addNote({ userId: c.userId, body: 'Asked about annual billing' });

    await expect(bob.api.customers.editNote({ id: note.id, body: 'Hijacked' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const edited = await alice.api.customers.editNote({ id: note.id, body: 'Prefers email; never call' });
    expect(edited).toMatchObject({ body: 'Prefers email; never call', mine: true });

    const pinned = await bob.api.customers.pinNote({ id: note.id, pinned: true });
    expect(pinned).toMatchObject({ pinned: true, mine: false });
    const page = await bob.api.customers.get({ userId: c.userId });
    expect(page.notes.map((n) => [n.body, n.pinned, n.mine])).toEqual([
      ['Prefers email; never call', true, false],
      ['Asked about annual billing', false, true],
    ]);

    expect(await auditRows(app, 'customer.note_edited')).toMatchObject([
      { result: 'failure', actorId: bob.staff.id },
      { result: 'success', actorId: alice.staff.id, targetType: 'customer', targetId: c.userId },
    ]);
    expect(await auditRows(app, 'customer.note_pinned')).toMatchObject([{ result: 'success', targetId: c.userId, after: { pinned: true } }]);
  });

  it('refuses notes on unknown customers and without the permission', async () => {
    await expect(alice.api.customers.addNote({ userId: '00000000-0000-4000-8000-000000000000', body: 'x' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const oncall = await app.callerAs(['oncall']);
    await expect(oncall.api.customers.addNote({ userId: c.userId, body: 'x' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
