import type { FlagVariantResult } from '@opsdesk/shared';
import type { AccountSnapshot } from './flagImpactSnapshot.js';

/**
 * The current state's answer per account, kept per account snapshot: the console previews
 * again at every edit of a proposal, and between those previews only the proposal
 * changes, so the current ruleset need not be evaluated again (half the work). Kept only
 * for the same snapshot, flag and current ruleset document (compared whole, so an edited
 * segment or parent flag counts too), and only when no answer drew randomness or read the
 * clock (`random` stickiness, `DATE_*` constraints): those answers are not fixed.
 */

const MAX_KEPT_PER_SNAPSHOT = 16;

/** An answer as a code: 0 off, n ≥ 1 on with `names[n - 1]` (`disabled` for "on, no variant"). */
export class AnswerCodes {
  private readonly codes: Uint16Array;
  private readonly names: string[] = [];
  private readonly results: FlagVariantResult[] = [{ name: 'disabled', enabled: false, feature_enabled: false, featureEnabled: false }];
  private readonly codeOfName = new Map<string, number>();

  constructor(size: number) {
    this.codes = new Uint16Array(size);
  }

  /** False when the answer cannot be coded (more distinct variants than a code holds): do not keep. */
  record(i: number, answer: FlagVariantResult): boolean {
    if (!answer.feature_enabled) return true;
    let code = this.codeOfName.get(answer.name);
    if (code === undefined) {
      if (this.names.length >= 0xffff) return false;
      code = this.names.push(answer.name);
      this.codeOfName.set(answer.name, code);
      this.results.push({ name: answer.name, enabled: answer.enabled, feature_enabled: true, featureEnabled: true });
    }
    this.codes[i] = code;
    return true;
  }

  /** The answer as `changeBetween` and the sample labels read it (name and whether the flag is on). */
  answer(i: number): FlagVariantResult {
    return this.results[this.codes[i]!]!;
  }
}

const kept = new WeakMap<AccountSnapshot, Map<string, AnswerCodes>>();

const keyOf = (flagKey: string, currentDocument: string) => `${flagKey}\u0000${currentDocument}`;

export function findKeptAnswers(snapshot: AccountSnapshot, flagKey: string, currentDocument: string): AnswerCodes | undefined {
  return kept.get(snapshot)?.get(keyOf(flagKey, currentDocument));
}

export function keepAnswers(snapshot: AccountSnapshot, flagKey: string, currentDocument: string, answers: AnswerCodes): void {
  let perSnapshot = kept.get(snapshot);
  if (!perSnapshot) kept.set(snapshot, (perSnapshot = new Map()));
  // The oldest entry goes first (a Map iterates in insertion order).
  if (perSnapshot.size >= MAX_KEPT_PER_SNAPSHOT) perSnapshot.delete(perSnapshot.keys().next().value!);
  perSnapshot.set(keyOf(flagKey, currentDocument), answers);
}

/** Drops a snapshot's kept answers (the bench measures a preview that evaluates both rulesets). */
export function forgetKeptAnswers(snapshot: AccountSnapshot): void {
  kept.delete(snapshot);
}
