// The indicator registry: every indicator's id, parameters, inputs, outputs and factories, looked up by id.

import { BAR_INDICATORS } from './catalogBars';
import { CLOSE_INDICATORS } from './catalogCloses';
import type { IndicatorDef } from './indicatorDef';

export type { IndicatorDef, ParamDef, ParamProblem } from './indicatorDef';

export const INDICATORS: readonly IndicatorDef[] = [...CLOSE_INDICATORS, ...BAR_INDICATORS];

const BY_ID: ReadonlyMap<string, IndicatorDef> = new Map(INDICATORS.map((d) => [d.id, d]));

export function getIndicator(id: string): IndicatorDef | undefined {
  return BY_ID.get(id.toLowerCase());
}

export function indicatorIds(): string[] {
  return INDICATORS.map((d) => d.id);
}
