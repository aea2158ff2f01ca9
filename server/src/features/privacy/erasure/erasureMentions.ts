import { ERASURE_MENTION_LINKS, type TErasureMention, type TErasureMentions } from '@opsdesk/shared';
import type { DbOrTrx } from '../../../db/database.js';
import type { ErasureSubject } from '../dataMap/dataMap.types.js';
import { findMentionsIn, findSubjectNames, MENTION_SOURCES, type MentionRow } from './erasureMentions.queries.js';

/**
 * "Mentions elsewhere" of an erasure plan (docs/gdpr.md): staff notes, reasons and
 * comments on someone else's record that quote one of the subject's email addresses, or
 * their full name. The data map reaches rows through their links, not through what their
 * free text says, so the erasure leaves these alone; the list lets the privacy officer
 * find them and remove the person from them by hand before approving. Read-only and
 * bounded: at most `limit` shown, newest first, with the total. Not part of the plan's
 * hash (erasurePlan.service.ts).
 */

export const MENTIONS_LIMIT = 50;
/** About this many characters of an excerpt, the match included. */
export const EXCERPT_LENGTH = 120;

interface Needle {
  value: string;
  kind: TErasureMention['matched'];
}

/** Full names of two words or more (one word, or a few letters, would match too much): whitespace collapsed. */
export function nameNeedles(names: readonly string[]): string[] {
  const collapsed = names.map((name) => name.trim().replace(/\s+/g, ' '));
  return [...new Set(collapsed.filter((name) => name.split(' ').length >= 2 && name.length >= 5 && !name.includes('@')))];
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The first needle in the text: an email address before a name (the stronger match), each the longest first. */
function firstMatch(text: string, needles: readonly Needle[]): { index: number; match: string; kind: Needle['kind'] } | null {
  for (const kind of ['email', 'name'] as const) {
    const values = needles.filter((needle) => needle.kind === kind).map((needle) => needle.value);
    if (values.length === 0) continue;
    const pattern = new RegExp(values.sort((a, b) => b.length - a.length).map(escapeRegExp).join('|'), 'iu');
    const found = pattern.exec(text);
    if (found) return { index: found.index, match: found[0], kind };
  }
  return null;
}

/**
 * About EXCERPT_LENGTH characters around the first match, whitespace collapsed, cut on
 * whole characters, "…" where the text goes on. The match is kept apart, so the console
 * can show it emphasised.
 */
export function excerptOf(text: string, needles: readonly Needle[]): { matched: Needle['kind']; excerpt: TErasureMention['excerpt'] } {
  const flat = text.replace(/\s+/g, ' ').trim();
  const found = firstMatch(flat, needles);
  // PostgreSQL's ILIKE found it; a case rule JavaScript does not share could hide it here.
  if (!found) {
    const chars = Array.from(flat);
    return { matched: needles[0]?.kind ?? 'email', excerpt: { before: chars.slice(0, EXCERPT_LENGTH).join('') + (chars.length > EXCERPT_LENGTH ? '…' : ''), match: '', after: '' } };
  }
  const before = Array.from(flat.slice(0, found.index));
  const after = Array.from(flat.slice(found.index + found.match.length));
  const room = Math.max(0, EXCERPT_LENGTH - Array.from(found.match).length);
  const afterTaken = Math.min(after.length, room - Math.min(before.length, Math.floor(room / 2)));
  const beforeTaken = Math.min(before.length, room - afterTaken);
  return {
    matched: found.kind,
    excerpt: {
      before: (beforeTaken < before.length ? '…' : '') + before.slice(before.length - beforeTaken).join(''),
      match: found.match,
      after: after.slice(0, afterTaken).join('') + (afterTaken < after.length ? '…' : ''),
    },
  };
}

const ABOUT_WORDS: Record<string, string> = {
  customer: 'customer',
  user: 'customer',
  account: 'account',
  content: 'content item',
  privacy_request: 'privacy request',
  moderation_decision: 'moderation decision',
};

function about(row: MentionRow): string {
  if (!row.aboutType) return '';
  return `${ABOUT_WORDS[row.aboutType] ?? row.aboutType.replaceAll('_', ' ')} ${row.aboutId ?? ''}`.trim();
}

/** The record in words, per table and column. */
function kindOf(row: MentionRow): string {
  const on = about(row);
  switch (`${row.table}.${row.column}`) {
    case 'ops.staff_notes.body':
      return `Staff note on ${on}`;
    case 'ops.action_requests.reason':
      return `Reason of the staff action ${row.detail} on ${on}`;
    case 'ops.action_requests.decision_comment':
      return `Approval decision comment on the staff action ${row.detail} on ${on}`;
    case 'ops.moderation_notes.body':
      return `Moderator's note on ${on}`;
    case 'ops.moderation_decisions.reversal_reason':
      return `Reversal reason of a moderation decision on ${on}`;
    case 'ops.moderation_decisions.statement.decision_facts':
      return `Facts in the statement of reasons of a moderation decision on ${on}`;
    case 'ops.moderation_decisions.statement.illegal_content_explanation':
    case 'ops.moderation_decisions.statement.incompatible_content_explanation':
      return `Explanation in the statement of reasons of a moderation decision on ${on}`;
    case 'ops.moderation_appeals.decision_reason':
      return `Decision reason of an appeal against ${on}`;
    case 'ops.moderation_bulk_runs.reason':
      return `Reason of bulk moderation run ${row.recordId}`;
    case 'ops.moderation_bulk_runs.facts':
      return `Facts of bulk moderation run ${row.recordId}`;
    case 'ops.privacy_requests.note':
      return `Note of the ${row.detail} request ${row.recordId}`;
    case 'ops.privacy_requests.verification_note':
      return `Identity check note of the ${row.detail} request ${row.recordId}`;
    case 'ops.privacy_requests.extension_reason':
      return `Extension reason of the ${row.detail} request ${row.recordId}`;
    case 'ops.privacy_requests.hold_reason':
      return `Legal hold reason of the ${row.detail} request ${row.recordId}`;
    case 'ops.privacy_requests.rejected_reason':
      return `Rejection reason of the ${row.detail} request ${row.recordId}`;
    default:
      return `${row.table}.${row.column} of ${row.recordId}`;
  }
}

type LinkResource = NonNullable<TErasureMention['link']>['resource'];
const isLinkResource = (resource: string | null): resource is LinkResource => (ERASURE_MENTION_LINKS as readonly (string | null)[]).includes(resource);

function toMention(row: MentionRow, needles: readonly Needle[]): TErasureMention {
  return {
    table: row.table,
    column: row.column,
    recordId: row.recordId,
    kind: kindOf(row),
    link: isLinkResource(row.linkResource) && row.linkId ? { resource: row.linkResource, id: row.linkId } : null,
    writtenAt: row.writtenAt.toISOString(),
    ...excerptOf(row.text, needles),
  };
}

/** The plan's mentions elsewhere of the subject: one bounded statement per table, merged newest first. */
export async function findMentionsElsewhere(db: DbOrTrx, subject: ErasureSubject, limit = MENTIONS_LIMIT): Promise<TErasureMentions> {
  const needles: Needle[] = [
    ...[...new Set(subject.emails.map((email) => email.toLowerCase()))].map((value) => ({ value, kind: 'email' as const })),
    ...nameNeedles(await findSubjectNames(db, subject)).map((value) => ({ value, kind: 'name' as const })),
  ];
  const values = needles.map((needle) => needle.value);
  const rows: MentionRow[] = [];
  let total = 0;
  // One after another: on a transaction they share one connection anyway.
  for (const source of MENTION_SOURCES) {
    const found = await findMentionsIn(db, source, subject, values, limit);
    rows.push(...found.rows);
    total += found.total;
  }
  rows.sort((a, b) => b.writtenAt.getTime() - a.writtenAt.getTime() || a.table.localeCompare(b.table) || b.recordId.localeCompare(a.recordId));
  return { items: rows.slice(0, limit).map((row) => toMention(row, needles)), total, limit };
}
