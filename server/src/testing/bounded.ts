/** The longest a test waits for something that hangs on broken code (a bound, never a measurement). */
export const HANG_BOUND_MS = 10_000;

/**
 * Resolves or rejects as `promise` does, or rejects with a clear message once the bound
 * has passed, so a regression that hangs (a starved pool) fails the test instead of the
 * whole suite. Says nothing about how fast anything is.
 */
export async function within<T>(promise: Promise<T>, what: string, boundMs = HANG_BOUND_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${boundMs / 1000} s: something is hanging`)), boundMs);
  });
  try {
    return await Promise.race([promise, hung]);
  } finally {
    clearTimeout(timer);
  }
}

/** Resolves once `count` of `promises` have settled (either way). */
export function settledCount(promises: readonly Promise<unknown>[], count: number): Promise<void> {
  let settled = 0;
  return new Promise((resolve) => {
    if (count <= 0) resolve();
    for (const promise of promises) {
      void promise.then(
        () => ++settled >= count && resolve(),
        () => ++settled >= count && resolve(),
      );
    }
  });
}
