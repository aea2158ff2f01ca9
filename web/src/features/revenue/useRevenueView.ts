import { useCallback, useMemo, useRef } from 'react';
import { useSearchParams } from 'react-router-dom';
import { readRevenueView, writeRevenueView, type RevenueView } from './revenueView';

/** The Revenue page's view and a way to change part of it; every change lands in the URL. */
export function useRevenueView(): [RevenueView, (change: Partial<RevenueView>) => void] {
  const [params, setParams] = useSearchParams();
  const view = useMemo(() => readRevenueView(params), [params]);
  // The last view written, not the last rendered: two quick changes (from, then to) must
  // both land, and React Router hands its updater the params of the last render.
  const latest = useRef(params);
  latest.current = params;
  const update = useCallback(
    (change: Partial<RevenueView>) => {
      const next = writeRevenueView({ ...readRevenueView(latest.current), ...change });
      latest.current = next;
      setParams(next);
    },
    [setParams],
  );
  return [view, update];
}
