// Goldfarb-Idnani's dual active-set method for strictly convex QPs: R quadprog's qpgen2 (Turlach's Fortran) on Float64Arrays.
// min ½xᵀDx − dᵀx s.t. A[:,k]ᵀx = b_k (k < meq), A[:,k]ᵀx ≥ b_k (k ≥ meq). Matrices are column-major so every inner loop
// walks contiguous memory; vectors keep the Fortran's 1-based indexing (slot 0 unused) so the port reads line for line.

/** The problem: D (n×n, symmetric positive definite, row- or column-major alike), A column-major n×q (one column per constraint). */
export interface DenseQp {
  readonly n: number;
  readonly D: Float64Array;
  readonly d: Float64Array;
  readonly q: number;
  readonly A: Float64Array;
  readonly b: Float64Array;
  readonly meq: number;
}

export type DenseQpStatus = 'OK' | 'INCONSISTENT' | 'NOT_POSITIVE_DEFINITE';

export interface DenseQpSolution {
  readonly status: DenseQpStatus;
  readonly solution: Float64Array;
  /** ½xᵀDx − dᵀx at the solution. */
  readonly value: number;
  /** One multiplier per constraint (0 for inactive ones). */
  readonly lagrangian: Float64Array;
  /** The active constraints (0-based) when it stopped: at the solution, or the set that proved infeasibility. */
  readonly active: Int32Array;
  /** Constraints added, and dropped, along the way. */
  readonly iterations: readonly [number, number];
}

/** The smallest power-of-two-ish ε with 1 + 0.1ε > 1, as quadprog's vsmall. */
const VSMALL = (() => {
  let e = 1e-60;
  while (1 + 0.1 * e <= 1 || 1 + 0.2 * e <= 1) e += e;
  return e;
})();

/** Upper Cholesky factor R (D = RᵀR) in place, column-major; false when D is not positive definite (LINPACK dpofa). */
function choleskyUpper(a: Float64Array, n: number): boolean {
  for (let j = 0; j < n; j++) {
    const cj = j * n;
    let s = 0;
    for (let k = 0; k < j; k++) {
      const ck = k * n;
      let t = a[k + cj]!;
      for (let i = 0; i < k; i++) t -= a[i + cj]! * a[i + ck]!;
      t /= a[k + ck]!;
      a[k + cj] = t;
      s += t * t;
    }
    s = a[j + cj]! - s;
    if (s <= 0) return false;
    a[j + cj] = Math.sqrt(s);
  }
  return true;
}

/** Solves RᵀR x = b in place (LINPACK dposl); b is 1-based. */
function choleskySolveInPlace(a: Float64Array, n: number, b: Float64Array): void {
  for (let k = 0; k < n; k++) {
    const ck = k * n;
    let t = 0;
    for (let i = 0; i < k; i++) t += a[i + ck]! * b[i + 1]!;
    b[k + 1] = (b[k + 1]! - t) / a[k + ck]!;
  }
  for (let k = n - 1; k >= 0; k--) {
    const ck = k * n;
    b[k + 1] = b[k + 1]! / a[k + ck]!;
    const t = -b[k + 1]!;
    for (let i = 0; i < k; i++) b[i + 1] = b[i + 1]! + t * a[i + ck]!;
  }
}

/** R ← R⁻¹ in place, upper triangular (LINPACK dpori). */
function invertUpper(a: Float64Array, n: number): void {
  for (let k = 0; k < n; k++) {
    const ck = k * n;
    a[k + ck] = 1 / a[k + ck]!;
    const t = -a[k + ck]!;
    for (let i = 0; i < k; i++) a[i + ck] = a[i + ck]! * t;
    for (let j = k + 1; j < n; j++) {
      const cj = j * n;
      const s = a[k + cj]!;
      a[k + cj] = 0;
      for (let i = 0; i <= k; i++) a[i + cj] = a[i + cj]! + s * a[i + ck]!;
    }
  }
}

/** Solves the QP; the inputs are not modified. */
export function solveDenseQp(problem: DenseQp): DenseQpSolution {
  const { n, q, meq } = problem;
  if (problem.D.length !== n * n || problem.d.length !== n || problem.A.length !== n * q || problem.b.length !== q || meq < 0 || meq > q) {
    throw new Error(`solveDenseQp: inconsistent sizes (n ${n}, q ${q}, meq ${meq})`);
  }
  // dmat(i, j) = dmat[(i − 1) + (j − 1)·n]; constraint i's nonzeros are arow/aval[astart[i] .. astart[i + 1]).
  const dmat = Float64Array.from(problem.D);
  // The constraints by column, nonzeros only (bounds are unit vectors): sums over them skip only exact zeros, so every
  // figure is the dense loop's, at a fraction of the work. aval holds the (sign-flipped) coefficients.
  const astart = new Int32Array(q + 2);
  let nnz = 0;
  for (let i = 0; i < n * q; i++) if (problem.A[i] !== 0) nnz++;
  const arow = new Int32Array(nnz);
  const aval = new Float64Array(nnz);
  for (let i = 1, k = 0; i <= q; i++) {
    astart[i] = k;
    const c = (i - 1) * n;
    for (let j = 0; j < n; j++) {
      const v = problem.A[c + j]!;
      if (v !== 0) {
        arow[k] = j;
        aval[k++] = v;
      }
    }
    astart[i + 1] = k;
  }
  const dvec = new Float64Array(n + 1);
  dvec.set(problem.d, 1);
  const bvec = new Float64Array(q + 1);
  bvec.set(problem.b, 1);
  const sol = new Float64Array(n + 1);
  const lagr = new Float64Array(q + 1);
  const iact = new Int32Array(q + 1);
  const r = Math.min(n, q);
  const lw = 2 * n + (r * (r + 5)) / 2 + 2 * q + 1;
  const work = new Float64Array(lw + 1);
  const fail = (status: DenseQpStatus, nact: number, it: readonly [number, number]): DenseQpSolution => ({
    status,
    solution: sol.slice(1),
    value: Number.NaN,
    lagrangian: lagr.slice(1),
    active: Int32Array.from(iact.subarray(1, nact + 1), (k) => k - 1),
    iterations: it,
  });

  for (let i = 1; i <= n; i++) work[i] = dvec[i]!;
  if (!choleskyUpper(dmat, n)) return fail('NOT_POSITIVE_DEFINITE', 0, [0, 0]);
  choleskySolveInPlace(dmat, n, dvec);
  invertUpper(dmat, n);

  let crval = 0;
  for (let j = 1; j <= n; j++) {
    sol[j] = dvec[j]!;
    crval += work[j]! * sol[j]!;
    work[j] = 0;
    for (let i = j + 1; i <= n; i++) dmat[i - 1 + (j - 1) * n] = 0;
  }
  crval = -crval / 2;

  const iwzv = n;
  const iwrv = iwzv + n;
  const iwuv = iwrv + r;
  const iwrm = iwuv + r + 1;
  const iwsv = iwrm + (r * (r + 1)) / 2;
  const iwnbv = iwsv + q;
  for (let i = 1; i <= q; i++) {
    let s = 0;
    for (let k = astart[i]!; k < astart[i + 1]!; k++) s += aval[k]! * aval[k]!;
    work[iwnbv + i] = Math.sqrt(s);
  }

  let nact = 0;
  let added = 0;
  let dropped = 0;
  let nvl = 0;
  let it1 = 0;
  let l = 0;
  let l1 = 0;
  let t1 = 0;

  /** Flips an equality's sign so that its violation reads as a ≥ constraint's (quadprog does the same). */
  const flip = (i: number) => {
    for (let k = astart[i]!; k < astart[i + 1]!; k++) aval[k] = -aval[k]!;
    bvec[i] = -bvec[i]!;
  };
  const slack = (i: number): number => {
    let s = -bvec[i]!;
    for (let k = astart[i]!; k < astart[i + 1]!; k++) s += aval[k]! * sol[arow[k]! + 1]!;
    return s;
  };

  /** Label 50: the most violated constraint (scaled by its norm), or none: optimal. */
  const pickViolated = (): boolean => {
    added++;
    for (let i = 1; i <= q; i++) {
      let s = slack(i);
      if (Math.abs(s) < VSMALL) s = 0;
      if (i > meq) work[iwsv + i] = s;
      else {
        work[iwsv + i] = -Math.abs(s);
        if (s > 0) flip(i);
      }
    }
    for (let i = 1; i <= nact; i++) work[iwsv + iact[i]!] = 0;
    nvl = 0;
    let temp = 0;
    for (let i = 1; i <= q; i++) {
      if (work[iwsv + i]! < temp * work[iwnbv + i]!) {
        nvl = i;
        temp = work[iwsv + i]! / work[iwnbv + i]!;
      }
    }
    if (nvl === 0) {
      for (let i = 1; i <= nact; i++) lagr[iact[i]!] = work[iwuv + i]!;
      return false;
    }
    return true;
  };

  /** Labels 797–798: drops active constraint it1, restoring the factorization with Givens rotations. */
  const dropConstraint = () => {
    for (;;) {
      l = iwrm + (it1 * (it1 + 1)) / 2 + 1;
      l1 = l + it1;
      if (work[l1] !== 0) {
        let gc = Math.max(Math.abs(work[l1 - 1]!), Math.abs(work[l1]!));
        let gs = Math.min(Math.abs(work[l1 - 1]!), Math.abs(work[l1]!));
        const temp = work[l1 - 1]! >= 0 ? Math.abs(gc * Math.sqrt(1 + (gs * gs) / (gc * gc))) : -Math.abs(gc * Math.sqrt(1 + (gs * gs) / (gc * gc)));
        gc = work[l1 - 1]! / temp;
        gs = work[l1]! / temp;
        if (gc !== 1) {
          const c0 = (it1 - 1) * n;
          const c1 = it1 * n;
          if (gc === 0) {
            for (let i = it1 + 1; i <= nact; i++) {
              const t = work[l1 - 1]!;
              work[l1 - 1] = work[l1]!;
              work[l1] = t;
              l1 += i;
            }
            for (let i = 0; i < n; i++) {
              const t = dmat[c0 + i]!;
              dmat[c0 + i] = dmat[c1 + i]!;
              dmat[c1 + i] = t;
            }
          } else {
            const nu = gs / (1 + gc);
            for (let i = it1 + 1; i <= nact; i++) {
              const t = gc * work[l1 - 1]! + gs * work[l1]!;
              work[l1] = nu * (work[l1 - 1]! + t) - work[l1]!;
              work[l1 - 1] = t;
              l1 += i;
            }
            for (let i = 0; i < n; i++) {
              const t = gc * dmat[c0 + i]! + gs * dmat[c1 + i]!;
              dmat[c1 + i] = nu * (dmat[c0 + i]! + t) - dmat[c1 + i]!;
              dmat[c0 + i] = t;
            }
          }
        }
      }
      // 798
      l1 = l - it1;
      for (let i = 1; i <= it1; i++) {
        work[l1] = work[l]!;
        l++;
        l1++;
      }
      work[iwuv + it1] = work[iwuv + it1 + 1]!;
      iact[it1] = iact[it1 + 1]!;
      it1++;
      if (it1 >= nact) break;
    }
  };

  /** Label 799. */
  const shrinkActive = () => {
    work[iwuv + nact] = work[iwuv + nact + 1]!;
    work[iwuv + nact + 1] = 0;
    iact[nact] = 0;
    nact--;
    dropped++;
  };

  /** Label 700: a partial step dropped constraint it1 from the active set. */
  const drop = () => {
    if (it1 !== nact) dropConstraint();
    shrinkActive();
  };

  /** Label 55: a step towards satisfying constraint nvl. 'added' when it became active; 'again' to step again; 'infeasible'. */
  const step = (): 'added' | 'again' | 'infeasible' => {
    const k0 = astart[nvl]!;
    const k1 = astart[nvl + 1]!;
    // d = Jᵀn+ (work[1..n]), z = J₂d₂ (work[iwzv + 1..n]).
    for (let i = 1; i <= n; i++) {
      const c = (i - 1) * n;
      let s = 0;
      for (let k = k0; k < k1; k++) s += dmat[c + arow[k]!]! * aval[k]!;
      work[i] = s;
    }
    l1 = iwzv;
    for (let i = 1; i <= n; i++) work[l1 + i] = 0;
    for (let j = nact + 1; j <= n; j++) {
      const c = (j - 1) * n;
      const wj = work[j]!;
      if (wj === 0) continue;
      for (let i = 1; i <= n; i++) work[l1 + i] = work[l1 + i]! + dmat[c + i - 1]! * wj;
    }
    // r = R⁻¹d₁ (work[iwrv + 1..nact]) and the step length t1 that keeps the multipliers ≥ 0.
    // R is packed by columns (column j at iwrm + j(j−1)/2 + 1 …): solved column by column, so the inner loop walks
    // contiguous memory (the Fortran walks rows, striding by j); the same products, summed in the reverse order.
    for (let i = 1; i <= nact; i++) work[iwrv + i] = work[i]!;
    for (let j = nact; j >= 1; j--) {
      const col = iwrm + (j * (j - 1)) / 2;
      const rj = work[iwrv + j]! / work[col + j]!;
      work[iwrv + j] = rj;
      if (rj === 0) continue;
      for (let i = 1; i < j; i++) work[iwrv + i] = work[iwrv + i]! - work[col + i]! * rj;
    }
    let t1inf = true;
    for (let i = nact; i >= 1; i--) {
      if (iact[i]! <= meq || work[iwrv + i]! <= 0) continue;
      t1inf = false;
      it1 = i;
    }
    if (!t1inf) {
      t1 = work[iwuv + it1]! / work[iwrv + it1]!;
      for (let i = 1; i <= nact; i++) {
        if (iact[i]! <= meq || work[iwrv + i]! <= 0) continue;
        const temp = work[iwuv + i]! / work[iwrv + i]!;
        if (temp < t1) {
          t1 = temp;
          it1 = i;
        }
      }
    }
    let zz = 0;
    for (let i = iwzv + 1; i <= iwzv + n; i++) zz += work[i]! * work[i]!;
    if (Math.abs(zz) <= VSMALL) {
      if (t1inf) return 'infeasible';
      for (let i = 1; i <= nact; i++) work[iwuv + i] = work[iwuv + i]! - t1 * work[iwrv + i]!;
      work[iwuv + nact + 1] = work[iwuv + nact + 1]! + t1;
      drop();
      return 'again';
    }
    let s = 0;
    for (let k = k0; k < k1; k++) s += work[iwzv + arow[k]! + 1]! * aval[k]!;
    let tt = -work[iwsv + nvl]! / s;
    let t2min = true;
    if (!t1inf && t1 < tt) {
      tt = t1;
      t2min = false;
    }
    for (let i = 1; i <= n; i++) {
      sol[i] = sol[i]! + tt * work[iwzv + i]!;
      if (Math.abs(sol[i]!) < VSMALL) sol[i] = 0;
    }
    crval += tt * s * (tt / 2 + work[iwuv + nact + 1]!);
    for (let i = 1; i <= nact; i++) work[iwuv + i] = work[iwuv + i]! - tt * work[iwrv + i]!;
    work[iwuv + nact + 1] = work[iwuv + nact + 1]! + tt;

    if (!t2min) {
      // A partial step: constraint it1 leaves; nvl's violation is measured again.
      const v = slack(nvl);
      if (nvl > meq) work[iwsv + nvl] = v;
      else {
        work[iwsv + nvl] = -Math.abs(v);
        if (v > 0) flip(nvl);
      }
      drop();
      return 'again';
    }
    // A full step: nvl joins the active set; R and J are updated with Givens rotations.
    nact++;
    iact[nact] = nvl;
    l = iwrm + ((nact - 1) * nact) / 2 + 1;
    for (let i = 1; i <= nact - 1; i++) {
      work[l] = work[i]!;
      l++;
    }
    if (nact === n) work[l] = work[n]!;
    else {
      for (let i = n; i >= nact + 1; i--) {
        if (work[i] === 0) continue;
        let gc = Math.max(Math.abs(work[i - 1]!), Math.abs(work[i]!));
        let gs = Math.min(Math.abs(work[i - 1]!), Math.abs(work[i]!));
        const temp = work[i - 1]! >= 0 ? Math.abs(gc * Math.sqrt(1 + (gs * gs) / (gc * gc))) : -Math.abs(gc * Math.sqrt(1 + (gs * gs) / (gc * gc)));
        gc = work[i - 1]! / temp;
        gs = work[i]! / temp;
        if (gc === 1) continue;
        const c0 = (i - 2) * n;
        const c1 = (i - 1) * n;
        if (gc === 0) {
          work[i - 1] = gs * temp;
          for (let j = 0; j < n; j++) {
            const t = dmat[c0 + j]!;
            dmat[c0 + j] = dmat[c1 + j]!;
            dmat[c1 + j] = t;
          }
        } else {
          work[i - 1] = temp;
          const nu = gs / (1 + gc);
          for (let j = 0; j < n; j++) {
            const t = gc * dmat[c0 + j]! + gs * dmat[c1 + j]!;
            dmat[c1 + j] = nu * (dmat[c0 + j]! + t) - dmat[c1 + j]!;
            dmat[c0 + j] = t;
          }
        }
      }
      work[l] = work[nact]!;
    }
    return 'added';
  };

  while (pickViolated()) {
    for (;;) {
      const outcome = step();
      if (outcome === 'added') break;
      if (outcome === 'infeasible') return fail('INCONSISTENT', nact, [added, dropped]);
    }
  }
  return {
    status: 'OK',
    solution: sol.slice(1),
    value: crval,
    lagrangian: lagr.slice(1),
    active: Int32Array.from(iact.subarray(1, nact + 1), (k) => k - 1),
    iterations: [added, dropped],
  };
}
