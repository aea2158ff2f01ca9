import { formatDateTime } from '../../app/formatDateTime';
import { formatBytes } from './signalFormat';

/** What the built-in samples cost (server: `signals.storage`), as the Signals page words it. */
export interface SignalStorage {
  totalBytes: number;
  rows: number;
  /** A large table's count is the planner's estimate, not a scan. */
  rowsEstimated: boolean;
  oldestSample: string | null;
  retention: { minuteDays: number; hourDays: number };
}

export function signalStorageFacts(storage: SignalStorage): Array<[label: string, value: string]> {
  return [
    ['Rows', `${storage.rowsEstimated ? '≈ ' : ''}${storage.rows.toLocaleString('en-US')}`],
    ['Size on disk', formatBytes(storage.totalBytes)],
    ['Oldest sample', storage.oldestSample ? formatDateTime(storage.oldestSample) : 'None yet'],
    ['Retention', `one-minute samples ${storage.retention.minuteDays} days, hourly ${storage.retention.hourDays} days`],
  ];
}
