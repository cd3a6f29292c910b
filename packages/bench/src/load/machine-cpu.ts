/**
 * CPU time beyond the bench's own processes: the whole machine's, and the PostgreSQL backends serving
 * the run's database, whose work is part of the server's cost on PostgreSQL. Linux's /proc; elsewhere
 * the database figure is unknown (null).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { cpus } from 'node:os';

/** Busy CPU time of all cores together, in ms. */
export function machineBusyMs(): number {
  let busy = 0;
  for (const { times } of cpus()) busy += times.user + times.nice + times.sys + times.irq;
  return busy;
}

/** /proc reports in clock ticks, which are 100 per second on every Linux the bench runs on. */
const MS_PER_TICK = 10;

/** CPU time of the PostgreSQL backends connected to `database` (their title names it), in ms. */
export function postgresBackendCpuMs(database: string): number | null {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return null;
  }
  let ticks = 0;
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (!stat.includes('(postgres)')) continue;
      // A backend's title: "postgres: user database host(port) state".
      const title = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!title.split(' ').includes(database)) continue;
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // The process ended meanwhile.
    }
  }
  return ticks * MS_PER_TICK;
}
