import { useCallback, useMemo, useRef } from 'react';
import { useSearchParams } from 'react-router-dom';
import { latestSearch, type LatestSearch } from './latestSearch';
import { readRevenueView, writeRevenueView, type RevenueView } from './revenueView';

/** The Revenue page's view and a way to change part of it; every change lands in the URL. */
export function useRevenueView(): [RevenueView, (change: Partial<RevenueView>) => void] {
  const [params, setParams] = useSearchParams();
  const view = useMemo(() => readRevenueView(params), [params]);
  // Each change is built on the last view written, not the last rendered (latestSearch.ts):
  // two quick changes (from, then to) must both land, and React Router hands its updater
  // the params of the last render.
  const latest = useRef<LatestSearch | null>(null);
  latest.current ??= latestSearch(params);
  latest.current.observe(params);
  const update = useCallback(
    (change: Partial<RevenueView>) => {
      const tracker = latest.current!;
      const next = writeRevenueView({ ...readRevenueView(tracker.current()), ...change });
      tracker.wrote(next);
      setParams(next);
    },
    [setParams],
  );
  return [view, update];
}
