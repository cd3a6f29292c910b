/**
 * The load generator: a child process holding every client of one workload run, so that latency is
 * read on one clock and neither the orchestrator nor the server shares its CPU.
 */
import { Rpc, parentChannel } from '../ipc.js';
import { isAccord, type GeneratorApi, type OrchestratorApi, type ServerKind, type WorkloadResult, type WorkloadSpec } from '../protocol.js';
import type { WorkloadContext } from '../workloads/context.js';
import { commentsAtScale } from '../workloads/c1-comments.js';
import { typingRoom } from '../workloads/w1-typing-room.js';
import { longHistory } from '../workloads/w2-long-history.js';
import { manyRooms } from '../workloads/w3-many-rooms.js';
import { rulesOfTheRoom } from '../workloads/r1-rules-of-the-room.js';
import { amendmentAccepts } from '../workloads/a1-amendment-accepts.js';
import { historyAtScale } from '../workloads/w4-history.js';
import { documentsInAndOut } from '../workloads/d1-documents.js';
import { severalServers } from '../workloads/x1-several-servers.js';
import { joinLargeDocument } from '../workloads/w5-join-large-document.js';
import { presenceRoom } from '../workloads/w6-presence.js';
import { editorWhileOthersType } from '../workloads/e1-editor-typing.js';
import { AccordDriver } from './accord-driver.js';
import { probeContentCheck } from './content-check-probe.js';
import { probeRules } from './rules-probe.js';
import type { Driver } from './driver.js';
import { HocuspocusDriver } from './hocuspocus-driver.js';
import { startPhase } from './phase-meter.js';

const api: GeneratorApi = {
  run: async ({ server, url, workload, databaseName }) => {
    const context: WorkloadContext = {
      server,
      url,
      driver: await createDriver(server, url),
      orchestrator,
      startPhase: () => startPhase(orchestrator, databaseName),
      progress: (message) => orchestrator.call('progress', { message }),
    };
    return runWorkload(context, workload);
  },
  probeContentCheck: ({ url }) => probeContentCheck(url),
  probeRules: ({ url }) => probeRules(url),
};
const orchestrator = new Rpc<OrchestratorApi>(parentChannel(), api);
process.once('disconnect', () => process.exit(0));
// The orchestrator ends the generator with SIGTERM: exit normally, so a --cpu-prof (BENCH_GENERATOR_EXEC_ARGV) is written.
process.once('SIGTERM', () => process.exit(0));

function createDriver(server: ServerKind, url: string): Promise<Driver> {
  return isAccord(server) ? AccordDriver.create(url) : Promise.resolve(new HocuspocusDriver(url));
}

function runWorkload(context: WorkloadContext, workload: WorkloadSpec): Promise<WorkloadResult> {
  switch (workload.kind) {
    case 'w1':
      return typingRoom(context, workload);
    case 'w2':
      return longHistory(context, workload);
    case 'w3':
      return manyRooms(context, workload);
    case 'c1':
      return commentsAtScale(context, workload);
    case 'r1':
      return rulesOfTheRoom(context, workload);
    case 'a1':
      return amendmentAccepts(context, workload);
    case 'w4':
      return historyAtScale(context, workload);
    case 'd1':
      return documentsInAndOut(context, workload);
    case 'x1':
      return severalServers(context, workload);
    case 'w5':
      return joinLargeDocument(context, workload);
    case 'w6':
      return presenceRoom(context, workload);
    case 'e1':
      return editorWhileOthersType(context, workload);
  }
}
