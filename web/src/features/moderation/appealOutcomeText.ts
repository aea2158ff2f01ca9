import type { useDecideAppeal } from './useAppeals';

export type AppealDecided = NonNullable<ReturnType<typeof useDecideAppeal>['data']>;
type AccountReversal = NonNullable<NonNullable<AppealDecided['reversal']>['account']>;

/**
 * What lifting the account measure did, in words: the server answers with the unban
 * request's status (`done`, `in_progress`, `pending_approval`), and explains in a note
 * when there was nothing to lift.
 */
function accountText(account: AccountReversal): { clause: string | null; note: string | null } {
  if (account.lifted) return { clause: 'the account is reinstated', note: null };
  if (account.note) return { clause: null, note: account.note };
  if (account.status === 'pending_approval') return { clause: "reinstating the account waits for a second person's approval", note: null };
  if (account.status === 'in_progress') return { clause: 'the account is being reinstated', note: null };
  return { clause: 'the account is unchanged', note: null };
}

/** What the page says once an appeal is decided (the card itself leaves the open list). */
export function appealOutcomeText(result: AppealDecided): string {
  if (result.status !== 'reversed') return 'Upheld: the decision stands.';
  const content = result.reversal?.content ? `the content is ${result.reversal.content.to.replaceAll('_', ' ')} again` : null;
  const account = result.reversal?.account ? accountText(result.reversal.account) : { clause: null, note: null };
  const clauses = [content, account.clause].filter((clause): clause is string => clause !== null);
  const sentence = `Reversed: ${clauses.length > 0 ? clauses.join('; ') : 'the decision is undone'}.`;
  return account.note ? `${sentence} ${account.note}` : sentence;
}
