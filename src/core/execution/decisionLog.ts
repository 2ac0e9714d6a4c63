// The smart router's kept routing decisions, per parent: each venue assessment packed as numbers (a decision per child
// order is kept for the parent's life), and the readable RouteDecisionRecord rebuilt whole when someone asks "why".
import type { ClientOrderId } from '../model/ids';
import type { RouteDecisionRecord } from './parentOrder';
import type { Ineligibility, VenueAssessment } from './routePlanner';

/** Numbers kept per venue, in this order; a null touch is kept as NaN. */
const FIELDS = 6;

interface PackedDecision extends Omit<RouteDecisionRecord, 'assessments'> {
  readonly venues: readonly string[];
  /** Per venue: touch, displayed, takeCostPerShare, restCostPerShare, fillProbability, passiveScore (unboxed doubles). */
  readonly numbers: readonly number[];
  /** Per venue, or null when every venue was eligible (the usual case). */
  readonly ineligible: readonly (Ineligibility | null)[] | null;
}

export class DecisionLog {
  private readonly byParent = new Map<ClientOrderId, PackedDecision[]>();
  /** The venue names of the last decision, shared by the next ones while the venues are the same. */
  private venues: readonly string[] = [];

  record(decision: RouteDecisionRecord): void {
    const { assessments } = decision;
    const n = assessments.length;
    // A plain array of doubles: cheaper to make than a small typed array, and as cheap for the collector.
    const numbers: number[] = [];
    let sameVenues = n === this.venues.length;
    let ineligible: (Ineligibility | null)[] | null = null;
    for (let i = 0; i < n; i++) {
      const a = assessments[i] as VenueAssessment;
      numbers.push(a.touch ?? NaN, a.displayed, a.takeCostPerShare, a.restCostPerShare, a.fillProbability, a.passiveScore);
      if (sameVenues && this.venues[i] !== a.venue) sameVenues = false;
      if (a.ineligible !== null) (ineligible ??= new Array<Ineligibility | null>(n).fill(null))[i] = a.ineligible;
    }
    if (!sameVenues) this.venues = assessments.map((a) => a.venue);
    let log = this.byParent.get(decision.parentId);
    if (!log) this.byParent.set(decision.parentId, (log = []));
    const { parentId, time, reason, quantity, pricing, resolved, children, unplaced } = decision;
    log.push({ parentId, time, reason, quantity, pricing, resolved, children, unplaced, venues: this.venues, numbers, ineligible });
  }

  /** The parent's decisions, oldest first, as the trader reads them. */
  of(parentId: ClientOrderId): readonly RouteDecisionRecord[] {
    return (this.byParent.get(parentId) ?? []).map(unpack);
  }

  delete(parentId: ClientOrderId): void {
    this.byParent.delete(parentId);
  }
}

function unpack(packed: PackedDecision): RouteDecisionRecord {
  const { venues, numbers, ineligible } = packed;
  const assessments: VenueAssessment[] = venues.map((venue, i) => {
    const o = i * FIELDS;
    const touch = numbers[o] as number;
    return {
      venue,
      ineligible: ineligible?.[i] ?? null,
      touch: Number.isNaN(touch) ? null : touch,
      displayed: numbers[o + 1] as number,
      takeCostPerShare: numbers[o + 2] as number,
      restCostPerShare: numbers[o + 3] as number,
      fillProbability: numbers[o + 4] as number,
      passiveScore: numbers[o + 5] as number,
    };
  });
  const { parentId, time, reason, quantity, pricing, resolved, children, unplaced } = packed;
  return { parentId, time, reason, quantity, pricing, resolved, assessments, children, unplaced };
}
