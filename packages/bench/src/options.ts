/** `pnpm bench -- [--only w1,w2,w3,w5,w6,c1,r1,a1,w4,d1,x1,e1,m1] [--quick] [--servers accord,accord-unchecked,accord-without-rules,hocuspocus] [--no-browser]` */
import { parseArgs } from 'node:util';
import { serverKinds, type ServerKind } from './protocol.js';

export type WorkloadName = 'w1' | 'w2' | 'w3' | 'w5' | 'w6' | 'c1' | 'r1' | 'a1' | 'w4' | 'd1' | 'x1' | 'e1' | 'm1';
const workloadNames: readonly WorkloadName[] = ['w1', 'w2', 'w3', 'w5', 'w6', 'c1', 'r1', 'a1', 'w4', 'd1', 'x1', 'e1', 'm1'];

export interface BenchOptions {
  only: WorkloadName[];
  servers: ServerKind[];
  /** False without --servers: then `accord-unchecked` runs on W1 only, `accord-without-rules` on R1 only (see plan.ts). */
  serversChosen: boolean;
  quick: boolean;
  /** C1 without its browser phase (the web editor's key-to-paint). */
  noBrowser: boolean;
}

export const usage = `usage: pnpm bench -- [--only w1,w2,w3,w5,w6,c1,r1,a1,w4,d1,x1,e1,m1] [--servers accord,accord-unchecked,accord-without-rules,hocuspocus] [--quick] [--no-browser]
  --only        workloads to run (default: all); w5 is 150 clients joining a 4 MB document at once,
                w6 500 clients with presence in one room, cursors moving; c1 is comments at scale, r1 the rules of the room's
                cost, a1 accepting an amendment on a 500-paragraph document, w4 the revision
                history at scale (past texts, timeline and compare; Accord only), d1 documents
                in and out (DOCX, redline, PDF and import of a 500-paragraph text, in-process),
                x1 several servers (PostgreSQL and Redis only: skipped without DATABASE_URL or
                when Redis at REDIS_URL, default redis://127.0.0.1:6379, does not answer)
  --servers     servers to run them on (default: accord and hocuspocus on every workload, and
                accord-unchecked, Accord without its schema check, on W1; named here, on every workload).
                R1 runs on accord and accord-without-rules (Accord without the rules of the room)
                only, A1, W4 and D1 on accord only: none has a peer on Hocuspocus
  --quick       short phases and a 20,000-edit W2 and W4 prefix: a smoke run
  --only e1     the web editor in Chromium on a 500-paragraph text with 300 open brackets while
                someone else types (Accord only)
  --only m1     the embedded default's memory at rest: the quick start's server on a fresh PGlite
                directory, first start (created and seeded) and restart, beside Hocuspocus at rest
  --no-browser  C1 and E1 without the web editor in Chromium (skipped anyway when no Chromium is found)`;

export function parseOptions(argv: readonly string[]): BenchOptions {
  // pnpm hands the script a literal `--` before the user's options.
  const args = argv.filter((arg) => arg !== '--');
  const { values } = parseArgs({
    args,
    options: {
      only: { type: 'string' },
      servers: { type: 'string' },
      quick: { type: 'boolean', default: false },
      'no-browser': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) throw new UsageError(usage, 0);
  return {
    only: listOption('--only', values.only, workloadNames),
    servers: listOption('--servers', values.servers, serverKinds),
    serversChosen: values.servers !== undefined,
    quick: values.quick ?? false,
    noBrowser: values['no-browser'] ?? false,
  };
}

export class UsageError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}

function listOption<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T[] {
  if (value === undefined) return [...allowed];
  const items = value.split(',').map((item) => item.trim().toLowerCase()).filter(Boolean);
  const unknown = items.filter((item) => !allowed.includes(item as T));
  if (unknown.length > 0 || items.length === 0) {
    throw new UsageError(`${flag} takes a comma-separated list of ${allowed.join(', ')}; got ${value}\n${usage}`);
  }
  return allowed.filter((item) => items.includes(item));
}
