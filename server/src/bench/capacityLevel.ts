import pg from 'pg';
import { ms } from './benchStats.js';
import { probeFigures, trafficFigures } from './capacityFigures.js';
import { poolCell, type LevelReport } from './capacityReport.js';
import type { TrafficSource } from './capacityTraffic.js';
import { startCpuSampler } from './cpuSampler.js';
import { runLoad } from './loadRun.js';
import type { OpsdeskProcess } from './opsdeskProcess.js';
import { startPoolSampler } from './poolSampler.js';
import { startProbe } from './probes.js';

/**
 * One level of the capacity bench: the signed-in mix (and, for abuse, the flood beside
 * it) for a fixed time, while the pool, the CPU, /readyz and a signed-in query are
 * watched from outside. Prints a one-line summary; the tables come at the end.
 */
export interface FloodSpec {
  name: string;
  connections: number;
  source: TrafficSource;
}

export interface LevelInput {
  server: OpsdeskProcess;
  databaseUrl: string;
  poolMax: number;
  name: string;
  connections: number;
  seconds: number;
  mix: TrafficSource;
  /** A signed-in GET whose latency is watched apart from the load. */
  probeQuery: { url: string; cookie: string };
  flood?: FloodSpec[];
}

export async function runLevel(input: LevelInput): Promise<LevelReport> {
  const { server, name, connections, seconds } = input;
  console.log(`\nLevel ${name}: ${connections} connections${input.flood ? ` + flood ${input.flood.map((f) => `${f.connections} × ${f.name}`).join(' + ')}` : ''}, ${seconds} s…`);
  const pool = startPoolSampler({ databaseUrl: input.databaseUrl, metricsUrl: `${server.baseUrl}/metrics`, poolMax: input.poolMax });
  const cpu = startCpuSampler(server.pid, () => backendPids(input.databaseUrl));
  const readyz = startProbe('/readyz', `${server.baseUrl}/readyz`, {});
  const signedIn = startProbe('signed-in query', input.probeQuery.url, { cookie: input.probeQuery.cookie });
  const [mix, ...floods] = await Promise.all([
    runLoad({ url: server.baseUrl, connections, seconds, source: input.mix }),
    ...(input.flood ?? []).map((f) => runLoad({ url: server.baseUrl, connections: f.connections, seconds, source: f.source })),
  ]);
  const cpuShares = await cpu.stop();
  const report: LevelReport = {
    name,
    connections,
    seconds,
    mix: trafficFigures(mix!),
    readyz: probeFigures(await readyz.stop()),
    signedIn: probeFigures(await signedIn.stop()),
    pool: await pool.stop(),
    cpu: cpuShares,
    ...(input.flood && { flood: input.flood.map((f, i) => ({ name: f.name, connections: f.connections, figures: trafficFigures(floods[i]!) })) }),
  };
  printSummary(report, input.poolMax);
  return report;
}

function printSummary(report: LevelReport, poolMax: number): void {
  const { mix: m, cpu } = report;
  const pct = (share: number) => `${(share * 100).toFixed(share < 0.1 && share > 0 ? 1 : 0)} %`;
  console.log(`  ${m.rps.value.toFixed(0)} req/s, p50 ${ms(m.p50)} ms, p95 ${ms(m.p95.value)} ms, p99 ${ms(m.p99)} ms, errors ${pct(m.errorRate)}, 429 ${pct(m.rate429)}; pool ${poolCell(report.pool, poolMax)}`);
  console.log(`  /readyz p95 ${ms(report.readyz.p95)} ms (${pct(report.readyz.okShare)} 200), signed-in query p95 ${ms(report.signedIn.p95)} ms (${pct(report.signedIn.okShare)} 200)`);
  if (cpu) console.log(`  CPU (100 % = one core): server ${pct(cpu.server)} (event loop ${pct(cpu.eventLoop)}), PostgreSQL ${pct(cpu.postgres)}, bench ${pct(cpu.bench)}, everything else ${pct(cpu.others)}`);
  for (const f of report.flood ?? []) console.log(`  flood, ${f.name}: ${f.figures.attempts} attempts, ${Object.entries(f.figures.statuses).map(([status, n]) => `${status}: ${n}`).join(', ') || 'no answer'}`);
}

/** The PostgreSQL backends serving the server's database (not the bench's own). */
async function backendPids(url: string): Promise<number[]> {
  const client = new pg.Client({ connectionString: url, application_name: 'opsdesk-bench' });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>(`select pid from pg_stat_activity where datname = current_database() and application_name not like 'opsdesk-bench%'`);
    return rows.map((r) => r.pid);
  } finally {
    await client.end();
  }
}
