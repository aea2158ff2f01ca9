import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * Lets the event loop serve I/O before the caller goes on. A webhook batch (up to 1,000
 * events of JavaScript) runs on the loop that acknowledges deliveries; without a turn
 * between its steps, requests that arrived meanwhile wait for the whole batch (promises
 * that resolve at once never reach the I/O phase).
 */
export const yieldTurn = (): Promise<void> => nextTurn();
