import { useEffect, useRef, useState } from 'react';
import { releaseLease, useRenewLease } from './useModeration';

/** Renew a minute before the 5-minute lease would run out, so a slow network never loses it. */
const RENEW_EVERY_MS = 60_000;
// React's development double mount unmounts and mounts again at once: a release waits
// one tick so that remount can cancel it instead of giving the item away.
const pendingReleases = new Map<string, ReturnType<typeof setTimeout>>();

/**
 * The lease on an item the moderator holds: a countdown (seconds left, by the server's
 * expiry), renewed every minute while the page is open, released when they leave the
 * page or close the tab. `held` false (someone else's item, or decided) does nothing.
 */
export function useItemLease(entryId: string, initialExpiresAt: string | null, held: boolean) {
  const renew = useRenewLease();
  const [expiresAt, setExpiresAt] = useState(initialExpiresAt);
  const [now, setNow] = useState(() => Date.now());
  const heldRef = useRef(held);
  heldRef.current = held;

  useEffect(() => setExpiresAt(initialExpiresAt), [initialExpiresAt]);

  useEffect(() => {
    const tick = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(tick);
  }, []);

  useEffect(() => {
    if (!held) return undefined;
    const timer = setInterval(() => {
      renew.mutate(entryId, { onSuccess: (renewed) => setExpiresAt(renewed.leaseExpiresAt) });
    }, RENEW_EVERY_MS);
    return () => clearInterval(timer);
    // renew is a new object each render; the interval only needs the entry.
  }, [entryId, held]);

  useEffect(() => {
    const pending = pendingReleases.get(entryId);
    if (pending) clearTimeout(pending);
    pendingReleases.delete(entryId);
    const releaseOnClose = () => {
      if (heldRef.current) void releaseLease(entryId).catch(() => undefined);
    };
    window.addEventListener('pagehide', releaseOnClose);
    return () => {
      window.removeEventListener('pagehide', releaseOnClose);
      if (!heldRef.current) return;
      pendingReleases.set(
        entryId,
        setTimeout(() => {
          pendingReleases.delete(entryId);
          // Already decided or taken over: nothing to give back.
          void releaseLease(entryId).catch(() => undefined);
        }, 0),
      );
    };
  }, [entryId]);

  const secondsLeft = expiresAt ? (Date.parse(expiresAt) - now) / 1000 : 0;
  return { expiresAt, secondsLeft, renewError: renew.error };
}
