// The packed decision log gives back exactly the decisions the router recorded: every venue assessment, null touches,
// ineligible venues, and a venue list that changes between decisions.
import { describe, expect, it } from 'vitest';
import { DecisionLog } from '../../../../src/core/execution/decisionLog';
import type { RouteDecisionRecord } from '../../../../src/core/execution/parentOrder';
import type { VenueAssessment } from '../../../../src/core/execution/routePlanner';

const assessment = (venue: string, over: Partial<VenueAssessment> = {}): VenueAssessment => ({
  venue,
  ineligible: null,
  touch: 100.02,
  displayed: 250,
  takeCostPerShare: 0.0015 + 1e-7,
  restCostPerShare: -0.002,
  fillProbability: 0.35,
  passiveScore: 0.35 / 0.1,
  ...over,
});

const decision = (parentId: string, assessments: VenueAssessment[], time = 1): RouteDecisionRecord => ({
  parentId,
  time,
  reason: 'NEW',
  quantity: 300,
  pricing: { style: 'LIMIT', limitPrice: 100.02, mayRest: true },
  resolved: { limitPrice: 100.02, mayRest: true },
  assessments,
  children: [{ venue: 'SIM-A', quantity: 300, type: 'LIMIT', limitPrice: 100.02, timeInForce: 'IOC', liquidity: 'TAKE', clientOrderId: 'C-1', refused: null }],
  unplaced: 0,
});

describe('DecisionLog', () => {
  it('gives back each decision with the same assessments, in order, per parent', () => {
    const log = new DecisionLog();
    const first = decision('P-1', [assessment('SIM-A'), assessment('SIM-B', { touch: null, displayed: 0, ineligible: 'NO_QUOTE', passiveScore: 0, takeCostPerShare: -0 })]);
    const second = decision('P-1', [assessment('SIM-A', { ineligible: 'DOWN' }), assessment('SIM-B', { restCostPerShare: Infinity, passiveScore: 0 })], 2);
    // Another venue list (a strategy's parent sees its own venue only), then the first list again.
    const other = decision('P-2', [assessment('SIM-C', { ineligible: 'OVER_PACING' })], 3);
    const third = decision('P-1', [assessment('SIM-A', { fillProbability: 0.9 }), assessment('SIM-B')], 4);
    for (const d of [first, second, other, third]) log.record(d);
    expect(log.of('P-1')).toStrictEqual([first, second, third]);
    expect(log.of('P-2')).toStrictEqual([other]);
    expect(Object.is(log.of('P-1')[0]!.assessments[1]!.takeCostPerShare, -0)).toBe(true);
    expect(log.of('P-3')).toEqual([]);
    log.delete('P-1');
    expect(log.of('P-1')).toEqual([]);
    expect(log.of('P-2')).toStrictEqual([other]);
  });
});
