import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';

/**
 * Where the machine's CPU went during a level (Linux /proc): the server's node process
 * and its event-loop thread (one thread: it saturates at 100 % however many cores there
 * are), the PostgreSQL processes serving it, the bench itself (autocannon shares the
 * machine), and everything else — other people's work on a shared machine. 100 % is one
 * core. Without /proc (not Linux) it reports nothing.
 */
export interface CpuShares {
  cores: number;
  server: number;
  eventLoop: number;
  postgres: number;
  bench: number;
  others: number;
}

const TICKS_PER_SECOND = 100; // USER_HZ, 100 on every Linux the project runs on

interface Snapshot {
  at: number;
  machineBusy: number;
  ticks: Map<number, { comm: string; group: number; ticks: number; mainThread: number }>;
  bench: NodeJS.CpuUsage;
}

/** `serverGroup`: the server's process group; `postgresPids`: backends serving its database. */
export function startCpuSampler(serverGroup: number, postgresPids: () => Promise<number[]>): { stop: () => Promise<CpuShares | null> } {
  const before = snapshot();
  return {
    stop: async () => {
      const after = snapshot();
      if (!before || !after) return null;
      const backends = new Set(await postgresPids().catch(() => []));
      const seconds = (after.at - before.at) / 1000;
      const used = (pick: (p: { comm: string; group: number }, pid: number) => boolean, field: 'ticks' | 'mainThread' = 'ticks') => {
        let ticks = 0;
        for (const [pid, now] of after.ticks) if (pick(now, pid)) ticks += now[field] - (before.ticks.get(pid)?.[field] ?? 0);
        return ticks / TICKS_PER_SECOND / seconds;
      };
      const isServerNode = (p: { comm: string; group: number }) => p.group === serverGroup && p.comm === 'node';
      const isPostgres = (p: { comm: string; group: number }, pid: number) => p.comm.startsWith('postgres') && (p.group === serverGroup || backends.has(pid));
      const server = used(isServerNode);
      const postgres = used(isPostgres);
      const bench = (after.bench.user + after.bench.system - before.bench.user - before.bench.system) / 1e6 / seconds;
      const machine = (after.machineBusy - before.machineBusy) / TICKS_PER_SECOND / seconds;
      return { cores: os.cpus().length, server, eventLoop: used(isServerNode, 'mainThread'), postgres, bench, others: Math.max(0, machine - server - postgres - bench) };
    },
  };
}

function snapshot(): Snapshot | null {
  try {
    const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/);
    const [user, nice, system, , , irq, softirq, steal] = fields.map(Number) as number[];
    const ticks: Snapshot['ticks'] = new Map();
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      const stat = readStat(`/proc/${entry}/stat`);
      if (!stat) continue;
      const mainThread = readStat(`/proc/${entry}/task/${entry}/stat`)?.ticks ?? 0;
      ticks.set(Number(entry), { ...stat, mainThread });
    }
    return { at: performance.now(), machineBusy: user! + nice! + system! + irq! + softirq! + steal!, ticks, bench: process.cpuUsage() };
  } catch {
    return null;
  }
}

/** Fields after the parenthesised command name: state, ppid, pgrp, …, utime (14th), stime (15th). */
function readStat(file: string): { comm: string; group: number; ticks: number } | null {
  try {
    const text = readFileSync(file, 'utf8');
    const comm = text.slice(text.indexOf('(') + 1, text.lastIndexOf(')'));
    const rest = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { comm, group: Number(rest[2]), ticks: Number(rest[11]) + Number(rest[12]) };
  } catch {
    return null;
  }
}
