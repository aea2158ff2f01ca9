import { ms } from './benchStats.js';
import type { ProbeFigures, Spread, TrafficFigures } from './capacityFigures.js';
import type { CpuShares } from './cpuSampler.js';
import type { PoolSummary } from './poolSampler.js';
import { PROBE_TIMEOUT_MS } from './probes.js';

/** The capacity bench's printed tables, in markdown so they paste into docs/capacity.md. */
export interface LevelReport {
  name: string;
  connections: number;
  seconds: number;
  mix: TrafficFigures;
  pool: PoolSummary;
  readyz: ProbeFigures;
  signedIn: ProbeFigures;
  cpu: CpuShares | null;
  /** Abuse only: the sign-in flood, per source. */
  flood?: { name: string; connections: number; figures: TrafficFigures }[];
}

export interface SweepStep {
  connections: number;
  figures: TrafficFigures;
}

const SLO_P95_MS = 300;

function markdownTable(header: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

const pct = (value: number) => (value === 0 ? '0 %' : value < 0.001 ? '<0.1 %' : `${(value * 100).toFixed(1)} %`);
const withSpread = (s: Spread, format: (n: number) => string) => (Number.isFinite(s.min) ? `${format(s.value)} (${format(s.min)}–${format(s.max)})` : format(s.value));
const rps = (n: number) => n.toFixed(0);
const ratio = (a: number, b: number) => (b > 0 && Number.isFinite(a / b) ? `${(a / b).toFixed(2)}×` : '-');

/** The pool's own gauges where the server exports them, else what PostgreSQL sees. */
export function poolCell(pool: PoolSummary, poolMax: number): string {
  const { metrics, database } = pool;
  if (metrics.busyPeak !== undefined) {
    const exported = Object.entries(metrics.peaks).find(([name]) => /pool_max/.test(name))?.[1];
    const max = exported ?? poolMax;
    const queued = metrics.waitingPeak ? `, up to ${metrics.waitingPeak} waiting, queued ${pct(metrics.queuedShare ?? 0)} of the time` : ', none waiting';
    return `${metrics.busyPeak}/${max}${queued}`;
  }
  if (database.samples === 0) return `not sampled${database.error ? ` (${database.error})` : ''}`;
  const saturated = database.saturatedShare > 0 ? `, all busy ${pct(database.saturatedShare)} of the time` : '';
  return `${database.peakBusy}/${poolMax} (pg_stat_activity)${saturated}`;
}

/** A probe that timed out counts as the timeout: its p95 is then a lower bound. */
const probeP95 = (p: ProbeFigures) => (p.timedOut && p.p95 >= PROBE_TIMEOUT_MS ? `≥ ${PROBE_TIMEOUT_MS}` : ms(p.p95));
const probeCell = (p: ProbeFigures) => `${probeP95(p)}${p.okShare < 1 ? ` (${pct(1 - p.okShare)} not 200${p.timedOut ? `, ${p.timedOut} timed out` : ''})` : ''}`;

function levelsTable(levels: LevelReport[], poolMax: number): string {
  return markdownTable(
    ['level', 'connections', 'req/s (spread)', 'p50 ms', 'p95 ms (spread)', 'p99 ms', 'errors', '429', 'pool busy peak / max', '/readyz p95 ms', 'signed-in query p95 ms'],
    levels.map((l) => [
      l.name,
      l.connections + (l.flood ? ` + ${l.flood.map((f) => f.connections).join(' + ')}` : ''),
      withSpread(l.mix.rps, rps),
      ms(l.mix.p50),
      withSpread(l.mix.p95, ms),
      ms(l.mix.p99),
      pct(l.mix.errorRate) + (l.mix.rate503 ? ` (503: ${pct(l.mix.rate503)})` : ''),
      pct(l.mix.rate429),
      poolCell(l.pool, poolMax),
      probeCell(l.readyz),
      probeCell(l.signedIn),
    ]),
  );
}

function cpuTable(levels: LevelReport[]): string {
  const cell = (n: number) => `${(n * 100).toFixed(0)} %`;
  return markdownTable(
    ['level', 'server (node)', 'its event loop', 'PostgreSQL', 'bench (autocannon)', 'everything else', 'machine idle'],
    levels.map((l) =>
      l.cpu ? [l.name, cell(l.cpu.server), cell(l.cpu.eventLoop), cell(l.cpu.postgres), cell(l.cpu.bench), cell(l.cpu.others), cell(Math.max(0, l.cpu.cores - l.cpu.server - l.cpu.postgres - l.cpu.bench - l.cpu.others))] : [l.name, '-', '-', '-', '-', '-', '-'],
    ),
  );
}

function kindsTable(levels: LevelReport[]): string {
  const kinds = [...new Set(levels.flatMap((l) => l.mix.byKind.map((k) => k.kind)))];
  return markdownTable(
    ['level', ...kinds.map((k) => `${k} p95 ms (n)`)],
    levels.map((l) => [l.name, ...kinds.map((kind) => ((k) => (k ? `${ms(k.p95)} (${k.n})${k.errorRate ? `, ${pct(k.errorRate)} errors` : ''}` : '-'))(l.mix.byKind.find((x) => x.kind === kind)))]),
  );
}

function floodTable(level: LevelReport): string {
  return markdownTable(
    ['flood', 'connections', 'attempts', 'answered/s', 'p50 ms', 'p95 ms', 'answers'],
    (level.flood ?? []).map((f) => [
      f.name,
      f.connections,
      f.figures.attempts,
      rps(f.figures.rps.value),
      ms(f.figures.p50),
      ms(f.figures.p95.value),
      Object.entries(f.figures.statuses)
        .sort((a, b) => b[1] - a[1])
        .map(([status, count]) => `${status}: ${count}`)
        .join(', '),
    ]),
  );
}

function sweepTable(steps: SweepStep[]): string {
  return markdownTable(
    ['connections', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'errors', '429'],
    steps.map((s) => [s.connections, rps(s.figures.rps.value), ms(s.figures.p50), ms(s.figures.p95.value), ms(s.figures.p99), pct(s.figures.errorRate), pct(s.figures.rate429)]),
  );
}

function sloCrossing(steps: SweepStep[]): string {
  const first = steps.find((s) => s.figures.p95.value > SLO_P95_MS);
  return first ? `p95 first crosses ${SLO_P95_MS} ms at ${first.connections} connections` : `p95 not crossed ${SLO_P95_MS} ms up to ${steps.at(-1)?.connections ?? 0} connections`;
}

function ratioLines(levels: LevelReport[]): string[] {
  const [steady, peak, abuse] = ['steady', 'peak', 'abuse'].map((name) => levels.find((l) => l.name === name));
  const lines: string[] = [];
  if (steady && peak) {
    lines.push(`peak / steady throughput: ${ratio(peak.mix.rps.value, steady.mix.rps.value)} for ${ratio(peak.connections, steady.connections)} the connections`);
    lines.push(`peak / steady p95: ${ratio(peak.mix.p95.value, steady.mix.p95.value)}`);
  }
  if (peak && abuse) {
    lines.push(`abuse / peak p95 (signed-in mix): ${ratio(abuse.mix.p95.value, peak.mix.p95.value)}; throughput ${ratio(abuse.mix.rps.value, peak.mix.rps.value)}`);
    lines.push(`abuse / peak p95 of /readyz: ${ratio(abuse.readyz.p95, peak.readyz.p95)}; of the signed-in query: ${ratio(abuse.signedIn.p95, peak.signedIn.p95)}`);
  }
  return lines;
}

function poolLines(levels: LevelReport[]): string[] {
  const seen = `PostgreSQL's side (pg_stat_activity): ${levels.map((l) => `${l.name} ${l.pool.database.peakBusy} busy of ${l.pool.database.peakOpen} open, ${l.pool.database.peakIdleInTransaction} idle in transaction`).join('; ')}`;
  const series = [...new Set(levels.flatMap((l) => Object.keys(l.pool.metrics.peaks)))];
  if (series.length === 0) return [seen, '/metrics exports no pool gauge: the pool column is from pg_stat_activity.'];
  return [seen, `/metrics peaks: ${series.map((s) => `${s} ${levels.map((l) => `${l.name} ${l.pool.metrics.peaks[s] ?? '-'}`).join(', ')}`).join('; ')}`];
}

/** Why the probes were not answered 200, per level: what a load balancer would have seen. */
function probeReasonLines(levels: LevelReport[]): string[] {
  return levels.flatMap((l) =>
    [l.readyz, l.signedIn]
      .filter((p) => Object.keys(p.reasons).length > 0)
      .map((p) => `${l.name}, ${p.label} not 200 in ${pct(1 - p.okShare)} of ${p.n} probes: ${Object.entries(p.reasons).map(([reason, n]) => `${reason} ×${n}`).join(', ')}`),
  );
}

export interface RunReport {
  title: string;
  poolMax: number;
  cores: number;
  levels: LevelReport[];
  sweep: SweepStep[];
  sweepSeconds: number;
  /** Milliseconds until /readyz answered 200 after the flood, or null if it did not within 30 s. */
  recoveryMs: number | null;
  /** Bench webhook events in the ledger, by status. */
  ledger: Record<string, number>;
  stripeCalls: number;
}

/** Everything the bench prints at the end, in the order docs/capacity.md shows it. */
export function formatReport(run: RunReport): string {
  const { levels } = run;
  const abuse = levels.find((l) => l.flood);
  const during = (p: ProbeFigures) =>
    `${p.label} p95 ${probeP95(p)} ms, ${p.withinOneSecond ? 'within' : 'NOT within'} 1 s (${pct(p.okShare)} of ${p.n} answered 200${p.timedOut ? `, ${p.timedOut} timed out` : ''})`;
  const bullets = [
    sloCrossing(run.sweep),
    ...ratioLines(levels),
    ...(abuse
      ? [
          `during the flood: ${during(abuse.readyz)}; ${during(abuse.signedIn)}`,
          `after the flood: ${run.recoveryMs === null ? '/readyz still not answering 200 after 30 s' : `/readyz answered 200 after ${(run.recoveryMs / 1000).toFixed(1)} s`}`,
        ]
      : []),
    ...poolLines(levels).map((line) => `pool, ${line}`),
    ...probeReasonLines(levels),
    `webhooks: ${Object.entries(run.ledger).map(([status, n]) => `${n} ${status}`).join(', ') || 'none recorded'} in the ledger; Stripe API calls by the server: ${run.stripeCalls} (expected 0)`,
  ];
  return [
    `## ${run.title}`,
    levelsTable(levels, run.poolMax),
    `CPU by process, 100 % = one core (${run.cores} cores):`,
    cpuTable(levels),
    'Latency by kind of request (signed-in mix):',
    kindsTable(levels),
    ...(abuse ? ['Abuse level, the flood beside the mix (X-Forwarded-For from 198.18.0.0/15):', floodTable(abuse)] : []),
    `Concurrency sweep, signed-in mix, ${run.sweepSeconds} s per step:`,
    sweepTable(run.sweep),
    bullets.map((line) => `- ${line}.`).join('\n'),
  ].join('\n\n');
}
