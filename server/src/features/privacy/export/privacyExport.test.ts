import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../../testing/parseCsv.js';
import { auditRows, createTestApp, type TestApp } from '../../../testing/testApp.js';
import { createCustomer, prepareCustomerTests, type TestCustomer } from '../../customers/testing/customerFixtures.js';
import { enqueueJob } from '../../jobs/enqueueJob.js';
import type { JobEngine } from '../../jobs/jobEngine.js';
import { logTexts, startTestEngine, waitForJob } from '../../jobs/testing/jobTestKit.js';
import { privacyExportExpiryJob } from './exportExpiry.job.js';
import { partialExportPath } from './exportFiles.js';
import { createExportJobKinds } from './exportJobs.js';
import type { ExportManifest } from './exportManifest.js';
import { insertPrivacyRequest } from './testing/exportFixtures.js';
import { readZip } from './testing/readZip.js';

/**
 * The right of access end to end on a real database and the Stripe emulator: a seeded
 * subject (and a second one whose marker must not appear), the export job run by the
 * engine, the archive unzipped and checked against its manifest and the database; then
 * the downloads, their refusals and the expiry.
 */
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const MARKER = 'Zq7Marker';
const OTHER_MARKER = 'Xv9OtherSubject';

describe('privacy export', () => {
  let app: TestApp;
  let url: string;
  let engine: JobEngine;
  let exportDir: string;
  let subject: TestCustomer;
  let other: TestCustomer;
  let privacy: Awaited<ReturnType<TestApp['callerAs']>>;
  let requestId: string;
  const staffEmails: string[] = [];

  beforeAll(async () => {
    exportDir = path.join(await mkdtemp(path.join(tmpdir(), 'opsdesk-privacy-')), 'exports');
    app = await createTestApp({ PRIVACY_EXPORT_DIR: exportDir });
    url = await app.listen();
    const catalog = await prepareCustomerTests(app);
    subject = await createCustomer(app, { price: catalog.pro, sessions: 2, email: `${MARKER.toLowerCase()}@example.test` });
    other = await createCustomer(app, { price: catalog.pro, sessions: 1, email: `${OTHER_MARKER.toLowerCase()}@example.test` });
    for (const [who, marker, items, events] of [
      [subject, MARKER, 3, 5],
      [other, OTHER_MARKER, 1, 2],
    ] as const) {
      for (let i = 0; i < items; i++) await app.db.insertInto('app.content').values({ userId: who.userId, workspaceId: who.workspaceId, kind: 'post', title: `${marker} post ${i}`, body: `${marker}, "quoted"\nbody ${i}` }).execute();
      for (let i = 0; i < events; i++) await app.db.insertInto('app.usageEvents').values({ workspaceId: who.workspaceId, userId: who.userId, kind: 'api_call', quantity: String(i + 1) }).execute();
      const support = await app.callerAs(['support']);
      await support.api.customers.addNote({ userId: who.userId, body: `${marker} asked for a refund by phone` });
      staffEmails.push(support.staff.email);
    }
    privacy = await app.callerAs(['privacy']);
    requestId = await insertPrivacyRequest(app, { createdBy: privacy.staff.id, userId: subject.userId, customerIds: [subject.stripeCustomerId!], email: subject.email });
    engine = await startTestEngine(app, [...createExportJobKinds(app.deps), privacyExportExpiryJob]);
  }, 120_000);
  afterAll(async () => {
    await engine?.stop();
    await app?.close();
    await rm(path.dirname(exportDir), { recursive: true, force: true });
  });

  const request = () => app.db.selectFrom('ops.privacyRequests').selectAll().where('id', '=', requestId).executeTakeFirstOrThrow();
  const get = (route: string, token?: string) => fetch(`${url}${route}`, { headers: token ? { cookie: `opsdesk_session=${token}` } : {} });

  it('starts only an access request that is verified or approved, not on hold, for privacy staff', async () => {
    const received = await insertPrivacyRequest(app, { createdBy: privacy.staff.id, userId: other.userId, customerIds: [], email: other.email, status: 'received' });
    const held = await insertPrivacyRequest(app, { createdBy: privacy.staff.id, userId: other.userId, customerIds: [], email: other.email, status: 'on_hold' });
    const erasure = await insertPrivacyRequest(app, { createdBy: privacy.staff.id, userId: other.userId, customerIds: [], email: other.email, kind: 'erasure' });
    await expect(privacy.api.privacy.startExport({ requestId: received })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('Verify') });
    await expect(privacy.api.privacy.startExport({ requestId: held })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('on hold (Litigation hold)') });
    await expect(privacy.api.privacy.startExport({ requestId: erasure })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('Only access requests') });
    await expect(privacy.api.privacy.startExport({ requestId: '00000000-0000-4000-8000-000000000000' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const support = await app.callerAs(['support']);
    await expect(support.api.privacy.startExport({ requestId })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(privacy.api.privacy.startExport({ requestId: 'not-a-uuid' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect((await request()).status).toBe('verified');
  });

  it('sends the request back to approved when the job fails, and says so on its log', async () => {
    // The export folder cannot be made: a file stands where it should be.
    await writeFile(exportDir, 'not a folder');
    const { jobId } = await privacy.api.privacy.startExport({ requestId });
    expect((await waitForJob(app.db, jobId)).status).toBe('failed');
    await rm(exportDir);
    expect(await request()).toMatchObject({ status: 'approved', jobId, exportPath: null });
    expect((await logTexts(app.db, jobId)).join('\n')).toContain('back to approved');
    expect((await auditRows(app, 'privacy.export_failed')).map((row) => [row.targetId, row.result])).toEqual([[requestId, 'failure']]);
  });

  it('writes the subject\'s archive: manifest counts and checksums match the files and the database, JSON and CSV agree, nothing of another subject', async () => {
    // The mirror is behind Stripe (a lost webhook: an older state, another name): the export refreshes it first.
    await app.deps.stripe.customers.update(subject.stripeCustomerId!, { metadata: { note: `${MARKER} metadata` } });
    await app.billing.emulator!.webhooksIdle();
    await sql`update billing.customers set name = 'Stale mirror name', data = '{}', as_of = as_of - 3600 where id = ${subject.stripeCustomerId!}`.execute(app.db);

    // What a run killed mid-write leaves behind (in a folder made too open): the next run starts over.
    await mkdir(exportDir, { mode: 0o755 });
    await writeFile(partialExportPath(exportDir, requestId, '00000000-0000-4000-8000-00000000dead'), 'half an archive');

    const started = await privacy.api.privacy.startExport({ requestId });
    expect(started.requestId).toBe(requestId);
    expect((await request()).status).toBe('in_progress');
    await expect(privacy.api.privacy.startExport({ requestId })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('already running') });
    const job = await waitForJob(app.db, started.jobId);
    expect(job.status).toBe('succeeded');
    expect(job.progressDone).toBe(job.progressTotal);

    const row = await request();
    expect(row).toMatchObject({ status: 'completed', jobId: started.jobId, exportDeletedAt: null });
    expect(row.completedAt).toBeInstanceOf(Date);
    const hours = (row.exportExpiresAt!.getTime() - row.completedAt!.getTime()) / 3_600_000;
    expect(hours).toBeCloseTo(app.deps.config.PRIVACY_EXPORT_TTL_HOURS, 3);
    const bytes = await readFile(row.exportPath!);
    expect({ sha256: row.exportSha256, bytes: Number(row.exportBytes) }).toEqual({ sha256: sha256(bytes), bytes: bytes.length });
    expect((await stat(row.exportPath!)).mode & 0o777).toBe(0o600);
    expect((await stat(exportDir)).mode & 0o777).toBe(0o700);
    expect((await readdir(exportDir)).filter((name) => name.endsWith('.partial'))).toEqual([]);

    const entries = await readZip(bytes);
    const manifest = JSON.parse(entries.get('manifest.json')!.toString('utf8')) as ExportManifest;
    expect(manifest).toMatchObject({ requestId, subject: { userId: subject.userId, customerIds: [subject.stripeCustomerId], emails: [subject.email] } });
    expect(entries.get('README.txt')!.toString('utf8')).toContain(requestId);
    expect([...entries.keys()].sort()).toEqual(['README.txt', 'manifest.json', ...manifest.files.map((file) => file.path)].sort());
    for (const file of manifest.files) {
      const content = entries.get(file.path)!;
      expect({ path: file.path, sha256: file.sha256, bytes: file.bytes }).toEqual({ path: file.path, sha256: sha256(content), bytes: content.length });
      if (file.format === 'json') expect((JSON.parse(content.toString('utf8')) as unknown[]).length).toBe(file.rows);
    }
    for (const json of manifest.files.filter((file) => file.format === 'json')) expectCsvAgrees(entries, json.path, json.rows);

    // The database's counts of what was seeded.
    const rowsOf = (entity: string) => manifest.files.find((file) => sameEntity(file.entity, entity) && file.format === 'json')?.rows ?? 0;
    const count = async (query: ReturnType<typeof sql<{ n: string }>>) => Number((await query.execute(app.db)).rows[0]!.n);
    expect(rowsOf('app.users')).toBe(1);
    expect(rowsOf('app.content')).toBe(await count(sql`select count(*) as n from app.content where user_id = ${subject.userId}`));
    expect(rowsOf('app.content')).toBe(3);
    expect(rowsOf('app.sessions')).toBe(2);
    expect(rowsOf('app.usage_events')).toBe(5);
    expect(rowsOf('ops.staff_notes')).toBe(1);
    expect(rowsOf('billing.customers')).toBe(1);
    expect(rowsOf('billing.subscriptions')).toBe(await count(sql`select count(*) as n from billing.subscriptions where customer_id = ${subject.stripeCustomerId}`));
    expect(rowsOf('billing.subscriptions')).toBe(1);
    // Every entry about the subject up to the archive's snapshot (its own completion is recorded after).
    const auditCount = await count(sql`
      select count(*) as n from ops.audit_log
      where ((target_type in ('customer', 'user', 'account') and target_id in (${subject.userId}, ${subject.stripeCustomerId!})) or (target_type = 'privacy_request' and target_id = ${requestId}))
        and id < (select id from ops.audit_log where action = 'privacy.export_completed' and target_id = ${requestId})`);
    expect(rowsOf('ops.audit_log')).toBe(auditCount);

    const everything = [...entries.values()].map((content) => content.toString('utf8')).join('\n');
    expect(everything).toContain(`${MARKER} asked for a refund`);
    // The audit entry of the note, read through the audit readers (decrypted); the staff member's address left out.
    const audit = JSON.parse(entries.get('audit/audit_log.json')!.toString('utf8')) as { action: string; after: unknown; actorRoles: string[] }[];
    expect(audit.find((entry) => entry.action === 'customer.note_added')).toMatchObject({ actorRoles: ['support'], after: { body: `${MARKER} asked for a refund by phone` } });
    for (const email of staffEmails) expect(everything).not.toContain(email);
    expect(everything).toContain(`${MARKER} metadata`); // Stripe's data, refreshed
    expect(everything).not.toContain('Stale mirror name');
    expect(everything.toLowerCase()).not.toContain(OTHER_MARKER.toLowerCase());
    expect(everything).not.toContain(other.userId);
    expect(everything).not.toContain(other.stripeCustomerId!);

    const started_ = await auditRows(app, 'privacy.export_started');
    expect(started_.filter((r) => r.result === 'success').map((r) => [r.actorId, r.targetType, r.targetId])).toEqual([
      [privacy.staff.id, 'privacy_request', requestId],
      [privacy.staff.id, 'privacy_request', requestId],
    ]);
    expect((await auditRows(app, 'privacy.export_completed')).map((r) => [r.actorId, r.targetId])).toEqual([[null, requestId]]);
  });

  it('downloads the archive for privacy staff (audited), refuses others, and answers 404 and 400 in words', async () => {
    const row = await request();
    const response = await get(`/api/privacy/requests/${requestId}/export.zip`, privacy.sessionToken);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/zip');
    expect(response.headers.get('content-disposition')).toContain(`privacy-export-${requestId}.zip`);
    expect(sha256(Buffer.from(await response.arrayBuffer()))).toBe(row.exportSha256);
    const downloads = await auditRows(app, 'privacy.export_downloaded');
    expect(downloads.map((r) => [r.actorId, r.targetType, r.targetId, r.result])).toEqual([[privacy.staff.id, 'privacy_request', requestId, 'success']]);

    const support = await app.callerAs(['support']);
    expect((await get(`/api/privacy/requests/${requestId}/export.zip`, support.sessionToken)).status).toBe(403);
    expect((await get(`/api/privacy/requests/${requestId}/export.zip`)).status).toBe(401);
    expect((await get(`/api/privacy/requests/not-a-uuid/export.zip`, privacy.sessionToken)).status).toBe(400);
    const none = await get(`/api/privacy/requests/00000000-0000-4000-8000-000000000000/export.zip`, privacy.sessionToken);
    expect(none.status).toBe(404);
    expect(((await none.json()) as { error: { message: string } }).error.message).toBe('This request has no export.');
    // The refusal is on the log against the request asked for; the malformed id (400) is not audited.
    const refused = (await auditRows(app, 'privacy.export_downloaded')).filter((r) => r.result === 'failure');
    expect(refused.map((r) => [r.actorId, r.targetType, r.targetId, r.error])).toEqual([[privacy.staff.id, 'privacy_request', '00000000-0000-4000-8000-000000000000', 'This request has no export.']]);
  });

  it('downloads a deletion receipt when the request has one (audited), 404 when not', async () => {
    expect((await get(`/api/privacy/requests/${requestId}/receipt.json`, privacy.sessionToken)).status).toBe(404);
    const receipt = { receipt: { version: 1, requestId }, signature: { algorithm: 'Ed25519', value: 'c2ln' } };
    await app.db.updateTable('ops.privacyRequests').set({ receipt: JSON.stringify(receipt) }).where('id', '=', requestId).execute();
    const support = await app.callerAs(['support']);
    expect((await get(`/api/privacy/requests/${requestId}/receipt.json`, support.sessionToken)).status).toBe(403);
    const response = await get(`/api/privacy/requests/${requestId}/receipt.json`, privacy.sessionToken);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toContain(`deletion-receipt-${requestId}.json`);
    expect(await response.json()).toEqual(receipt);
    // The 404 is filed under the request it was asked for, as the download is.
    expect((await auditRows(app, 'privacy.receipt_downloaded')).map((r) => [r.actorId, r.targetId, r.result])).toEqual([
      [privacy.staff.id, requestId, 'failure'],
      [support.staff.id, null, 'denied'],
      [privacy.staff.id, requestId, 'success'],
    ]);
    await app.db.updateTable('ops.privacyRequests').set({ receipt: null }).where('id', '=', requestId).execute();
  });

  it('answers 410 once the window closes, and the hourly expiry deletes the file as the system', async () => {
    const { exportPath } = await request();
    await app.db.updateTable('ops.privacyRequests').set({ exportExpiresAt: new Date(Date.now() - 1000) }).where('id', '=', requestId).execute();
    const expired = await get(`/api/privacy/requests/${requestId}/export.zip`, privacy.sessionToken);
    expect(expired.status).toBe(410);
    expect(((await expired.json()) as { error: { message: string } }).error.message).toContain('expired');
    // Nothing was served: a failure on the log, against the request, never a success.
    const ofRequest = async () => (await auditRows(app, 'privacy.export_downloaded')).filter((r) => r.targetId === requestId);
    expect((await ofRequest()).map((r) => [r.actorId, r.targetType, r.result, r.error])).toEqual([
      [privacy.staff.id, 'privacy_request', 'success', null],
      [privacy.staff.id, 'privacy_request', 'failure', expect.stringContaining('The export has expired')],
    ]);

    // Another file in the folder that is not an export is never touched.
    const stranger = path.join(exportDir, 'keep-me.txt');
    await writeFile(stranger, 'not an export');
    const job = await app.db.transaction().execute((trx) => enqueueJob(trx, privacyExportExpiryJob, {}, { startedBy: null }));
    expect((await waitForJob(app.db, job.id)).status).toBe('succeeded');
    await expect(stat(exportPath!)).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(stat(stranger)).resolves.toBeTruthy();
    expect((await request()).exportDeletedAt).toBeInstanceOf(Date);
    expect((await auditRows(app, 'privacy.export_deleted')).map((r) => [r.actorId, r.targetType, r.targetId])).toEqual([[null, 'privacy_request', requestId]]);
    expect((await get(`/api/privacy/requests/${requestId}/export.zip`, privacy.sessionToken)).status).toBe(410);
    expect((await ofRequest()).map((r) => r.result)).toEqual(['success', 'failure', 'failure']);

    // A second run finds nothing more to do.
    const again = await app.db.transaction().execute((trx) => enqueueJob(trx, privacyExportExpiryJob, {}, { startedBy: null }));
    expect((await waitForJob(app.db, again.id)).result).toEqual({ deleted: 0 });
  });

  it('starts again a request whose job was cancelled before it began', async () => {
    await engine.stop();
    const id = await insertPrivacyRequest(app, { createdBy: privacy.staff.id, userId: other.userId, customerIds: [other.stripeCustomerId!], email: other.email });
    const first = await privacy.api.privacy.startExport({ requestId: id });
    const admin = await app.callerAs(['admin']);
    expect(await admin.api.jobs.cancel({ id: first.jobId })).toMatchObject({ status: 'cancelled' });
    const second = await privacy.api.privacy.startExport({ requestId: id });
    expect(second.jobId).not.toBe(first.jobId);
    engine = await startTestEngine(app, [...createExportJobKinds(app.deps), privacyExportExpiryJob]);
    expect((await waitForJob(app.db, second.jobId)).status).toBe('succeeded');
    expect(await app.db.selectFrom('ops.privacyRequests').select(['status', 'jobId']).where('id', '=', id).executeTakeFirstOrThrow()).toEqual({ status: 'completed', jobId: second.jobId });
  });
});

/** Entities named either way (`app.usage_events` or `app.usageEvents`). */
function sameEntity(a: string, b: string): boolean {
  const plain = (name: string) => name.replaceAll('_', '').toLowerCase();
  return plain(a) === plain(b);
}

/** The CSV holds the JSON's rows in the same order, each cell the value's text (objects as JSON). */
function expectCsvAgrees(entries: Map<string, Buffer>, jsonPath: string, rows: number): void {
  const json = JSON.parse(entries.get(jsonPath)!.toString('utf8')) as Record<string, unknown>[];
  const csv = parseCsv(entries.get(jsonPath.replace(/\.json$/, '.csv'))!.toString('utf8'));
  expect(csv).toHaveLength(rows + 1);
  const [header, ...lines] = csv;
  expect(header).toEqual(Object.keys(json[0]!));
  lines.forEach((line, i) => {
    const expected = header!.map((column) => {
      const value = json[i]![column];
      const text = value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
      return /^[\s\u00A0\uFEFF]*[=+\-@|\uFF1D\uFF0B\uFF0D\uFF20\uFF5C]|^[\t\r\n]/.test(text) ? `'${text}` : text;
    });
    expect(line, `${jsonPath} row ${i}`).toEqual(expected);
  });
}
