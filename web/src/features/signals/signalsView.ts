import { SIGNAL_RANGE_NAMES, ZSignalService, type SignalRange, type TSignalsQueryRequest } from '@opsdesk/shared';

/**
 * The Signals page's view lives in the URL (`?service=api&range=6h`) so a dashboard can
 * be bookmarked. Anything unknown in the URL falls back to the defaults rather than
 * sending the server a request it would refuse.
 */
export const DEFAULT_SIGNALS_VIEW: TSignalsQueryRequest = { service: 'opsdesk', range: '1h' };

export function signalsViewOf(search: URLSearchParams): TSignalsQueryRequest {
  const service = ZSignalService.safeParse(search.get('service'));
  const range = search.get('range');
  return {
    service: service.success ? service.data : DEFAULT_SIGNALS_VIEW.service,
    range: SIGNAL_RANGE_NAMES.includes(range as SignalRange) ? (range as SignalRange) : DEFAULT_SIGNALS_VIEW.range,
  };
}

export const RANGE_LABELS: Record<SignalRange, string> = { '1h': 'Last hour', '6h': 'Last 6 hours', '24h': 'Last 24 hours', '7d': 'Last 7 days', '30d': 'Last 30 days' };
