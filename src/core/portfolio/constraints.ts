// Weight constraints (long-only or long-short, bounds, sector/currency caps, turnover, gross leverage) as QP rows.
import { err, ok, type Result } from '../model/result';
import { infeasible, invalidInput, type PortfolioError } from './errors';
import type { LinearRow } from './qpSolver';

/** A cap on the net weight of a group of assets (a sector or a currency): |Σ w_i| ≤ max. */
export interface GroupCap {
  readonly kind: 'sector' | 'currency';
  readonly name: string;
  /** Asset indices in the group. */
  readonly members: readonly number[];
  readonly max: number;
}

export interface WeightConstraints {
  /** w ≥ 0 when true; otherwise weights may be negative (long-short). */
  readonly longOnly: boolean;
  /** Lower bound on every weight, or one per asset. */
  readonly minWeight?: number | readonly number[];
  /** Upper bound on every weight, or one per asset. */
  readonly maxWeight?: number | readonly number[];
  readonly groups?: readonly GroupCap[];
  /** Σ|w − current| ≤ max (one-way turnover measured on both sides, as a fraction of equity). */
  readonly turnover?: { readonly current: Float64Array; readonly max: number };
  /** Σ|w| ≤ grossLeverage (long-short only; a long-only book is always at 1). */
  readonly grossLeverage?: number;
}

/** The variables of a constrained programme: weights first, then the auxiliary |·| bounds. */
export interface ConstraintRows {
  readonly variables: number;
  readonly auxiliary: number;
  readonly budget: LinearRow;
  readonly inequalities: readonly LinearRow[];
}

const bound = (v: number | readonly number[] | undefined, i: number): number | undefined => (v === undefined ? undefined : typeof v === 'number' ? v : v[i]);

/** Checks the constraints' own values and the infeasibilities that can be named before solving. */
export function validateConstraints(n: number, c: WeightConstraints): Result<void, PortfolioError> {
  for (const [name, v] of [['minWeight', c.minWeight], ['maxWeight', c.maxWeight]] as const) {
    if (v === undefined) continue;
    if (typeof v !== 'number' && v.length !== n) return err(invalidInput(name, `${v.length} bounds for ${n} assets`));
    for (let i = 0; i < n; i++) if (!Number.isFinite(bound(v, i))) return err(invalidInput(typeof v === 'number' ? name : `${name}[${i}]`, `must be a finite number, got ${bound(v, i)}`));
  }
  let sumLo = 0;
  let sumHi = 0;
  for (let i = 0; i < n; i++) {
    const lo = Math.max(bound(c.minWeight, i) ?? -Infinity, c.longOnly ? 0 : -Infinity);
    const hi = bound(c.maxWeight, i) ?? Infinity;
    if (lo > hi) return err(infeasible(`weight[${i}]`, `asset ${i}: the lower bound ${lo} is above the upper bound ${hi}`));
    sumLo += lo;
    sumHi += hi;
  }
  if (sumHi < 1 - 1e-12) return err(infeasible('maxWeight', `the upper bounds sum to ${sumHi.toFixed(6)} < 1: the weights cannot sum to 1 (${n} assets)`));
  if (sumLo > 1 + 1e-12) return err(infeasible('minWeight', `the lower bounds sum to ${sumLo.toFixed(6)} > 1: the weights cannot sum to 1`));
  let capped = 0;
  const inGroup = new Set<number>();
  for (const g of c.groups ?? []) {
    if (!Number.isFinite(g.max) || g.max < 0) return err(invalidInput(`${g.kind}Caps.${g.name}`, `must be a finite number ≥ 0, got ${g.max}`));
    for (const m of g.members) if (!Number.isInteger(m) || m < 0 || m >= n) return err(invalidInput(`${g.kind}Caps.${g.name}`, `member ${m} is not an asset index`));
    if (g.kind === 'sector') {
      capped += g.max;
      for (const m of g.members) inGroup.add(m);
    }
  }
  if (c.longOnly && c.groups && inGroup.size === n && capped < 1 - 1e-12) return err(infeasible('sectorCaps', `every asset is in a capped sector and the caps sum to ${capped.toFixed(6)} < 1`));
  if (c.turnover) {
    const t = c.turnover;
    if (!Number.isFinite(t.max) || t.max < 0) return err(invalidInput('turnover.max', `must be a finite number ≥ 0, got ${t.max}`));
    if (t.current.length !== n) return err(invalidInput('turnover.current', `${t.current.length} current weights for ${n} assets`));
    for (let i = 0; i < n; i++) if (!Number.isFinite(t.current[i])) return err(invalidInput(`turnover.current[${i}]`, 'must be finite'));
  }
  if (c.grossLeverage !== undefined) {
    if (!Number.isFinite(c.grossLeverage) || c.grossLeverage <= 0) return err(invalidInput('grossLeverage', `must be a finite number > 0, got ${c.grossLeverage}`));
    if (c.grossLeverage < 1 - 1e-12) return err(infeasible('grossLeverage', `a gross leverage cap of ${c.grossLeverage} is below 1, but the weights must sum to 1`));
  }
  return ok(undefined);
}

/** Builds the budget row (Σw = 1) and every inequality row over [w, |w| bounds, |w − w₀| bounds]. */
export function constraintRows(n: number, c: WeightConstraints): ConstraintRows {
  const useGross = !c.longOnly && c.grossLeverage !== undefined;
  const grossAt = n;
  const turnAt = n + (useGross ? n : 0);
  const variables = turnAt + (c.turnover ? n : 0);
  const row = (label: string, b: number, fill: (a: Float64Array) => void): LinearRow => {
    const a = new Float64Array(variables);
    fill(a);
    return { a, b, label };
  };
  const budget = row('budget', 1, (a) => a.fill(1, 0, n));
  const rows: LinearRow[] = [];
  for (let i = 0; i < n; i++) {
    const lo = Math.max(bound(c.minWeight, i) ?? -Infinity, c.longOnly ? 0 : -Infinity);
    const hi = bound(c.maxWeight, i);
    if (lo > -Infinity) rows.push(row(c.longOnly && lo === 0 ? 'longOnly' : 'minWeight', lo, (a) => (a[i] = 1)));
    if (hi !== undefined) rows.push(row('maxWeight', -hi, (a) => (a[i] = -1)));
  }
  for (const g of c.groups ?? []) {
    const label = `${g.kind}Caps.${g.name}`;
    rows.push(row(label, -g.max, (a) => g.members.forEach((m) => (a[m] = -1))));
    if (!c.longOnly) rows.push(row(label, -g.max, (a) => g.members.forEach((m) => (a[m] = 1))));
  }
  if (useGross) {
    for (let i = 0; i < n; i++) {
      rows.push(row('grossLeverage', 0, (a) => ((a[grossAt + i] = 1), (a[i] = -1))));
      rows.push(row('grossLeverage', 0, (a) => ((a[grossAt + i] = 1), (a[i] = 1))));
    }
    rows.push(row('grossLeverage', -c.grossLeverage!, (a) => a.fill(-1, grossAt, grossAt + n)));
  }
  if (c.turnover) {
    const w0 = c.turnover.current;
    for (let i = 0; i < n; i++) {
      rows.push(row('turnover', -w0[i]!, (a) => ((a[turnAt + i] = 1), (a[i] = -1))));
      rows.push(row('turnover', w0[i]!, (a) => ((a[turnAt + i] = 1), (a[i] = 1))));
    }
    rows.push(row('turnover', -c.turnover.max, (a) => a.fill(-1, turnAt, turnAt + n)));
  }
  return { variables, auxiliary: variables - n, budget, inequalities: rows };
}

/** True when the constraints are nothing but Σw = 1 and w ≥ 0 (or nothing for long-short): what risk parity and HRP accept. */
export const onlyLongOnly = (c: WeightConstraints): boolean =>
  c.minWeight === undefined && c.maxWeight === undefined && !c.groups?.length && !c.turnover && c.grossLeverage === undefined;
