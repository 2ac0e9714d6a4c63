// The closed set of reasons a model refuses its input or its fit, shared by every model in src/core/ml.

export type MlInputError =
  | { readonly code: 'TOO_FEW_OBSERVATIONS'; readonly observations: number; readonly minimum: number; readonly message: string }
  | { readonly code: 'NON_FINITE_VALUE'; readonly index: number; readonly value: number; readonly message: string }
  | { readonly code: 'CONSTANT_SERIES'; readonly message: string }
  | { readonly code: 'CONSTANT_FEATURE'; readonly feature: number; readonly message: string }
  | { readonly code: 'SHAPE_MISMATCH'; readonly message: string }
  | { readonly code: 'NON_POSITIVE_PRICE'; readonly index: number; readonly value: number; readonly message: string }
  | { readonly code: 'BAD_OPTION'; readonly option: string; readonly message: string }
  | { readonly code: 'NOT_CONVERGED'; readonly iterations: number; readonly message: string }
  | { readonly code: 'CANCELLED'; readonly message: string };

export type MlInputErrorCode = MlInputError['code'];

/** The first problem with a return series a model needs at least `minimum` finite, non-constant values of. */
export function checkSeries(values: ArrayLike<number>, minimum: number, what: string): MlInputError | undefined {
  if (values.length < minimum) {
    return { code: 'TOO_FEW_OBSERVATIONS', observations: values.length, minimum, message: `${what} needs at least ${minimum} observations, got ${values.length}` };
  }
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) return { code: 'NON_FINITE_VALUE', index: i, value: v, message: `observation ${i} is ${v}, not a finite number` };
  }
  const first = values[0]!;
  let constant = true;
  for (let i = 1; i < values.length && constant; i++) constant = values[i] === first;
  if (constant) return { code: 'CONSTANT_SERIES', message: `all ${values.length} observations equal ${first}: ${what} needs a series that varies` };
  return undefined;
}
