import { sql } from 'kysely';
import type { TModerationEventKind } from '@opsdesk/shared';
import type { DbOrTrx } from '../../db/database.js';

export interface Subject {
  subjectType: 'content' | 'account';
  subjectId: string;
}

export interface NewModerationEvent extends Subject {
  kind: TModerationEventKind;
  queueEntryId?: string | null;
  decisionId?: string | null;
  actor: { id: string | null; label: string };
  automated?: boolean;
  data?: Record<string, unknown>;
}

/** Appends one event to the subject's log (the table refuses updates and deletes). */
export async function appendEvent(db: DbOrTrx, event: NewModerationEvent): Promise<void> {
  await sql`
    insert into ops.moderation_events (subject_type, subject_id, kind, queue_entry_id, decision_id, actor_id, actor_label, automated, data)
    values (${event.subjectType}, ${event.subjectId}, ${event.kind}, ${event.queueEntryId ?? null}, ${event.decisionId ?? null},
            ${event.actor.id}, ${event.actor.label}, ${event.automated ?? false}, ${JSON.stringify(event.data ?? {})}::jsonb)`.execute(db);
}

export interface ModerationEventRow {
  id: string;
  kind: TModerationEventKind;
  queueEntryId: string | null;
  decisionId: string | null;
  actorLabel: string;
  automated: boolean;
  data: Record<string, unknown>;
  createdAt: Date;
}

/** The subject's log, newest first, capped (a much-reported item can have thousands of report events). */
export async function findSubjectEvents(db: DbOrTrx, subject: Subject, limit = 200): Promise<ModerationEventRow[]> {
  const rows = await sql<ModerationEventRow>`
    select id, kind, queue_entry_id, decision_id, actor_label, automated, data, created_at
    from ops.moderation_events where subject_type = ${subject.subjectType} and subject_id = ${subject.subjectId}
    order by id desc limit ${limit}`.execute(db);
  return rows.rows;
}

export async function insertNote(db: DbOrTrx, subject: Subject, author: { id: string; label: string }, body: string) {
  const rows = await sql<{ id: string; createdAt: Date }>`
    insert into ops.moderation_notes (subject_type, subject_id, author_id, author_label, body)
    values (${subject.subjectType}, ${subject.subjectId}, ${author.id}, ${author.label}, ${body}) returning id, created_at`.execute(db);
  return rows.rows[0]!;
}

export async function findSubjectNotes(db: DbOrTrx, subject: Subject, limit = 100) {
  const rows = await sql<{ id: string; authorLabel: string; body: string; createdAt: Date }>`
    select id, author_label, body, created_at from ops.moderation_notes
    where subject_type = ${subject.subjectType} and subject_id = ${subject.subjectId} order by id desc limit ${limit}`.execute(db);
  return rows.rows;
}
