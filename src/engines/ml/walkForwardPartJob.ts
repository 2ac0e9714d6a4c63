// One part of a walk-forward training fitted by the ML engine on its own (what a research worker runs for a queued
// training): a fold (its training and test rows as typed arrays → its test predictions, and for the last fold the
// permutation importance) or the final fit on every row (→ the model), with src/core/ml's walkForwardParts, the very
// functions a whole training in one place is made of.
import { fitFinal, fitFold, type FoldFit, type Rows, type WalkForwardError } from '../../core/ml/walkForwardParts';
import type { FittedTabular } from '../../core/ml/tabularModel';
import type { WalkForwardSpec } from '../../core/ml/walkForwardTraining';
import { err, ok, type Result } from '../../core/model/result';

/** Row-major rows × features, and one target per row. */
export interface PartRows {
  readonly x: Float64Array;
  readonly y: Float64Array;
}

export type WalkForwardPart =
  | {
      readonly kind: 'fold';
      readonly index: number;
      /** Date indices [from, to) of the training window, for messages. */
      readonly trainDates: { readonly from: number; readonly to: number };
      readonly withImportance: boolean;
      readonly features: number;
      readonly train: PartRows;
      readonly test: PartRows;
      readonly spec: WalkForwardSpec;
    }
  | { readonly kind: 'final'; readonly features: number; readonly rows: PartRows; readonly spec: WalkForwardSpec };

export type WalkForwardPartReply = ({ readonly kind: 'fold'; readonly index: number } & FoldFit) | { readonly kind: 'final'; readonly model: FittedTabular };

function rowsOf(rows: PartRows, features: number, what: string): Result<Rows, WalkForwardError> {
  if (!Number.isInteger(features) || features < 1 || rows.x.length !== rows.y.length * features) {
    return err({ code: 'SHAPE_MISMATCH', message: `${what}: ${rows.x.length} feature values for ${rows.y.length} rows of ${features} features` });
  }
  return ok({ design: { x: rows.x, rows: rows.y.length, features }, y: rows.y });
}

export function runWalkForwardPart(part: WalkForwardPart): Result<WalkForwardPartReply, WalkForwardError> {
  if (part.kind === 'final') {
    const rows = rowsOf(part.rows, part.features, 'the final fit');
    if (!rows.ok) return rows;
    const model = fitFinal(rows.value, part.spec);
    return model.ok ? ok({ kind: 'final', model: model.value }) : model;
  }
  const train = rowsOf(part.train, part.features, `fold ${part.index + 1}'s training rows`);
  if (!train.ok) return train;
  const test = rowsOf(part.test, part.features, `fold ${part.index + 1}'s test rows`);
  if (!test.ok) return test;
  const fit = fitFold(train.value, test.value, part.spec, part, part.withImportance);
  return fit.ok ? ok({ kind: 'fold', index: part.index, ...fit.value }) : fit;
}
