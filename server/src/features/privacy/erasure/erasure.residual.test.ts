import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../testing/runCli.js';
import { createTestApp, type TestApp } from '../../../testing/testApp.js';
import { verifyAuditChain } from '../../audit/audit.verify.js';
import { runSql } from '../../billing/mirror/plainSql.js';
import { prepareCustomerTests } from '../../customers/testing/customerFixtures.js';
import { startTestEngine, waitForJob } from '../../jobs/testing/jobTestKit.js';
import { createPrivacyJobKinds } from '../privacyJobs.js';
import { verifyReceipt } from './erasureReceipt.js';
import { receiptKeyFromConfig } from './receiptKey.js';
import { disputePaymentOf } from './testing/disputedPayment.js';
import { approvedErasure, auditRowsReadableWith, type PrivacyCaller } from './testing/erasureFlow.js';
import { seedMarkedSubject, type MarkedSubject } from './testing/markedSubject.js';
import { scanForMarker, type ResidualHits } from './testing/residualScan.js';

/**
 * The erasure's proof (docs/gdpr.md, "How the erasure is proven"): a subject whose unique
 * marker sits in every personal column, erased through the real four-eyes flow and job;
 * afterwards a scan of every text, json and bytea column of app, billing and ops finds the
 * marker nowhere — not even in the columns kept under a legal basis, which hold only
 * masked values — and another subject's marker is exactly where it was. Both have a
 * refunded and disputed payment whose Stripe events name no customer, the dispute's
 * evidence naming the person.
 */
describe('erasure: no residual personal data', () => {
  let app: TestApp;
  let subject: MarkedSubject;
  let survivor: MarkedSubject;
  let survivorBefore: ResidualHits;
  let requester: PrivacyCaller;
  let approver: PrivacyCaller;
  const dir = mkdtempSync(path.join(tmpdir(), 'opsdesk-erasure-residual-'));

  beforeAll(async () => {
    app = await createTestApp();
    const base = await app.listen();
    const catalog = await prepareCustomerTests(app);
    survivor = await seedMarkedSubject(app, catalog);
    // Reports each way between the two: the subject's go with the subject, and hold only its marker.
    subject = await seedMarkedSubject(app, catalog, { reporterUserId: survivor.userId, reports: { contentId: survivor.contentIds[0]!, userId: survivor.userId } });
    await disputePaymentOf(app, base, survivor, { evidence: true });
    await disputePaymentOf(app, base, subject, { evidence: true });
    survivorBefore = await scanForMarker(app.db, survivor.marker);
    requester = await app.callerAs(['privacy']);
    approver = await app.callerAs(['privacy']);
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sees the marker in every personal column before the erasure (the scan is not blind)', async () => {
    const hits = await scanForMarker(app.db, subject.marker);
    expect(Object.keys(hits)).toEqual(
      expect.arrayContaining([
        'app.account_reports.details',
        'app.content.body',
        'app.content.title',
        'app.content_reports.details',
        'app.moderation_appeals.statement',
        'app.sessions.user_agent',
        'app.users.email',
        'app.users.name',
        'app.workspaces.name',
        'billing.customers.data',
        'billing.customers.email',
        'billing.customers.name',
        'billing.disputes.data',
        'billing.invoices.data',
        'billing.refunds.data',
        'billing.subscriptions.data',
        'ops.action_requests.reason',
        'ops.staff_notes.body',
        'ops.stripe_events.payload',
        'ops.stripe_events.payload (ledger reader)',
      ]),
    );
    // Refund and dispute events name no customer: the marker is in the ledger through their metadata and evidence too.
    const unlinked = await runSql<{ type: string }>(app.db, `select type from ops.stripe_events where payload->'data'->'object'->>'object' in ('refund', 'dispute') and payload->'data'->'object'->>'customer' is null and strpos(payload::text, $1) > 0 order by type`, [subject.marker]);
    expect(unlinked.map((row) => row.type)).toEqual(['charge.dispute.updated', 'refund.updated']);
    // The audit log holds them sealed: readable through its reader, absent from its plaintext.
    expect(Object.keys(hits).filter((hit) => hit.startsWith('ops.audit_log.'))).toEqual([]);
    expect(await auditRowsReadableWith(app, subject.marker)).toBeGreaterThanOrEqual(2);
  });

  it('approved and run, the erasure leaves the marker nowhere, the other subject untouched, Stripe deleted, the chain and receipt valid', async () => {
    const engine = await startTestEngine(app, createPrivacyJobKinds(app.deps));
    let requestId: string;
    try {
      const approved = await approvedErasure(app, { requester, approver }, subject.email);
      requestId = approved.requestId;
      expect(await waitForJob(app.db, approved.jobId, undefined, 60_000)).toMatchObject({ status: 'succeeded' });
    } finally {
      await engine.stop();
    }
    // customer.deleted and whatever else Stripe sent meanwhile, delivered and applied.
    await app.billing.emulator!.webhooksIdle();

    expect(await scanForMarker(app.db, subject.marker)).toEqual({});
    expect(await auditRowsReadableWith(app, subject.marker)).toBe(0);
    expect(await scanForMarker(app.db, survivor.marker)).toEqual(survivorBefore);
    expect(await auditRowsReadableWith(app, survivor.marker)).toBeGreaterThanOrEqual(2);

    expect(await app.deps.stripe.customers.retrieve(subject.stripeCustomerId)).toMatchObject({ id: subject.stripeCustomerId, deleted: true });
    expect(await app.deps.stripe.customers.retrieve(survivor.stripeCustomerId)).not.toHaveProperty('deleted', true);

    expect(await verifyAuditChain(app.db, { anchorFile: app.deps.config.auditAnchorFile })).toMatchObject({ ok: true });
    const cli = await runCli('auditVerify.cli.ts', [], { DATABASE_URL: app.database.url, AUDIT_ANCHOR_FILE: app.deps.config.auditAnchorFile });
    expect(cli).not.toHaveProperty('failed');
    expect(cli.stdout).toMatch(/Audit log intact: \d+ rows verified/);

    const request = await app.db.selectFrom('ops.privacyRequests').select(['status', 'receipt', 'subjectValue', 'subjectLabel', 'note']).where('id', '=', requestId).executeTakeFirstOrThrow();
    expect(request.status).toBe('completed');
    expect(verifyReceipt(request.receipt, receiptKeyFromConfig(app.deps.config).publicKey)).toMatchObject({ valid: true });
    expect(JSON.stringify(request.receipt)).not.toContain(subject.marker);
    const receiptFile = path.join(dir, 'receipt.json');
    writeFileSync(receiptFile, JSON.stringify(request.receipt, null, 2));
    const verified = await runCli('gdprVerifyReceipt.cli.ts', [receiptFile], { DATABASE_URL: app.database.url });
    expect(verified).not.toHaveProperty('failed');
    expect(verified.stdout).toMatch(/valid/);
  }, 120_000);
});
