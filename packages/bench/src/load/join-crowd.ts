/**
 * W5's join: `count` clients start at the same moment, each timed from its start until its `join`
 * resolves, with the server's peak RSS sampled and the CPU measured over the whole crowd.
 */
import type { CrowdJoin } from '../protocol.js';
import { distribution } from '../stats.js';
import type { WorkloadContext } from '../workloads/context.js';

const RSS_SAMPLE_MS = 50;

export async function joinCrowd<T>(
  context: WorkloadContext,
  count: number,
  join: (i: number) => Promise<T>,
): Promise<{ joined: Array<T | null>; figures: CrowdJoin }> {
  const before = await context.orchestrator.call('serverUsage', null);
  let peakRss = before.rssBytes;
  const sampling = { on: true };
  const sampler = (async () => {
    while (sampling.on) {
      const usage = await context.orchestrator.call('serverUsage', null);
      peakRss = Math.max(peakRss, usage.rssBytes);
      await new Promise((resolve) => setTimeout(resolve, RSS_SAMPLE_MS));
    }
  })();

  const phase = await context.startPhase();
  const crowdStart = performance.now();
  const failures: string[] = [];
  const times: number[] = [];
  const joined = await Promise.all(
    Array.from({ length: count }, async (_, i): Promise<T | null> => {
      const start = performance.now();
      try {
        const value = await join(i);
        times.push(performance.now() - start);
        return value;
      } catch (error) {
        failures.push(error instanceof Error ? error.message : String(error));
        return null;
      }
    }),
  );
  const joinSeconds = (performance.now() - crowdStart) / 1000;
  const usage = await phase.stop();
  sampling.on = false;
  await sampler;
  return {
    joined,
    figures: {
      untilMs: distribution(times),
      failed: failures.length,
      failures: failures.slice(0, 5),
      joinSeconds,
      serverRssBeforeBytes: before.rssBytes,
      serverPeakRssBytes: peakRss,
      phase: usage,
    },
  };
}
