import { sql } from 'kysely';
import type { Db } from '../../db/database.js';

/**
 * Product data for moderation tests, written straight into the reference `app` schema
 * (the product's side): `items` content rows by one author, each with `reportsPerItem`
 * open reports of `reason` by `reporters` distinct users, spread round-robin over the
 * items (an item's reports come from distinct users when reporters ≥ reportsPerItem).
 * Generated in SQL so thousands of rows cost one round trip.
 */
export async function seedReportedContent(db: Db, options: { items: number; reason: string; reportsPerItem?: number; reporters?: number; authorEmail?: string }) {
  const reportsPerItem = options.reportsPerItem ?? 1;
  const reporters = options.reporters ?? 3;
  const tag = Math.random().toString(36).slice(2, 8);
  const author = await db.insertInto('app.users').values({ email: options.authorEmail ?? `author-${tag}@example.test`, name: `Author ${tag}` }).returning('id').executeTakeFirstOrThrow();
  const reporterRows = await sql<{ id: string }>`
    insert into app.users (email, name) select 'reporter-' || ${tag} || '-' || g || '@example.test', 'Reporter ' || g from generate_series(1, ${reporters}) g returning id`.execute(db);
  const reporterIds = reporterRows.rows.map((r) => r.id);
  const content = await sql<{ id: string }>`
    insert into app.content (user_id, kind, title, body) select ${author.id}::uuid, 'post', 'Post ' || ${tag} || ' ' || g, 'Body of post ' || g || ' (' || ${options.reason} || ')'
    from generate_series(1, ${options.items}) g returning id`.execute(db);
  const contentIds = content.rows.map((r) => r.id);
  await sql`
    insert into app.content_reports (content_id, reporter_user_id, reason_code, details)
    select c, (${reporterIds}::uuid[])[1 + ((i * ${reportsPerItem} + n) % ${reporters})], ${options.reason}, 'reported in a test'
    from unnest(${contentIds}::uuid[]) with ordinality as u(c, i) cross join generate_series(1, ${reportsPerItem}) n`.execute(db);
  return { authorId: author.id, reporterIds, contentIds };
}
