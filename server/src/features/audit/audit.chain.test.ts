import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/config.js';
import { createLogger } from '../../observability/logger.js';
import { createTestApp, type TestApp } from '../../testing/testApp.js';
import { publishAuditAnchor, startAuditAnchoring } from './audit.anchor.js';
import { auditKeyring, configureAuditKeyring, parseAuditChainKeys, sealOf } from './audit.keyring.js';
import { sealLegacyAuditRows } from './audit.seals.js';
import { verifyAuditChain } from './audit.verify.js';

describe('tamper-evident audit log', () => {
  let app: TestApp;
  let dir: string;
  let anchorFile: string;
  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'opsdesk-anchors-'));
    anchorFile = path.join(dir, 'nested', 'audit-anchors.jsonl');
    app = await createTestApp();
    await createMembers('m', 5);
  });
  afterEach(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function createMembers(prefix: string, count: number) {
    const admin = await app.callerAs(['admin']);
    for (let i = 0; i < count; i++) await admin.api.staff.create({ email: `${prefix}${i}@example.test`, name: `Member ${i}`, roles: ['support'], password: 'a long enough password' });
  }

  const ids = async () => (await app.db.selectFrom('ops.auditLog').select('id').orderBy('id').execute()).map((r) => r.id);
  const hashOf = async (id: string) => (await app.db.selectFrom('ops.auditLog').select('hash').where('id', '=', id).executeTakeFirstOrThrow()).hash;

  /** Tampering needs the append-only trigger out of the way: only a superuser can do that. */
  const asTamperingSuperuser = (statement: string) => app.database.superuserQuery(`set session_replication_role = replica; ${statement}`);

  /**
   * The attack of issue 7 (finding 7): edit a row, then recompute its hash and every later
   * row's prev_hash and hash in id order with the database's own ops.audit_row_hash, and
   * move the chain head — everything someone with database write access can do.
   */
  const rewriteAndRechain = (id: string, assignment: string) =>
    app.database.superuserQuery(`
      alter table ops.audit_log disable trigger audit_log_append_only;
      update ops.audit_log set ${assignment} where id = ${id};
      do $$
      declare
        r record;
        prev text;
      begin
        select hash into prev from ops.audit_log where id < ${id} order by id desc limit 1;
        for r in select id from ops.audit_log where id >= ${id} order by id loop
          update ops.audit_log set prev_hash = prev where id = r.id;
          update ops.audit_log a set hash = ops.audit_row_hash(a) where a.id = r.id returning a.hash into prev;
        end loop;
        update ops.audit_chain_head set last_hash = prev where singleton;
      end $$;
      alter table ops.audit_log enable trigger audit_log_append_only;`);

  /** What audit:verify checked before seals: hashes, links and head — all consistent after the attack. */
  const unkeyedChecksPass = async () => {
    const { rows } = await app.database.superuserQuery(`
      select
        (select count(*)::int from (
          select hash <> ops.audit_row_hash(a) or prev_hash is distinct from lag(hash) over (order by id) as broken from ops.audit_log a
        ) rows where broken) as broken_rows,
        (select last_hash from ops.audit_chain_head) = (select hash from ops.audit_log order by id desc limit 1) as head_matches`);
    return rows[0].broken_rows === 0 && rows[0].head_matches === true;
  };

  it('verifies an untouched chain', async () => {
    await expect(verifyAuditChain(app.db)).resolves.toEqual({ ok: true, rowsChecked: 5, anchorsChecked: 0 });
  });

  it('refuses UPDATE, DELETE and TRUNCATE, even for the table’s owner', async () => {
    await expect(sql`update ops.audit_log set reason = 'edited'`.execute(app.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from ops.audit_log`.execute(app.db)).rejects.toThrow(/append-only/);
    await expect(sql`truncate ops.audit_log`.execute(app.db)).rejects.toThrow(/append-only/);
  });

  it('refuses UPDATE, DELETE and TRUNCATE of the seals too', async () => {
    await expect(sql`update ops.audit_seals set key_id = 'other'`.execute(app.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from ops.audit_seals`.execute(app.db)).rejects.toThrow(/append-only/);
    await expect(sql`truncate ops.audit_seals`.execute(app.db)).rejects.toThrow(/append-only/);
  });

  it('finds a modified row', async () => {
    const target = (await ids())[2]!;
    await asTamperingSuperuser(`update ops.audit_log set after = jsonb_set(after, '{roles}', '["admin"]') where id = ${target}`);
    await expect(verifyAuditChain(app.db)).resolves.toMatchObject({ ok: false, brokenAtId: target, problem: expect.stringMatching(/modified/) });
  });

  it('finds a removed row at the next link', async () => {
    const all = await ids();
    await asTamperingSuperuser(`delete from ops.audit_log where id = ${all[1]}`);
    await expect(verifyAuditChain(app.db)).resolves.toMatchObject({ ok: false, brokenAtId: all[2] });
  });

  it('finds rows cut off the end of the log', async () => {
    const all = await ids();
    await asTamperingSuperuser(`delete from ops.audit_log where id = ${all.at(-1)}`);
    await expect(verifyAuditChain(app.db)).resolves.toMatchObject({ ok: false, problem: expect.stringMatching(/removed from the end/) });
  });

  it('keeps the chain intact under concurrent audited mutations', async () => {
    const admin = await app.callerAs(['admin']);
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => admin.api.staff.create({ email: `c${i}@example.test`, name: `C ${i}`, roles: ['support'], password: 'a long enough password' })),
    );
    await expect(verifyAuditChain(app.db)).resolves.toEqual({ ok: true, rowsChecked: 25, anchorsChecked: 0 });
  });

  it('finds an edited row whose hash, every later hash and the chain head were recomputed with the database’s own function', async () => {
    const target = (await ids())[1]!;
    await rewriteAndRechain(target, `reason = 'forged'`);
    expect(await unkeyedChecksPass()).toBe(true);
    await expect(verifyAuditChain(app.db)).resolves.toMatchObject({ ok: false, rowsChecked: 1, brokenAtId: target, problem: expect.stringMatching(/seal does not match/) });
  });

  it('finds a row whose seal was deleted', async () => {
    const target = (await ids())[3]!;
    await asTamperingSuperuser(`delete from ops.audit_seals where audit_id = ${target}`);
    await expect(verifyAuditChain(app.db)).resolves.toMatchObject({ ok: false, brokenAtId: target, problem: expect.stringMatching(/no seal/) });
  });

  it('finds a row sealed with a key it does not know', async () => {
    const target = (await ids())[2]!;
    const stranger = parseAuditChainKeys(`stranger:${'s'.repeat(40)}`);
    const forged = sealOf('stranger', target, await hashOf(target), stranger)!;
    await asTamperingSuperuser(`delete from ops.audit_seals where audit_id = ${target}; insert into ops.audit_seals values (${target}, 'stranger', '${forged}')`);
    await expect(verifyAuditChain(app.db)).resolves.toMatchObject({ ok: false, brokenAtId: target, problem: expect.stringMatching(/unknown key "stranger"/) });
  });

  it('an anchor catches rows cut off the end even when the attacker also moved the chain head back', async () => {
    const anchor = await publishAuditAnchor(app.db, anchorFile);
    const all = await ids();
    expect(anchor).toMatchObject({ lastId: all.at(-1), lastHash: await hashOf(all.at(-1)!), keyId: 'demo' });
    await asTamperingSuperuser(
      `delete from ops.audit_log where id > ${all[2]}; update ops.audit_chain_head set last_id = ${all[2]}, last_hash = (select hash from ops.audit_log where id = ${all[2]})`,
    );
    // Every remaining row is linked, hashed and sealed: only the anchor knows the log was longer.
    await expect(verifyAuditChain(app.db)).resolves.toEqual({ ok: true, rowsChecked: 3, anchorsChecked: 0 });
    await expect(verifyAuditChain(app.db, { anchorFile })).resolves.toMatchObject({
      ok: false,
      brokenAtId: all.at(-1),
      problem: expect.stringMatching(new RegExp(`ends at row ${all[2]} but the anchor .* shows row ${all.at(-1)}: rows were removed from the end`)),
    });
  });

  it('an anchor catches a rewrite even by someone who holds the key and re-sealed every row', async () => {
    await publishAuditAnchor(app.db, anchorFile);
    const all = await ids();
    await rewriteAndRechain(all[1]!, `reason = 'forged'`);
    const keyring = auditKeyring();
    const reseal = await Promise.all(all.map(async (id) => `(${id}, '${keyring.current.id}', '${sealOf(keyring.current.id, id, await hashOf(id))}')`));
    await asTamperingSuperuser(`delete from ops.audit_seals; insert into ops.audit_seals values ${reseal.join(', ')}`);
    await expect(verifyAuditChain(app.db)).resolves.toMatchObject({ ok: true });
    await expect(verifyAuditChain(app.db, { anchorFile })).resolves.toMatchObject({ ok: false, brokenAtId: all.at(-1), problem: expect.stringMatching(/differs from the anchor/) });
  });

  it('publishes an anchor only when the head moved, and fresh anchors after legitimate writes verify', async () => {
    const first = await publishAuditAnchor(app.db, anchorFile);
    await expect(publishAuditAnchor(app.db, anchorFile)).resolves.toBeNull();
    await createMembers('later', 2);
    const second = await publishAuditAnchor(app.db, anchorFile);
    expect(second).toMatchObject({ lastId: (await ids()).at(-1) });
    const lines = readFileSync(anchorFile, 'utf8').trimEnd().split('\n');
    expect(lines.map((line) => JSON.parse(line))).toEqual([first, second]);
    await expect(verifyAuditChain(app.db, { anchorFile })).resolves.toEqual({ ok: true, rowsChecked: 7, anchorsChecked: 2 });
  });

  it('publishes the head when anchoring starts, logging the same line, and fails the start when the file cannot be written', async () => {
    const logged: string[] = [];
    const logger = createLogger('info', { write: (line: string) => void logged.push(line) });
    const anchoring = await startAuditAnchoring(app.db, { auditAnchorFile: anchorFile, AUDIT_ANCHOR_INTERVAL_SECONDS: 300 }, logger);
    anchoring.stop();
    const published = JSON.parse(readFileSync(anchorFile, 'utf8'));
    expect(published).toMatchObject({ lastId: (await ids()).at(-1) });
    expect(logged.map((line) => JSON.parse(line))).toEqual([expect.objectContaining({ msg: 'audit chain anchor published', auditAnchor: published })]);
    const underAFile = path.join(anchorFile, 'audit-anchors.jsonl');
    await expect(startAuditAnchoring(app.db, { auditAnchorFile: underAFile, AUDIT_ANCHOR_INTERVAL_SECONDS: 300 }, logger)).rejects.toThrow(/ENOTDIR|EEXIST/);
  });

  it('refuses an anchor file edited without the key', async () => {
    const anchor = (await publishAuditAnchor(app.db, anchorFile))!;
    const earlier = (await ids())[1]!;
    writeFileSync(anchorFile, `${JSON.stringify({ ...anchor, lastId: earlier, lastHash: await hashOf(earlier) })}\n`);
    await expect(verifyAuditChain(app.db, { anchorFile })).resolves.toMatchObject({ ok: false, brokenAtId: earlier, problem: expect.stringMatching(/not sealed by a known key/) });
    writeFileSync(anchorFile, 'not an anchor\n');
    await expect(verifyAuditChain(app.db, { anchorFile })).resolves.toMatchObject({ ok: false, problem: expect.stringMatching(/line 1 .* not an anchor/) });
  });

  it('seals rows written before seals existed once, at the upgrade, and never again once an anchor was published', async () => {
    const messages: string[] = [];
    const log = { info: (m: string) => messages.push(`info: ${m}`), warn: (m: string) => messages.push(`warn: ${m}`) };
    const all = await ids();
    // A log from before migration 0007: rows, no seals.
    await asTamperingSuperuser('delete from ops.audit_seals');
    await expect(verifyAuditChain(app.db)).resolves.toMatchObject({ ok: false, brokenAtId: all[0], problem: expect.stringMatching(/no seal/) });
    await expect(sealLegacyAuditRows(app.db, anchorFile, log)).resolves.toBe(5);
    await expect(sealLegacyAuditRows(app.db, anchorFile, log)).resolves.toBe(0);
    await expect(verifyAuditChain(app.db)).resolves.toEqual({ ok: true, rowsChecked: 5, anchorsChecked: 0 });
    expect(messages).toEqual([expect.stringMatching(/^info: Sealed 5 audit rows/)]);

    // Later someone removes every seal, hoping the next start re-seals a rewritten log.
    await publishAuditAnchor(app.db, anchorFile);
    await rewriteAndRechain(all[1]!, `reason = 'forged'`);
    await asTamperingSuperuser('delete from ops.audit_seals');
    await expect(sealLegacyAuditRows(app.db, anchorFile, log)).resolves.toBe(0);
    expect(messages.at(-1)).toMatch(/^warn: The audit log has no seals, but .* shows it was sealed before/);
    await expect(verifyAuditChain(app.db, { anchorFile })).resolves.toMatchObject({ ok: false, brokenAtId: all[0], problem: expect.stringMatching(/no seal/) });
  });
});

describe('audit chain key rotation', () => {
  const OLD = `old:${'o'.repeat(40)}`;
  const NEW = `new:${'n'.repeat(40)}`;
  let app: TestApp;
  beforeEach(async () => (app = await createTestApp()));
  afterEach(async () => {
    configureAuditKeyring(loadConfig());
    await app.close();
  });

  it('verifies rows sealed with a retired key while it is kept after the new one, and flags them once it is dropped', async () => {
    const admin = await app.callerAs(['admin']);
    const create = (email: string) => admin.api.staff.create({ email, name: email, roles: ['support'], password: 'a long enough password' });
    configureAuditKeyring(loadConfig({ AUDIT_CHAIN_KEYS: OLD }));
    for (const i of [1, 2, 3]) await create(`before${i}@example.test`);
    configureAuditKeyring(loadConfig({ AUDIT_CHAIN_KEYS: `${NEW},${OLD}` }));
    for (const i of [1, 2, 3]) await create(`after${i}@example.test`);

    const seals = await app.db.selectFrom('ops.auditSeals').select(['auditId', 'keyId']).orderBy('auditId').execute();
    expect(seals.map((s) => s.keyId)).toEqual(['old', 'old', 'old', 'new', 'new', 'new']);
    await expect(verifyAuditChain(app.db)).resolves.toEqual({ ok: true, rowsChecked: 6, anchorsChecked: 0 });

    configureAuditKeyring(loadConfig({ AUDIT_CHAIN_KEYS: NEW }));
    await expect(verifyAuditChain(app.db)).resolves.toMatchObject({ ok: false, rowsChecked: 0, brokenAtId: seals[0]!.auditId, problem: expect.stringMatching(/unknown key "old"/) });
  });
});
