import type { TSignalsQueryRequest } from '@opsdesk/shared';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { trpc } from '../../app/trpcClient';

/**
 * Every signals request the console makes (server: `signals`). The chart stays on screen
 * while another range or service loads, and is read again each minute: samples are
 * written once a minute, so reading more often would show nothing new.
 */
const MINUTE_MS = 60_000;

export const useSignalServices = () => useQuery({ ...trpc.signals.services.queryOptions(), staleTime: MINUTE_MS });

/** The built-in samples' table: it changes at each hourly prune and minute flush, so read again each minute too. */
export const useSignalStorage = () => useQuery({ ...trpc.signals.storage.queryOptions(), refetchInterval: MINUTE_MS });

export function useSignals(request: TSignalsQueryRequest) {
  return useQuery(trpc.signals.query.queryOptions(request, { placeholderData: keepPreviousData, refetchInterval: MINUTE_MS }));
}
