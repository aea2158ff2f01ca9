import v8 from 'node:v8';
import vm from 'node:vm';

/** A full collection before each measurement, so one measurement's garbage does not count in the next's baseline (no --expose-gc needed). */
v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;

/**
 * Peak resident memory while some work runs: process.memoryUsage().rss read every 10 ms
 * (a sampling timer, not a wait: the work runs meanwhile) and once more at the end. The
 * growth is the peak minus the RSS just before the work started.
 */
export async function measurePeakRss<T>(work: () => Promise<T>): Promise<{ value: T; seconds: number; baselineMb: number; peakMb: number; growthMb: number }> {
  collectGarbage();
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sample = () => (peak = Math.max(peak, process.memoryUsage().rss));
  const timer = setInterval(sample, 10);
  const started = performance.now();
  try {
    const value = await work();
    sample();
    const mb = (bytes: number) => bytes / 2 ** 20;
    return { value, seconds: (performance.now() - started) / 1000, baselineMb: mb(baseline), peakMb: mb(peak), growthMb: mb(peak - baseline) };
  } finally {
    clearInterval(timer);
  }
}
