import type Stripe from 'stripe';

/**
 * What is due on one test clock, in time order. Running it advances the clock to each
 * task's time (Stripe then performs every renewal, trial end and dunning retry in
 * between, emitting their events at clock time) and runs the task; a task may add
 * later tasks (a recovery after a failed renewal, a dispute's outcome).
 */
type Task = { at: number; order: number; run: () => Promise<void> };

export class ClockAgenda {
  private readonly tasks: Task[] = [];
  private added = 0;

  constructor(
    private readonly stripe: Stripe,
    readonly clockId: string,
    private frozenTime: number,
  ) {}

  get now(): number {
    return this.frozenTime;
  }

  at(time: number, run: () => Promise<void> = async () => undefined): void {
    // `order` keeps same-time tasks in the order they were added: the result is deterministic.
    this.tasks.push({ at: Math.max(time, this.frozenTime), order: this.added++, run });
  }

  /** Runs every task up to `until` (inclusive), then leaves the clock at `until`. */
  async runUntil(until: number): Promise<void> {
    for (;;) {
      this.tasks.sort((a, b) => a.at - b.at || a.order - b.order);
      const next = this.tasks[0];
      if (!next || next.at > until) break;
      this.tasks.shift();
      await this.advanceTo(next.at);
      await next.run();
    }
    await this.advanceTo(until);
  }

  private async advanceTo(time: number): Promise<void> {
    if (time <= this.frozenTime) return;
    await this.stripe.testHelpers.testClocks.advance(this.clockId, { frozen_time: time });
    this.frozenTime = time;
  }
}
