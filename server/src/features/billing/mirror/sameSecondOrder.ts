import { canonicalJson, type MirrorState } from './mirrorState.js';

/** Past this many states in one second the orders are not enumerated: the object is re-fetched. */
const MAX_STATES = 8;

/**
 * Which of an object's states from one second is its newest, from the events
 * themselves, so that a re-fetch is needed only when they cannot tell (docs/billing.md,
 * "Ordering"). Stripe's `created` has one-second resolution, but an update event
 * carries `previous_attributes`, the values its changed fields had just before. State B
 * can follow state A when A holds B's previous values and B keeps A's values of the
 * other fields this second's events changed (only those: Stripe changes some fields
 * without an event, a customer's `next_invoice_sequence`). An event after which nothing
 * changes (`customer.subscription.deleted`) is the newest state.
 *
 * Every order of the states in which each one follows the one before is tried; the
 * answer is their last state if all orders end in the same one. The first state of an
 * order must be anchored: a creating event (which nothing precedes) or an event that
 * follows a state known from an earlier second (`before`: the mirror's, or the batch's).
 * So an order that merely closes on itself around events not delivered yet is not taken
 * for the whole second. The caller hands in every event of the second it has seen, also
 * those applied by earlier batches (a late event may belong before them); then the state
 * before the second is no longer known (`earlierUnknown`) and any state may come first.
 * Anything else returns null — re-fetch: no order, orders ending differently, an event
 * that does not say what preceded it (unless it only repeats another state), a
 * deletion, too many states. A wrong answer needs a state to recur within the second
 * exactly, across events still undelivered.
 */
export function newestOfSecond(candidates: MirrorState[], known: { before: object[]; earlierUnknown?: boolean }): MirrorState | null {
  if (candidates.length > MAX_STATES || candidates.some((c) => c.deleted)) return null;
  const nodes: OrderNode[] = candidates.map((state) => ({ state, object: state.object as unknown as Fields, key: keyOf(state.object), previous: state.previous, origin: state.origin === true }));
  // An event after which nothing can change the object is its newest state, whatever came before.
  const finals = candidates.filter((c) => c.final);
  if (finals.length > 0) return finals.every((c) => keyOf(c.object) === keyOf(finals[0]!.object)) ? finals.at(-1)! : null;
  const kept = dropRepeats(nodes);
  if (kept.some((n) => n.previous === undefined && !n.origin)) return null;
  // The fields this second's events say they changed: a state that follows another keeps the other's values of them, but those it changes.
  const tracked = [...new Set(kept.flatMap((n) => Object.keys(n.previous ?? {})))];
  const follows = (next: OrderNode, prior: Fields) => next.previous !== undefined && hadValues(prior, next.previous) && keptValues(prior, next.object, tracked, next.previous);
  const anchored = (first: OrderNode) => first.origin || known.earlierUnknown === true || known.before.some((b) => follows(first, b as Fields));
  const endings: OrderNode[] = [];
  const used = new Array<boolean>(kept.length).fill(false);
  const walk = (last: OrderNode, placed: number): boolean => {
    if (placed === kept.length) {
      if (!endings.some((e) => e.key === last.key)) endings.push(last);
      return endings.length < 2;
    }
    for (let i = 0; i < kept.length; i++) {
      if (used[i] || kept[i]!.key === last.key || !follows(kept[i]!, last.object)) continue;
      used[i] = true;
      const goOn = walk(kept[i]!, placed + 1);
      used[i] = false;
      if (!goOn) return false;
    }
    return true;
  };
  for (let i = 0; i < kept.length && endings.length < 2; i++) {
    if (!anchored(kept[i]!)) continue;
    used[i] = true;
    walk(kept[i]!, 1);
    used[i] = false;
  }
  if (endings.length !== 1) return null;
  return endings[0]!.state;
}

interface OrderNode {
  state: MirrorState;
  object: Fields;
  key: string;
  /** The event's previous_attributes; undefined when it does not say. */
  previous: Fields | undefined;
  origin: boolean;
}

/**
 * An event that does not say what came before it (`invoice.payment_succeeded` after
 * `invoice.paid`) and repeats another state adds nothing: it would only make every order
 * look possible.
 */
function dropRepeats(nodes: OrderNode[]): OrderNode[] {
  return nodes.filter((n, i) => n.previous !== undefined || n.origin || !nodes.some((other, j) => j !== i && (other.previous !== undefined || other.origin || j < i) && other.key === n.key));
}

type Fields = Record<string, unknown>;

/** The state held the values an event says its changed fields had before it (a missing field and null are the same). */
function hadValues(state: Fields, previous: Fields): boolean {
  return Object.entries(previous).every(([field, value]) => canonicalJson(state[field] ?? null) === canonicalJson(value ?? null));
}

function keptValues(prior: Fields, next: Fields, fields: string[], changed: Fields): boolean {
  return fields.every((field) => field in changed || canonicalJson(prior[field] ?? null) === canonicalJson(next[field] ?? null));
}

/** A state's canonical text. */
const keyOf = (object: object): string => canonicalJson(object);
