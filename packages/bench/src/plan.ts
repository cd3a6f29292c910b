/**
 * The workloads of a run, their phase lengths, and the servers each runs on. The defaults keep a full
 * run within about a quarter of an hour on a 2-core machine (C1 four to eight minutes of it, most of
 * that posting its threads); --quick is a smoke run of the same shapes.
 */
import type { BenchOptions } from './options.js';
import type { RulesVariant, ServerKind, WorkloadSpec } from './protocol.js';

const rulesVariantTitles: Record<RulesVariant, string> = {
  plain: 'typing in a plain paragraph (fast path)',
  brackets: 'typing beside brackets and an agreed paragraph (fast path)',
  'inside-brackets': "deleting characters in another delegation's bracket, typing one in place of each (slow path)",
};

/** `redisUrl`: X1's Redis (whether it answers, and whether PostgreSQL is there, main.ts checks). */
export function planWorkloads(options: BenchOptions, tracePath: string, redisUrl: string): WorkloadSpec[] {
  const quick = options.quick;
  const plan: WorkloadSpec[] = [];
  if (options.only.includes('w1')) {
    for (const editors of [10, 50]) {
      plan.push({
        kind: 'w1',
        editors,
        intervalMs: 200,
        warmupMs: quick ? 2_000 : 5_000,
        steadyMs: quick ? 8_000 : editors === 10 ? 30_000 : 45_000,
      });
    }
  }
  if (options.only.includes('w2')) {
    plan.push({ kind: 'w2', tracePath, editLimit: quick ? 20_000 : null, window: 5_000 });
  }
  if (options.only.includes('w3')) {
    plan.push({
      kind: 'w3',
      rooms: 200,
      clientsPerRoom: 2,
      intervalMs: 1_000,
      warmupMs: quick ? 3_000 : 5_000,
      steadyMs: quick ? 8_000 : 40_000,
    });
  }
  if (options.only.includes('w5')) {
    // 4 MiB of encoded state: paragraphs of about 1,000 characters, 256 kB of text per update.
    plan.push({ kind: 'w5', clients: 150, stateBytes: 4 * 1024 * 1024, paragraphChars: 1_000, chunkBytes: 256 * 1024 });
  }
  if (options.only.includes('w6')) {
    // Everyone present with a caret; a tenth of the room moving it every 1 to 2 s (see the README).
    plan.push({ kind: 'w6', clients: 500, movers: 50, moveMinMs: 1_000, moveMaxMs: 2_000, warmupMs: quick ? 2_000 : 5_000, steadyMs: quick ? 8_000 : 30_000 });
  }
  if (options.only.includes('e1')) {
    // A quick typist in the browser; the other person at a human 5 characters a second.
    plan.push({ kind: 'e1', paragraphs: 500, brackets: 300, keystrokes: quick ? 100 : 300, otherCharsPerSecond: 5, browser: !options.noBrowser });
  }
  if (options.only.includes('c1')) {
    plan.push({
      kind: 'c1',
      paragraphs: 500,
      threads: 2_000,
      replies: 500,
      visibleToTypist: 500,
      listRequests: quick ? 20 : 40,
      viewers: 50,
      comments: quick ? 30 : 100,
      keystrokes: quick ? 100 : 300,
      browser: !options.noBrowser,
    });
  }
  if (options.only.includes('r1')) {
    // W1's room at its headline size, on a rolling text: the fast path twice, then the slow one.
    for (const variant of ['plain', 'brackets', 'inside-brackets'] as const) {
      plan.push({ kind: 'r1', variant, editors: 50, intervalMs: 200, warmupMs: quick ? 2_000 : 5_000, steadyMs: quick ? 8_000 : 30_000 });
    }
  }
  if (options.only.includes('a1')) {
    plan.push({ kind: 'a1', paragraphs: 500, accepts: quick ? 8 : 20 });
  }
  if (options.only.includes('w4')) {
    plan.push({
      kind: 'w4',
      tracePath,
      editLimit: quick ? 20_000 : null,
      window: 5_000,
      randomReads: quick ? 40 : 150,
      checkpointProbes: quick ? 5 : 12,
      sliderSteps: quick ? 20 : 40,
      sliderStride: 50,
      requests: 20,
      paragraphs: 500,
      edits: quick ? 100 : 300,
    });
  }
  if (options.only.includes('d1')) {
    // 20 timed rounds give a p95 below the maximum; Chromium's rounds take seconds, so fewer of them.
    plan.push({ kind: 'd1', paragraphs: 500, edits: 50, warmup: 2, repetitions: quick ? 8 : 20, pdfRepetitions: quick ? 4 : 8, httpRequests: quick ? 4 : 8 });
  }
  if (options.only.includes('x1')) {
    // A fast typist (10 keys a second) and three receivers, as in W1; --quick keeps X1 near 2 minutes.
    plan.push({
      kind: 'x1',
      redisUrl,
      nodes: 3,
      leaseTtlMs: 3_000,
      receivers: 3,
      warmupEdits: quick ? 20 : 50,
      edits: quick ? 150 : 600,
      intervalMs: 100,
      failoverDocuments: quick ? 4 : 8,
      clientsPerDocument: quick ? 2 : 3,
      failoverIntervalMs: 200,
      settleMs: 2_000,
      recoveryTimeoutMs: quick ? 15_000 : 20_000,
    });
  }
  return plan;
}

/**
 * The servers a workload runs on, in this order, back to back. Accord without its schema check is the
 * figure before the check: by default it is measured where the issue asks for it, on W1, and on every
 * workload when named in --servers. Accord without the rules of the room is R1's figure before the
 * rules, by default nowhere else.
 */
export function serversFor(spec: WorkloadSpec, options: BenchOptions): ServerKind[] {
  // R1 keeps the schema check on (it is part of a real server) and measures the rules against their
  // absence; A1 needs the amendments, which only Accord with its rules has; W4 the history, which
  // Hocuspocus does not keep; D1's exports and import are Accord's own (their peers run beside them).
  if (spec.kind === 'r1') return options.servers.filter((kind) => kind === 'accord' || kind === 'accord-without-rules');
  if (spec.kind === 'a1' || spec.kind === 'w4' || spec.kind === 'd1' || spec.kind === 'e1') return options.servers.filter((kind) => kind === 'accord');
  // X1's Hocuspocus runs the one-node room only, the yardstick beside Accord's one node.
  if (spec.kind === 'x1') return options.servers.filter((kind) => kind === 'accord' || kind === 'hocuspocus');
  if (options.serversChosen) return options.servers;
  if (spec.kind === 'w1') return options.servers.filter((kind) => kind !== 'accord-without-rules');
  return options.servers.filter((kind) => kind !== 'accord-unchecked' && kind !== 'accord-without-rules');
}

export function describeWorkload(spec: WorkloadSpec): string {
  switch (spec.kind) {
    case 'w1':
      return `W1 typing room, N=${spec.editors}`;
    case 'w2':
      return 'W2 long history';
    case 'w3':
      return `W3 many rooms, ${spec.rooms}×${spec.clientsPerRoom}`;
    case 'c1':
      return `C1 comments, ${spec.paragraphs} paragraphs × ${spec.threads.toLocaleString('en-US')} threads`;
    case 'r1':
      return `R1 rules of the room, N=${spec.editors} delegates, ${rulesVariantTitles[spec.variant]} (schema check on)`;
    case 'a1':
      return `A1 accepting an amendment, ${spec.paragraphs} paragraphs, ${spec.accepts} accepts`;
    case 'w4':
      return `W4 revision history: ${spec.editLimit === null ? 'the whole trace' : `a ${spec.editLimit.toLocaleString('en-US')}-edit prefix`} as one document's log; compare on ${spec.paragraphs} paragraphs`;
    case 'd1':
      return `D1 documents in and out: DOCX, redline, PDF and import of ${spec.paragraphs} paragraphs (in-process)`;
    case 'w5':
      return `W5 ${spec.clients} clients join a ${spec.stateBytes / 1024 / 1024} MB document at once`;
    case 'w6':
      return `W6 ${spec.clients} clients with presence in one room, ${spec.movers} moving their cursors every ${spec.moveMinMs / 1000}–${spec.moveMaxMs / 1000} s`;
    case 'e1':
      return `E1 the editor while someone else types: ${spec.paragraphs} paragraphs, ${spec.brackets} open brackets`;
    case 'x1':
      return `X1 several servers: one typist (${1000 / spec.intervalMs} edits/s) and ${spec.receivers} receivers, ${spec.edits} measured edits, on PostgreSQL and Redis`;
  }
}
