import type { FlagStrategy, FlagVariant } from '@opsdesk/shared/flags/flags.schemas';
import type { FlagType } from '@opsdesk/shared/flags/flagsApi.schemas';
import { strategyInWords, variantsInWords } from './changes/ruleWords';
import { isPlainObject } from '../../app/isPlainObject';

/**
 * Flags in words: type names, "on in production", staleness, what a history entry did
 * and a schedule's status. Pure, so the pages and the home cards say the same thing.
 */
export const FLAG_TYPE_LABELS: Record<FlagType, string> = {
  release: 'Release',
  experiment: 'Experiment',
  operational: 'Operational',
  'kill-switch': 'Kill switch',
  permission: 'Permission',
};

export function flagTypeLabel(type: string): string {
  return FLAG_TYPE_LABELS[type as FlagType] ?? type;
}

export const DAY_MS = 86_400_000;

/** Whole days since the flag last changed (never negative, whatever the clocks say). */
export function daysSince(at: string | Date, now: Date = new Date()): number {
  return Math.max(0, Math.floor((now.getTime() - new Date(at).getTime()) / DAY_MS));
}

export function staleText(updatedAt: string | Date, now: Date = new Date()): string {
  const days = daysSince(updatedAt, now);
  return `Stale: no change for ${days} ${days === 1 ? 'day' : 'days'}`;
}

/** "on in production, off in staging" for a screen reader; chips show the same. */
export function environmentStatesText(states: Record<string, boolean>, order: readonly string[] = []): string {
  const names = orderedEnvironments(states, order);
  if (names.length === 0) return 'off everywhere (never switched on)';
  return names.map((name) => `${states[name] ? 'on' : 'off'} in ${name}`).join(', ');
}

/** The environments in the server's order first, then any the flag has that the list does not. */
export function orderedEnvironments(states: Record<string, boolean>, order: readonly string[]): string[] {
  const known = order.filter((name) => name in states);
  return [...known, ...Object.keys(states).filter((name) => !order.includes(name)).sort()];
}

const ACTION_WORDS: Record<string, string> = {
  'flags.created': 'Created the flag',
  'flags.updated': 'Changed the flag’s details',
  'flags.archived': 'Archived the flag',
  'flags.environment_changed': 'Changed the rules',
  'flags.schedule_created': 'Scheduled a change',
  'flags.schedule_cancelled': 'Cancelled a scheduled change',
  'flags.schedule_stale': 'A scheduled change went stale',
  'flags.schedule_failed': 'A scheduled change failed',
};

/** A history entry's action in words, with its environment when it changed one. */
export function historyActionText(action: string, environment: string | null): string {
  const words = ACTION_WORDS[action] ?? humanizeAction(action);
  return environment ? `${words} in ${environment}` : words;
}

function humanizeAction(action: string): string {
  const last = action.split('.').pop() ?? action;
  const words = last.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const SCHEDULE_STATUS_WORDS: Record<string, string> = {
  pending: 'Pending',
  applied: 'Applied',
  cancelled: 'Cancelled',
  stale: 'Stale (the flag changed first)',
  failed: 'Failed',
};

export function scheduleStatusText(status: string, jobStatus: string | null = null): string {
  const words = SCHEDULE_STATUS_WORDS[status] ?? status;
  // A job cancelled on the Jobs page leaves the schedule pending but never applied.
  return status === 'pending' && jobStatus === 'cancelled' ? `${words} (its job was cancelled on the Jobs page)` : words;
}

/** What a schedule will set, in words: "on, 2 strategies". */
export function scheduledStateText(schedule: { enabled: boolean; strategies?: unknown }): string {
  const count = Array.isArray(schedule.strategies) ? schedule.strategies.length : 0;
  return `${schedule.enabled ? 'on' : 'off'}, ${count} ${count === 1 ? 'strategy' : 'strategies'}`;
}

export { formatDateTime } from '../../app/formatDateTime';

/**
 * A flag snapshot from the audit log as people read it: the row id says nothing, and the
 * owner is a name, not an id (an owner no longer known stays an id).
 */
export function readableSnapshot(snapshot: unknown, ownerNames: ReadonlyMap<string, string>): unknown {
  if (!isPlainObject(snapshot)) return snapshot;
  const { id: _id, ownerId, ...rest } = flagSnapshotInWords(snapshot);
  if (ownerId === undefined) return rest;
  return { ...rest, owner: typeof ownerId === 'string' ? (ownerNames.get(ownerId) ?? ownerId) : 'nobody' };
}

/**
 * A flag's audited snapshot with its rules as the editor words them ("1. Gradual rollout
 * 50 % of users", one line each; "blue 50 %, green 50 %") and its type by name: the
 * history showed Unleash's JSON. `createdAt` / `updatedAt` go: the entry's own time says
 * when. Used by the flag's history and by the audit log's entry page for `flags.*`.
 */
export function flagSnapshotInWords(snapshot: Record<string, unknown>): Record<string, unknown> {
  const { createdAt: _createdAt, updatedAt: _updatedAt, ...rest } = snapshot;
  const words: Record<string, unknown> = { ...rest };
  if (typeof rest.type === 'string') words.type = flagTypeLabel(rest.type);
  const { strategies, variants } = rest;
  if (Array.isArray(strategies) && strategies.length > 0 && strategies.every(isPlainObject)) {
    words.strategies = strategies.map((strategy, index) => `${index + 1}. ${strategyInWords(strategy as unknown as FlagStrategy)}`).join('\n');
  }
  if (Array.isArray(variants) && variants.length > 0 && variants.every(isPlainObject)) words.variants = variantsInWords(variants as unknown as FlagVariant[]);
  return words;
}
