/** Opening many replicas, a few at a time: a stampede of handshakes is not what the workloads measure. */
import type { BenchConnection, BenchDocument, Driver } from './driver.js';

export interface Replica {
  connection: BenchConnection;
  document: BenchDocument;
}

export async function openReplicas(
  driver: Driver,
  wanted: ReadonlyArray<{ document: string; seat: number }>,
  concurrency = 16,
): Promise<Replica[]> {
  const replicas: Replica[] = Array.from({ length: wanted.length });
  let next = 0;
  const worker = async () => {
    while (next < wanted.length) {
      const i = next++;
      const connection = await driver.connect(wanted[i]!.seat);
      replicas[i] = { connection, document: await connection.open(wanted[i]!.document) };
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, wanted.length) }, worker));
  return replicas;
}

export function closeReplicas(replicas: readonly Replica[]): void {
  for (const { connection, document } of replicas) {
    document.close();
    connection.close();
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls until `done` or the deadline; says which. */
export async function waitUntil(done: () => boolean, timeoutMs: number, everyMs = 20): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (!done()) {
    if (performance.now() > deadline) return false;
    await sleep(everyMs);
  }
  return true;
}
