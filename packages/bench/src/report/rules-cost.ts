/**
 * What the rules of the room cost, per R1 run: server CPU per delivered update with the rules
 * (`accord`) and without them (`accord-without-rules`, a policy that allows everything), measured in
 * the same run with the schema check on in both, and the difference per incoming update: on R1 one
 * incoming update is delivered to N − 1 replicas and classified once, so its share of the policy is
 * (with − without) × deliveries ÷ edits.
 */
import type { RulesVariant } from '../protocol.js';
import type { RulesPolicyInProcess } from '../rules-cost-in-process.js';
import type { WorkloadRun } from './comparison.js';

export interface RulesCostFigure {
  workload: string;
  variant: RulesVariant;
  /** Server CPU µs per delivered update. */
  withRulesUs: number;
  withoutRulesUs: number;
  /** with ÷ without: 1.00 means the rules cost nothing measurable. */
  cost: number;
  /** (with − without) per incoming update, µs: the policy's own time, end to end, within the machine's noise. */
  policyUsPerIncomingUpdate: number;
}

export function rulesCostFigures(runs: readonly WorkloadRun[]): RulesCostFigure[] {
  const figures: RulesCostFigure[] = [];
  for (const run of runs) {
    if (run.spec.kind !== 'r1') continue;
    const withRules = run.results.accord;
    const withoutRules = run.results['accord-without-rules'];
    if (withRules?.kind !== 'r1' || withoutRules?.kind !== 'r1') continue;
    const withRulesUs = withRules.serverCpuUsPerDelivery;
    const withoutRulesUs = withoutRules.serverCpuUsPerDelivery;
    if (!(withRulesUs > 0 && withoutRulesUs > 0 && withRules.edits > 0)) continue;
    figures.push({
      workload: run.title,
      variant: run.spec.variant,
      withRulesUs,
      withoutRulesUs,
      cost: withRulesUs / withoutRulesUs,
      policyUsPerIncomingUpdate: ((withRulesUs - withoutRulesUs) * withRules.deliveries) / withRules.edits,
    });
  }
  return figures;
}

export function describeRulesCost(figure: RulesCostFigure): string {
  return (
    `Rules of the room, ${figure.workload}: server CPU per delivered update ${figure.withRulesUs.toFixed(2)} µs with them, ` +
    `${figure.withoutRulesUs.toFixed(2)} µs without: ${figure.cost.toFixed(2)}×, ` +
    `${figure.policyUsPerIncomingUpdate.toFixed(1)} µs per incoming update (end to end, within the machine's noise; the in-process line below is the policy alone).`
  );
}

export function describeRulesPolicyInProcess(figure: RulesPolicyInProcess): string {
  const full = figure.fullComparisons === 0 ? 'none' : `${figure.fullComparisons.toLocaleString('en-US')} (${Math.round((figure.fullComparisons / figure.updates) * 100)}%)`;
  return (
    `Rules in-process, R1 ${figure.variant}, ${figure.updates.toLocaleString('en-US')} updates: ` +
    `the policy ${figure.policyUs.toFixed(2)} µs of CPU per incoming update (applying one: ${figure.applyUs.toFixed(2)} µs; ` +
    `at N=50, ${(figure.policyUs / 49).toFixed(2)} µs per delivered update); sent on to the full comparison: ${full}; ` +
    `one full comparison on this text: ${figure.fullComparisonUs.toFixed(0)} µs.`
  );
}
