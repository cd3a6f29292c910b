/** How busy the load generator itself was over a phase: a saturated generator measures itself. */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { GeneratorLoad } from '../protocol.js';

const SATURATED_CORE_FRACTION = 0.85;

export function startGeneratorLoad(): { stop(): GeneratorLoad } {
  const cpuStart = process.cpuUsage();
  const wallStart = performance.now();
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  return {
    stop: () => {
      loopDelay.disable();
      const cpu = process.cpuUsage(cpuStart);
      const cpuMs = (cpu.user + cpu.system) / 1000;
      const wallMs = performance.now() - wallStart;
      const coreFraction = cpuMs / wallMs;
      return {
        cpuMs,
        wallMs,
        coreFraction,
        saturated: coreFraction > SATURATED_CORE_FRACTION,
        loopDelayP99Ms: loopDelay.percentile(99) / 1e6,
      };
    },
  };
}
