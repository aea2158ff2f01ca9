import { sql } from 'kysely';
import type { Role, TModerationRuleConditions } from '@opsdesk/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditRows, createTestApp, type TestApp } from '../../testing/testApp.js';
import { migrateReferenceProductSchema } from '../demo/appSchema/migrateReferenceProductSchema.js';
import { LATE_COMMIT_OVERLAP_MS, loadLiveRuleSet, runModerationRules, scanSource } from './moderationRuleScan.service.js';
import { syncOpenReports } from './moderationSync.queries.js';

/**
 * Auto-moderation rules through the router (createCaller, migrated PostgreSQL) and the
 * rule job's run: a shadow rule records hits and logs them (marked shadow) but changes
 * nothing else, the same rule live hides content and opens its queue entry (once,
 * however often the job runs), the dry run lists
 * exactly the matching items of the last N days, precision follows moderators' decisions,
 * a report-triggered rule raises priority, and regexes RE2 cannot run are refused.
 */
describe('moderation rules', () => {
  let app: TestApp;
  const as = async (roles: Role[]) => (await app.callerAs(roles)).api;
  /** A word no other test's content contains, so each test's rules see only its own items. */
  const uniqueWord = () => `zq${Math.random().toString(36).slice(2, 10)}`;

  /** Product content by one new author, optionally backdated. */
  async function insertContent(bodies: string[], options: { daysAgo?: number } = {}) {
    const tag = Math.random().toString(36).slice(2, 8);
    const author = await app.db.insertInto('app.users').values({ email: `rules-author-${tag}@example.test`, name: `Author ${tag}` }).returning('id').executeTakeFirstOrThrow();
    const rows = await sql<{ id: string }>`
      insert into app.content (user_id, kind, title, body, created_at)
      -- In order, a millisecond apart, and never after now(): a row stamped in the future would
      -- fall after a scan that starts within those milliseconds, and wait for the next one.
      select ${author.id}::uuid, 'post', 'Post ' || n, body, now() - make_interval(days => ${options.daysAgo ?? 0}) - (${bodies.length + 1} - n) * interval '1 millisecond'
      from unnest(${bodies}::text[]) with ordinality as b(body, n) returning id::text`.execute(app.db);
    return rows.rows.map((row) => row.id);
  }
  const contentStatus = async (id: string) => (await sql<{ status: string }>`select status from app.content where id = ${id}::uuid`.execute(app.db)).rows[0]!.status;
  const liveEntries = async (id: string) => (await sql<{ id: string; severity: number; priority: number; bucket: string }>`select id::text, severity, priority, bucket from ops.moderation_queue where subject_id = ${id} and status <> 'decided'`.execute(app.db)).rows;
  const ruleEvents = async (id: string) =>
    (await sql<{ automated: boolean; actorLabel: string; queueEntryId: string | null; data: Record<string, unknown> }>`
      select automated, actor_label, queue_entry_id::text, data from ops.moderation_events where subject_id = ${id} and kind = 'rule_hit'`.execute(app.db)).rows;
  const subjectEventKinds = async (id: string) => (await sql<{ kind: string }>`select kind from ops.moderation_events where subject_id = ${id} order by id`.execute(app.db)).rows.map((row) => row.kind);

  beforeAll(async () => {
    app = await createTestApp();
    await migrateReferenceProductSchema(app.db);
    // The first run starts the cursors at "now": rules look at content arriving afterwards.
    await runModerationRules(app.db);
  });
  afterAll(() => app?.close());

  it('a shadow rule records what it would have done and changes nothing; switched live, the same rule hides new content once', async () => {
    const admin = await as(['admin']);
    const word = uniqueWord();
    const rule = await admin.moderation.rules.create({ name: `Hide ${word}`, conditions: { keywords: [word] }, action: 'hide_pending_review', reasonCode: 'spam', reason: 'Spam wave' });
    expect(rule).toMatchObject({ mode: 'shadow', enabled: true, revision: 1, stats: { hits: 0, precision: null } });
    const [shadowed, untouched] = await insertContent([`Cheap pills ${word.toUpperCase()} today`, 'Nothing to see here']);

    const first = await runModerationRules(app.db);
    expect(first.content.hits).toBe(1);
    expect(first.content.acted).toBe(0);
    expect(await contentStatus(shadowed!)).toBe('visible');
    expect(await liveEntries(shadowed!)).toEqual([]);
    // The hit is in the subject's log, marked shadow and deciding nothing; it is the only trace outside the rule's own hits.
    expect(await ruleEvents(shadowed!)).toEqual([
      {
        automated: true,
        actorLabel: `rule: Hide ${word}`,
        queueEntryId: null,
        data: expect.objectContaining({ ruleId: rule.id, mode: 'shadow', action: 'hide_pending_review', acted: false, effect: null, because: [`keyword: ${word}`], automatedDetection: 'Yes', automatedDecision: null }),
      },
    ]);
    expect(await subjectEventKinds(shadowed!)).toEqual(['rule_hit']);
    expect(await subjectEventKinds(untouched!)).toEqual([]);
    expect((await sql<{ n: string }>`select count(*) as n from ops.moderation_decisions where subject_id = ${shadowed}`.execute(app.db)).rows[0]!.n).toBe('0');
    const moderator = await as(['moderator']);
    expect((await moderator.moderation.rules.get({ id: rule.id })).stats).toMatchObject({ hits: 1, shadowHits: 1, wouldHaveActed: 1, liveHits: 0 });
    const shadowHits = await moderator.moderation.rules.hits({ id: rule.id });
    expect(shadowHits.hits).toEqual([expect.objectContaining({ contentId: shadowed, mode: 'shadow', acted: false, action: 'hide_pending_review', because: [`keyword: ${word}`], contentStatus: 'visible' })]);

    const live = await admin.moderation.rules.setMode({ id: rule.id, mode: 'live', reason: 'Shadow hits looked right' });
    expect(live).toMatchObject({ mode: 'live', revision: 2 });
    const [hidden] = await insertContent([`more ${word} offers`]);
    const second = await runModerationRules(app.db);
    expect(second.content).toMatchObject({ hits: 1, acted: 1 });
    expect(await contentStatus(hidden!)).toBe('hidden');
    expect(await liveEntries(hidden!)).toHaveLength(1);
    expect(await ruleEvents(hidden!)).toEqual([expect.objectContaining({ automated: true, actorLabel: `rule: Hide ${word}`, data: expect.objectContaining({ mode: 'live', action: 'hide_pending_review', acted: true, automatedDetection: 'Yes', automatedDecision: 'AUTOMATED_DECISION_FULLY' }) })]);
    expect((await ruleEvents(hidden!))[0]!.queueEntryId).toBe((await liveEntries(hidden!))[0]!.id);
    // The item the shadow rule hit earlier is not acted on afterwards, and re-runs add nothing.
    expect(await contentStatus(shadowed!)).toBe('visible');
    expect(await contentStatus(untouched!)).toBe('visible');
    expect((await runModerationRules(app.db)).content.hits).toBe(0);
    expect((await moderator.moderation.rules.get({ id: rule.id })).stats).toMatchObject({ hits: 2, shadowHits: 1, liveHits: 1 });

    expect((await auditRows(app, 'moderation.rule_created')).filter((row) => row.targetId === rule.id)).toHaveLength(1);
    expect((await auditRows(app, 'moderation.rule_mode_set')).filter((row) => row.targetId === rule.id)).toEqual([expect.objectContaining({ reason: 'Shadow hits looked right' })]);
  });

  it('a run cut short after its first batch resumes from the cursor and acts on every item exactly once', async () => {
    const admin = await as(['admin']);
    const word = uniqueWord();
    const rule = await admin.moderation.rules.create({ name: `Label ${word}`, conditions: { keywords: [word] }, action: 'label', mode: 'live', reason: 'Labels' });
    // The scan starts a little behind its cursor (late commits): earlier tests' items come first, one per batch.
    const earlier = await sql<{ n: string }>`
      select count(*) as n from app.content
      where created_at >= (select scanned_to from ops.moderation_rule_cursor where source = 'content') - make_interval(secs => ${LATE_COMMIT_OVERLAP_MS / 1000})`.execute(app.db);
    const items = await insertContent([`${word} a`, `${word} b`, `${word} c`]);
    let batches = 0;
    // Stands in for the process dying between batches: it dies right after the batch holding the first new item.
    const dying = { throwIfAborted: () => { if (++batches > Number(earlier.rows[0]!.n) + 1) throw new Error('killed'); } } as AbortSignal;
    await expect(scanSource(app.db, 'content', { batch: 1, signal: dying, rules: await loadLiveRuleSet(app.db) })).rejects.toThrow('killed');
    expect((await admin.moderation.rules.get({ id: rule.id })).stats.hits).toBe(1);

    const resumed = await runModerationRules(app.db);
    expect(resumed.content).toMatchObject({ hits: 2, acted: 2 });
    for (const id of items) expect(await ruleEvents(id)).toHaveLength(1);
  });

  it('the dry run lists exactly the matching items of the last N days and records nothing', async () => {
    const admin = await as(['admin']);
    const word = uniqueWord();
    const conditions: TModerationRuleConditions = { keywords: [word], regexes: ['win \\d+ (euros|dollars)'] };
    const recent = await insertContent([`${word}: win 100 euros`, `WIN 5 dollars ${word}`, `${word} win 7 euros now`]);
    const older = await insertContent([`${word} win 9 euros`], { daysAgo: 10 });
    await insertContent([`${word}s win 100 euros`, `${word} win some euros`, 'win 100 euros']);

    const week = await admin.moderation.rules.dryRun({ conditions, days: 7 });
    expect(week).toMatchObject({ matched: 3, complete: true });
    expect(week.hits.map((hit) => hit.contentId).sort()).toEqual([...recent].sort());
    const fortnight = await admin.moderation.rules.dryRun({ conditions, days: 14, limit: 2 });
    expect(fortnight.matched).toBe(4);
    expect(fortnight.hits).toHaveLength(2);
    expect((await admin.moderation.rules.dryRun({ conditions, days: 14 })).hits.map((hit) => hit.contentId).sort()).toEqual([...recent, ...older].sort());

    const saved = await admin.moderation.rules.create({ name: `Prize ${word}`, conditions, action: 'label', enabled: false, reason: 'Trying it' });
    expect((await admin.moderation.rules.dryRun({ id: saved.id, days: 7 })).hits.map((hit) => hit.contentId).sort()).toEqual([...recent].sort());
    expect((await admin.moderation.rules.hits({ id: saved.id })).hits).toEqual([]);
    await expect(admin.moderation.rules.dryRun({ id: saved.id, conditions, days: 7 })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('precision: moderators decide the entries a live rule opened; a removal agrees, a dismissal disagrees', async () => {
    await sql`update ops.moderation_queue set status = 'decided', claimed_by = null, claimed_at = null, lease_expires_at = null where status <> 'decided'`.execute(app.db);
    const admin = await as(['admin']);
    const word = uniqueWord();
    const rule = await admin.moderation.rules.create({ name: `Queue ${word}`, conditions: { keywords: [word] }, action: 'open_queue_entry', reasonCode: 'scam', mode: 'live', reason: 'Scam wave' });
    const items = await insertContent([`${word} one`, `${word} two`, `${word} three`]);
    expect((await runModerationRules(app.db)).content).toMatchObject({ hits: 3, acted: 3 });
    for (const id of items) expect(await liveEntries(id)).toHaveLength(1);

    const moderator = await as(['moderator']);
    const first = (await moderator.moderation.next({})).entry!;
    const removal = await moderator.moderation.decide({ entryId: first.id, reasonCode: 'scam', reason: 'Clearly a scam' });
    expect(removal.decisionType).toBe('remove');
    const second = (await moderator.moderation.next({})).entry!;
    await moderator.moderation.decide({ entryId: second.id, reasonCode: 'no_violation', reason: 'A joke between friends' });

    const stats = (await admin.moderation.rules.get({ id: rule.id })).stats;
    expect(stats).toMatchObject({ hits: 3, liveHits: 3, agreed: 1, disagreed: 1, precision: 0.5 });
    const verdicts = (await admin.moderation.rules.hits({ id: rule.id })).hits.map((hit) => hit.verdict).sort();
    expect(verdicts).toEqual(['agreed', 'disagreed', null]);
    // The rule's detection is on the DSA record of the decision it led to.
    const decision = await sql<{ automatedDetection: boolean; statement: { automatedDetection: string } }>`
      select automated_detection, statement from ops.moderation_decisions where id = ${removal.decisionId}`.execute(app.db);
    expect(decision.rows[0]).toMatchObject({ automatedDetection: true, statement: { automatedDetection: 'Yes' } });
  });

  it('a rule on reports raises the priority of the reported item once its reports reach the count', async () => {
    const admin = await as(['admin']);
    const word = uniqueWord();
    const rule = await admin.moderation.rules.create({ name: `Raise ${word}`, conditions: { keywords: [word], reports: { windowHours: 24, minCount: 2, minDistinctReporters: 2 } }, action: 'raise_priority', mode: 'live', reason: 'Reported spam waves' });
    const [item] = await insertContent([`${word} cheap followers`]);
    const reporters = await sql<{ id: string }>`insert into app.users (email, name) select ${word} || '-r' || g || '@example.test', 'R' from generate_series(1, 2) g returning id::text`.execute(app.db);
    const report = (reporter: string) => sql`insert into app.content_reports (content_id, reporter_user_id, reason_code) values (${item}::uuid, ${reporter}::uuid, 'spam')`.execute(app.db);

    await report(reporters.rows[0]!.id);
    await syncOpenReports(app.db);
    const quiet = await runModerationRules(app.db);
    expect(quiet.reports.hits + quiet.content.hits).toBe(0);
    const [before] = await liveEntries(item!);
    expect(before).toMatchObject({ severity: 20, bucket: 'low' });

    await report(reporters.rows[1]!.id);
    await syncOpenReports(app.db);
    // New reports are scanned first, so the hit names them as its trigger.
    expect(await runModerationRules(app.db)).toMatchObject({ reports: { hits: 1, acted: 1 }, content: { hits: 0 } });
    expect((await admin.moderation.rules.hits({ id: rule.id })).hits).toEqual([expect.objectContaining({ trigger: 'report', acted: true })]);
    const [after] = await liveEntries(item!);
    expect(after).toMatchObject({ id: before!.id, severity: 40 });
    expect(after!.priority).toBeGreaterThan(before!.priority + 10 * Math.log2(3 / 2) + 39);
  });

  it('refuses regexes RE2 cannot run and bounds a catastrophic one; only admins change rules', async () => {
    const admin = await as(['admin']);
    const word = uniqueWord();
    await expect(admin.moderation.rules.create({ name: 'Backref', conditions: { regexes: ['(a)\\1'] }, action: 'label', reason: 'x' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(admin.moderation.rules.create({ name: 'Huge', conditions: { regexes: ['\\pL{1000}x'] }, action: 'label', reason: 'x' })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('too complex') });
    await expect(admin.moderation.rules.create({ name: 'Empty', conditions: {}, action: 'label', reason: 'x' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(admin.moderation.rules.create({ name: 'Code', conditions: { keywords: ['x'] }, action: 'label', reasonCode: 'made_up', reason: 'x' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });

    const evil = await admin.moderation.rules.create({ name: `Evil ${word}`, conditions: { keywords: [word], regexes: ['(a+)+$'] }, action: 'label', mode: 'live', reason: 'Stress' });
    await expect(admin.moderation.rules.create({ name: `evil ${word}`, conditions: { keywords: ['x'] }, action: 'label', reason: 'x' })).rejects.toMatchObject({ code: 'CONFLICT' });
    await insertContent([`${word} ${'a'.repeat(15_000)}!`]);
    // A stored rule today's schema refuses (written before a rule tightened) is skipped, not fatal to the others.
    await sql`insert into ops.moderation_rules (name, conditions, action, reason_code, mode) values (${`Legacy ${word}`}, ${JSON.stringify({ regexes: ['(a)\\1'] })}::jsonb, 'label', 'other', 'live')`.execute(app.db);
    const skipped: string[] = [];
    expect((await runModerationRules(app.db, { onSkipped: (rule) => skipped.push(rule.name) })).content.hits).toBe(0);
    expect(skipped).toEqual([`Legacy ${word}`]);
    const legacy = (await admin.moderation.rules.list({})).rules.find((rule) => rule.name === `Legacy ${word}`)!;
    await expect(admin.moderation.rules.dryRun({ id: legacy.id, days: 1 })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await sql`update ops.moderation_rules set enabled = false where id = ${legacy.id}`.execute(app.db);
    expect((await admin.moderation.rules.dryRun({ id: evil.id, days: 1 })).matched).toBe(0);

    await expect(admin.moderation.rules.update({ id: evil.id, revision: 99, enabled: false, reason: 'Stale' })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await admin.moderation.rules.update({ id: evil.id, revision: 1, enabled: false, reason: 'Done' })).toMatchObject({ enabled: false, revision: 2 });

    const moderator = await as(['moderator']);
    await expect(moderator.moderation.rules.create({ name: 'Mine', conditions: { keywords: ['x'] }, action: 'label', reason: 'x' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(moderator.moderation.rules.setMode({ id: evil.id, mode: 'live', reason: 'x' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await moderator.moderation.rules.list({})).rules.map((rule) => rule.id)).toContain(evil.id);
    await expect((await as(['support'])).moderation.rules.list({})).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
