/**
 * W2: a long editing history sent as one update per edit from one client, as fast as the server
 * acknowledges (at most `window` edits unacknowledged); then a server restart and a new client's
 * open of the whole history.
 */
import type { Driver } from '../load/driver.js';
import { loadEditingTrace } from '../load/editing-trace.js';
import { ingestTrace } from '../load/ingest-trace.js';
import { plainText } from '../load/rolling-text.js';
import type { LongHistoryResult, WorkloadSpec } from '../protocol.js';
import type { WorkloadContext } from './context.js';

type Spec = Extract<WorkloadSpec, { kind: 'w2' }>;

export async function longHistory(context: WorkloadContext, spec: Spec): Promise<LongHistoryResult> {
  const { driver, progress } = context;
  const trace = loadEditingTrace(spec.tracePath, spec.editLimit);
  await progress(`${trace.source} trace, ${trace.patches.length} edits`);
  const [name] = await driver.createDocuments(1, 'w2');

  const writer = await driver.connect(0);
  const document = await writer.open(name!);
  // Accord: one paragraph of the rolling text receives the whole trace; its creation is not measured.
  const text = document.typingText();
  await document.whenAcknowledged();
  const ingest = await context.startPhase();
  const ingestMs = await ingestTrace(document, text, trace.patches, spec.window);
  const phase = await ingest.stop();
  const written = plainText(text);
  document.close();
  writer.close();
  await progress(`ingested in ${(ingestMs / 1000).toFixed(1)} s; restarting the server`);

  const { url } = await context.orchestrator.call('restartServer', null);
  driver.setUrl(url);
  const reopen = await timeOpen(driver, name!, 1);
  const warm = await timeOpen(driver, name!, 2);
  const reopenedText = plainText(reopen.document.typingText());
  reopen.document.close();
  reopen.connection.close();
  warm.document.close();
  warm.connection.close();

  return {
    kind: 'w2',
    trace: {
      source: trace.source,
      edits: trace.patches.length,
      prefixOnly: trace.source === 'automerge-paper' && trace.endContent === null,
      finalLength: written.length,
    },
    acknowledgement: driver.acknowledgement,
    ingestSeconds: ingestMs / 1000,
    updatesPerSecond: trace.patches.length / (ingestMs / 1000),
    serverCpuUsPerUpdate: phase.serverCpuUs / trace.patches.length,
    databaseCpuUsPerUpdate: phase.databaseCpuUs === null ? null : phase.databaseCpuUs / trace.patches.length,
    localTextMatchesTrace: trace.endContent === null ? null : written === trace.endContent,
    reopen: {
      connectMs: reopen.connectMs,
      openMs: reopen.openMs,
      textMatches: reopenedText === written && (trace.endContent === null || reopenedText === trace.endContent),
      warmOpenMs: warm.openMs,
    },
    serverRssBytes: phase.server.rssBytes,
    phase,
  };
}

async function timeOpen(driver: Driver, name: string, seat: number) {
  const t0 = performance.now();
  const connection = await driver.connect(seat);
  const t1 = performance.now();
  const document = await connection.open(name);
  const t2 = performance.now();
  return { connection, document, connectMs: t1 - t0, openMs: t2 - t1 };
}
