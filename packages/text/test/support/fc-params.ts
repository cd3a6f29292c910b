/**
 * Property tests run 200 cases from a fixed seed, so a run is reproducible; FC_SEED explores other
 * seeds and FC_RUNS runs more. A failure report names the seed and path to replay it.
 */
export const fcParams = {
  numRuns: Number(process.env.FC_RUNS ?? 200),
  seed: Number(process.env.FC_SEED ?? 20_250_705),
};
