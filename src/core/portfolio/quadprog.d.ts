// Types for the `quadprog` npm package (a JS port of R's quadprog): the tests compare goldfarbIdnani.ts against it.
declare module 'quadprog' {
  /** Arrays are 1-based as in the Fortran original: index 0 is unused. Amat is n×q, one column per constraint. */
  export function solveQP(
    Dmat: number[][],
    dvec: number[],
    Amat: number[][],
    bvec: number[],
    meq?: number,
    factorized?: number[],
  ): { solution: number[]; value: number[]; Lagrangian: number[]; iterations: number[]; iact: number[]; message: string };
}
