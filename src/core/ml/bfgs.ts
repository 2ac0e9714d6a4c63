// Unconstrained quasi-Newton minimisation (BFGS with a backtracking Armijo line search) for small parameter vectors.

/** The objective's value at `x`, with its gradient written into `grad`. Non-finite values mean "outside the domain". */
export type Objective = (x: Float64Array, grad: Float64Array) => number;

export interface BfgsOptions {
  /** Stop when every gradient component is at most this in absolute value. */
  readonly gradientTolerance: number;
  readonly maxIterations: number;
}

export interface BfgsResult {
  readonly x: Float64Array;
  readonly value: number;
  readonly gradient: Float64Array;
  readonly iterations: number;
  /** Whether the gradient tolerance was met (false: iteration limit, or the line search could not improve). */
  readonly converged: boolean;
}

const maxAbs = (v: Float64Array): number => v.reduce((m, x) => Math.max(m, Math.abs(x)), 0);

export function minimizeBfgs(objective: Objective, start: Float64Array, options: BfgsOptions): BfgsResult {
  const n = start.length;
  let x = Float64Array.from(start);
  let g = new Float64Array(n);
  let f = objective(x, g);
  if (!Number.isFinite(f) || !g.every(Number.isFinite)) return { x, value: f, gradient: g, iterations: 0, converged: false };
  // Inverse Hessian approximation, row-major, started at the identity and rescaled after the first step.
  const hInv = new Float64Array(n * n);
  for (let i = 0; i < n; i++) hInv[i * n + i] = 1;
  const direction = new Float64Array(n);
  const s = new Float64Array(n);
  const y = new Float64Array(n);
  const hy = new Float64Array(n);
  let xNew = new Float64Array(n);
  let gNew = new Float64Array(n);
  for (let iter = 0; iter < options.maxIterations; iter++) {
    if (maxAbs(g) <= options.gradientTolerance) return { x, value: f, gradient: g, iterations: iter, converged: true };
    let slope = 0;
    for (let i = 0; i < n; i++) {
      let d = 0;
      for (let j = 0; j < n; j++) d -= hInv[i * n + j]! * g[j]!;
      direction[i] = d;
      slope += d * g[i]!;
    }
    if (!(slope < 0)) {
      // Not a descent direction (the approximation lost positive definiteness): restart from steepest descent.
      hInv.fill(0);
      for (let i = 0; i < n; i++) hInv[i * n + i] = 1;
      slope = 0;
      for (let i = 0; i < n; i++) {
        direction[i] = -g[i]!;
        slope -= g[i]! * g[i]!;
      }
    }
    let step = 1;
    let fNew = Infinity;
    for (let tries = 0; tries < 60; tries++) {
      for (let i = 0; i < n; i++) xNew[i] = x[i]! + step * direction[i]!;
      fNew = objective(xNew, gNew);
      if (Number.isFinite(fNew) && fNew <= f + 1e-4 * step * slope && gNew.every(Number.isFinite)) break;
      fNew = Infinity;
      step *= 0.5;
    }
    if (!Number.isFinite(fNew)) return { x, value: f, gradient: g, iterations: iter, converged: maxAbs(g) <= options.gradientTolerance * 100 };
    let sy = 0;
    let yy = 0;
    for (let i = 0; i < n; i++) {
      s[i] = xNew[i]! - x[i]!;
      y[i] = gNew[i]! - g[i]!;
      sy += s[i]! * y[i]!;
      yy += y[i]! * y[i]!;
    }
    if (sy > 1e-14 * Math.sqrt(yy) * maxAbs(s)) {
      if (iter === 0) {
        const scale = sy / yy;
        for (let i = 0; i < n * n; i++) hInv[i] = hInv[i]! * scale;
      }
      let yhy = 0;
      for (let i = 0; i < n; i++) {
        let v = 0;
        for (let j = 0; j < n; j++) v += hInv[i * n + j]! * y[j]!;
        hy[i] = v;
        yhy += y[i]! * v;
      }
      const rho = 1 / sy;
      const c = (1 + yhy * rho) * rho;
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) hInv[i * n + j] = hInv[i * n + j]! + c * s[i]! * s[j]! - rho * (hy[i]! * s[j]! + s[i]! * hy[j]!);
      }
    }
    [x, xNew] = [xNew, x];
    [g, gNew] = [gNew, g];
    f = fNew;
  }
  return { x, value: f, gradient: g, iterations: options.maxIterations, converged: maxAbs(g) <= options.gradientTolerance };
}

/** Solves A·x = b for a small dense symmetric system by Gaussian elimination with partial pivoting; undefined if singular. */
function solveDense(a: Float64Array, b: Float64Array, n: number): Float64Array | undefined {
  const m = Float64Array.from(a);
  const x = Float64Array.from(b);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r * n + col]!) > Math.abs(m[pivot * n + col]!)) pivot = r;
    if (!(Math.abs(m[pivot * n + col]!) > 0)) return undefined;
    if (pivot !== col) {
      for (let c = 0; c < n; c++) [m[col * n + c], m[pivot * n + c]] = [m[pivot * n + c]!, m[col * n + c]!];
      [x[col], x[pivot]] = [x[pivot]!, x[col]!];
    }
    for (let r = col + 1; r < n; r++) {
      const factor = m[r * n + col]! / m[col * n + col]!;
      for (let c = col; c < n; c++) m[r * n + c] = m[r * n + c]! - factor * m[col * n + c]!;
      x[r] = x[r]! - factor * x[col]!;
    }
  }
  for (let r = n - 1; r >= 0; r--) {
    let v = x[r]!;
    for (let c = r + 1; c < n; c++) v -= m[r * n + c]! * x[c]!;
    x[r] = v / m[r * n + r]!;
  }
  return x.every(Number.isFinite) ? x : undefined;
}

/**
 * Newton steps on the gradient, with the Hessian from central differences of the analytic gradient. Why: near the
 * optimum the objective's decrease (~gradient²) falls below float resolution, so a line search on function values
 * stalls while the gradient itself is still accurate; Newton on the gradient then converges in a step or two.
 * A step is kept only when it shrinks the largest gradient component.
 */
export function polishNewton(objective: Objective, from: BfgsResult, options: BfgsOptions, maxSteps = 8): BfgsResult {
  const n = from.x.length;
  let { x, value, gradient } = from;
  let iterations = from.iterations;
  const hessian = new Float64Array(n * n);
  const gUp = new Float64Array(n);
  const gDown = new Float64Array(n);
  for (let stepCount = 0; stepCount < maxSteps && maxAbs(gradient) > options.gradientTolerance; stepCount++) {
    for (let j = 0; j < n; j++) {
      const h = 1e-5 * Math.max(1, Math.abs(x[j]!));
      const up = Float64Array.from(x);
      const down = Float64Array.from(x);
      up[j] = x[j]! + h;
      down[j] = x[j]! - h;
      objective(up, gUp);
      objective(down, gDown);
      for (let i = 0; i < n; i++) hessian[i * n + j] = (gUp[i]! - gDown[i]!) / (2 * h);
    }
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < i; j++) hessian[i * n + j] = hessian[j * n + i] = 0.5 * (hessian[i * n + j]! + hessian[j * n + i]!);
    }
    const delta = solveDense(hessian, gradient, n);
    if (!delta) break;
    const next = Float64Array.from(x, (v, i) => v - delta[i]!);
    const gNext = new Float64Array(n);
    const fNext = objective(next, gNext);
    iterations++;
    if (!Number.isFinite(fNext) || !(maxAbs(gNext) < maxAbs(gradient))) break;
    x = next;
    value = fNext;
    gradient = gNext;
  }
  return { x, value, gradient, iterations, converged: maxAbs(gradient) <= options.gradientTolerance };
}
