import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../testing/runCli.js';
import { auditRows, createTestApp, type TestApp } from '../../testing/testApp.js';
import { publishAuditAnchor } from './audit.anchor.js';
import { findAuditEntries, findAuditEntryById, insertAuditEntry, type AuditEntryInput } from './audit.queries.js';
import { verifyAuditChain } from './audit.verify.js';
import { encryptLegacyAuditRows } from './auditLegacy.js';
import { auditSubjectRefs, countAuditRowsOfSubjects, shredAuditSubjectKeys } from './auditSubjects.js';

const REQUEST = { requestId: 'req_test', ip: null, userAgent: null };
const ACTOR = { id: null, email: 'cli@example.test', roles: ['admin'] };

describe('audit log personal data (crypto-shredding)', () => {
  let app: TestApp;
  let dir: string;
  let anchorFile: string;
  beforeEach(async () => {
    app = await createTestApp();
    dir = mkdtempSync(path.join(tmpdir(), 'opsdesk-audit-subjects-'));
    anchorFile = path.join(dir, 'anchors.jsonl');
  });
  afterEach(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const record = (marker: string, target: { type: string; id: string }, extra: Partial<AuditEntryInput> = {}) =>
    insertAuditEntry(app.db, {
      actor: ACTOR,
      action: 'customer.credited',
      target,
      reason: `goodwill for ${marker}`,
      input: { email: `${marker}@example.test`, amount: 500 },
      before: { name: `Name ${marker}` },
      after: { name: `Name ${marker}`, credited: 500 },
      result: 'success',
      request: REQUEST,
      ...extra,
    });

  /** Every text and JSON column of every ops table that holds the marker, as `table.column`. */
  async function opsColumnsHolding(marker: string): Promise<string[]> {
    const { rows: columns } = await sql<{ tableName: string; columnName: string }>`
      select c.table_name, c.column_name from information_schema.columns c
      join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
      where c.table_schema = 'ops' and c.data_type in ('text', 'character varying', 'jsonb', 'json', 'ARRAY')`.execute(app.db);
    const found: string[] = [];
    for (const { tableName, columnName } of columns) {
      const { rows } = await sql<{ n: string }>`select count(*) as n from ${sql.table(`ops.${tableName}`)} where ${sql.ref(columnName)}::text like ${`%${marker}%`}`.execute(app.db);
      if (Number(rows[0]!.n) > 0) found.push(`${tableName}.${columnName}`);
    }
    return found;
  }

  const rawLogText = async () => (await sql<{ t: string }>`select string_agg(a::text, E'\n') as t from ops.audit_log a`.execute(app.db)).rows[0]!.t;

  it('stores a subject row sealed, reads it back through every reader, and counts it by subject', async () => {
    const marker = `mk${randomUUID().slice(0, 8)}`;
    const id = await record(marker, { type: 'customer', id: 'cus_Sealed1' });
    expect(await rawLogText()).not.toContain(marker);
    const raw = await app.db.selectFrom('ops.auditLog').select(['input', 'reason', 'before', 'after']).where('id', '=', id as never).executeTakeFirstOrThrow();
    expect(raw).toMatchObject({ input: { $sealed: 1, subject: 'customer:cus_Sealed1' }, reason: null, before: null, after: null });

    const expected = { reason: `goodwill for ${marker}`, input: { email: `${marker}@example.test`, amount: 500 }, after: { credited: 500 } };
    expect(await findAuditEntryById(app.db, id)).toMatchObject(expected);
    expect((await findAuditEntries(app.db, { targetId: 'cus_Sealed1', limit: 10 })).entries).toMatchObject([expected]);
    expect((await auditRows(app, 'customer.credited')).at(-1)).toMatchObject(expected);
    expect(await countAuditRowsOfSubjects(app.db, ['customer:cus_Sealed1', 'customer:cus_Other'])).toBe(1);

    // A target that is not a data subject, or an explicit `subject: null`, stays a plain row.
    await record(`${marker}plain`, { type: 'flag', id: 'checkout' });
    await record(`${marker}none`, { type: 'customer', id: 'cus_Sealed1' }, { subject: null });
    expect(await rawLogText()).toContain(`${marker}plain`);
    expect(await rawLogText()).toContain(`${marker}none`);
    expect((await verifyAuditChain(app.db)).ok).toBe(true);
  });

  it('shreds the subject keys: rows read as erased, the marker is gone from ops, the chain and audit:verify still pass', async () => {
    const marker = `mk${randomUUID().slice(0, 8)}`;
    const userId = randomUUID();
    const requestId = randomUUID();
    const rows = [
      await record(marker, { type: 'customer', id: userId }),
      await record(marker, { type: 'customer', id: 'cus_Erase1' }),
      await record(marker, { type: 'account', id: userId }),
      await record(marker, { type: 'privacy_request', id: requestId }),
    ];
    const kept = await record('someone-else', { type: 'customer', id: 'cus_Kept1' });
    await publishAuditAnchor(app.db, anchorFile);
    const refs = auditSubjectRefs({ userId, customerIds: ['cus_Erase1'], requestIds: [requestId] });
    expect(refs.sort()).toEqual([`customer:${userId}`, 'customer:cus_Erase1', `privacy_request:${requestId}`, `user:${userId}`].sort());
    expect(await countAuditRowsOfSubjects(app.db, refs)).toBe(4);

    const erasureId = randomUUID();
    expect(await app.db.transaction().execute((trx) => shredAuditSubjectKeys(trx, refs, erasureId))).toEqual({ keysShredded: 4 });
    expect(await app.db.transaction().execute((trx) => shredAuditSubjectKeys(trx, refs, randomUUID()))).toEqual({ keysShredded: 0 });
    expect(await app.db.selectFrom('ops.auditSubjectKeys').select(['key', 'shreddedByRequest']).where('subjectRef', 'in', refs).execute()).toEqual(refs.map(() => ({ key: null, shreddedByRequest: erasureId })));

    for (const id of rows) {
      expect(await findAuditEntryById(app.db, id)).toMatchObject({ personalDataErased: true, reason: null, input: null, before: null, after: null, error: null, targetType: expect.any(String), action: 'customer.credited' });
    }
    expect(await findAuditEntryById(app.db, kept)).toMatchObject({ reason: 'goodwill for someone-else' });
    expect((await findAuditEntryById(app.db, kept))!.personalDataErased).toBeUndefined();
    expect(await opsColumnsHolding(marker)).toEqual([]);

    // A later row about an erased subject is written erased; its key is never made again.
    const later = await record(marker, { type: 'customer', id: 'cus_Erase1' }, { error: `failed for ${marker}` });
    expect(await findAuditEntryById(app.db, later)).toMatchObject({ reason: '[subject erased]', input: '[subject erased]', error: '[subject erased]' });
    expect(await app.db.selectFrom('ops.auditSubjectKeys').select('key').where('subjectRef', '=', 'customer:cus_Erase1').executeTakeFirstOrThrow()).toEqual({ key: null });
    expect(await opsColumnsHolding(marker)).toEqual([]);

    expect(await verifyAuditChain(app.db, { anchorFile })).toMatchObject({ ok: true, anchorsChecked: 1 });
    const verified = await runCli('auditVerify.cli.ts', [], { DATABASE_URL: app.database.url, AUDIT_ANCHOR_FILE: anchorFile });
    expect(verified.stdout).toMatch(/Audit log intact: \d+ rows verified, 1 published anchors matched/);
  });

  it('seals legacy plaintext rows in place once: ids, hashes and anchors unchanged, values readable, tampering detected', async () => {
    const marker = `mk${randomUUID().slice(0, 8)}`;
    // Written the old way: plaintext, though the target is a data subject.
    const legacy = [await record(marker, { type: 'customer', id: 'cus_Legacy1' }, { subject: null }), await record(marker, { type: 'user', id: randomUUID() }, { subject: null })];
    const plain = await record(`flag-${marker}`, { type: 'flag', id: 'checkout' });
    await record(marker, { type: 'customer', id: 'cus_Legacy2' });
    await publishAuditAnchor(app.db, anchorFile);
    const before = await app.db.selectFrom('ops.auditLog').select(['id', 'prevHash', 'hash']).orderBy('id').execute();
    const readBefore = await Promise.all(legacy.map((id) => findAuditEntryById(app.db, id)));
    expect(await rawLogText()).toContain(`goodwill for ${marker}`);

    expect(await encryptLegacyAuditRows(app.db)).toBe(2);
    expect(await encryptLegacyAuditRows(app.db)).toBe(0);
    expect(await app.db.selectFrom('ops.auditLog').select(['id', 'prevHash', 'hash']).orderBy('id').execute()).toEqual(before);
    expect(await rawLogText()).not.toContain(`goodwill for ${marker}`);
    expect(await rawLogText()).toContain(`flag-${marker}`);
    for (const [index, id] of legacy.entries()) {
      const { hash: _hash, ...read } = readBefore[index]!;
      expect(await findAuditEntryById(app.db, id)).toMatchObject(read);
    }
    expect(await findAuditEntryById(app.db, plain)).toMatchObject({ reason: `goodwill for flag-${marker}` });
    expect(await verifyAuditChain(app.db, { anchorFile })).toMatchObject({ ok: true, anchorsChecked: 1 });

    // Shredding works on converted rows like on any sealed row.
    await app.db.transaction().execute((trx) => shredAuditSubjectKeys(trx, ['customer:cus_Legacy1'], randomUUID()));
    expect(await findAuditEntryById(app.db, legacy[0]!)).toMatchObject({ personalDataErased: true });
    expect(await verifyAuditChain(app.db, { anchorFile })).toMatchObject({ ok: true });

    // Editing a converted row, or its record, is tampering.
    const [first, second] = legacy;
    await app.database.superuserQuery(`set session_replication_role = replica; update ops.audit_log set action = 'customer.noted' where id = ${second}`);
    expect(await verifyAuditChain(app.db, { anchorFile })).toMatchObject({ ok: false, brokenAtId: second, problem: expect.stringContaining('modified') });
    await app.database.superuserQuery(`set session_replication_role = replica; update ops.audit_log set action = 'customer.credited' where id = ${second}`);
    expect(await verifyAuditChain(app.db, { anchorFile })).toMatchObject({ ok: true });
    await app.database.superuserQuery(`set session_replication_role = replica; update ops.audit_sealed_rows set content_hash = (select ops.audit_row_hash(a) from ops.audit_log a where id = ${first}) where audit_id = ${second}`);
    expect(await verifyAuditChain(app.db, { anchorFile })).toMatchObject({ ok: false, brokenAtId: second });
    await app.database.superuserQuery(`set session_replication_role = replica; delete from ops.audit_sealed_rows where audit_id = ${first}`);
    expect(await verifyAuditChain(app.db, { anchorFile })).toMatchObject({ ok: false, brokenAtId: first });
  });
});
