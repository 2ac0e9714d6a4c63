// Parity of src/core/risk with an independent numpy/scipy implementation on real index closes (EuStockMarkets).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { alignCloses, bookVar, confidenceKey, returnWindow, valueBook, type VarFigures } from '../../../../src/core/risk';
import { EU_INSTRUMENTS, euBook, euFx, euStockCloses } from './euStocks';

const PYTHON = process.env.NAUTILUS_PYTHON ?? '/usr/bin/python3';
const REFERENCE = fileURLToPath(new URL('../../../reference/risk_reference.py', import.meta.url));
const probe = spawnSync(PYTHON, ['-c', 'import numpy, scipy'], { encoding: 'utf8' });
const REL_TOL = 1e-9;

interface RefMethod {
  var: number;
  es: number;
  componentVar: number[];
  componentEs: number[];
}
type Ref = { historical: Record<string, RefMethod>; parametric: Record<string, RefMethod>; symbols: string[] };

function expectClose(label: string, ours: number, theirs: number, scale: number): void {
  expect(Math.abs(ours - theirs) / scale, `${label}: ours ${ours}, numpy ${theirs}`).toBeLessThanOrEqual(REL_TOL);
}

describe.runIf(probe.status === 0)('portfolio VaR/ES against numpy/scipy on EuStockMarkets', () => {
  for (const window of [500, 250, 1859]) {
    it(`historical and parametric VaR, ES and components agree, window ${window}`, () => {
      const closes = euStockCloses();
      const book = valueBook(euBook(closes), EU_INSTRUMENTS, euFx());
      if (!book.ok) throw new Error(JSON.stringify(book.error));
      const aligned = alignCloses(closes);
      if (!aligned.ok) throw new Error('align');
      const w = returnWindow(aligned.value, window, closes);
      if (!w.ok) throw new Error(JSON.stringify(w.error));
      const confidences = [0.95, 0.99, 0.975];
      const result = bookVar(book.value, w.value, { confidences, methods: ['historical', 'parametric'] });
      if (!result.ok) throw new Error(JSON.stringify(result.error));

      const request = {
        closes: Object.fromEntries(closes.map((c) => [c.symbol, Array.from(c.close)])),
        values: Object.fromEntries(book.value.positions.map((p) => [p.symbol, p.value])),
        window,
        confidences,
      };
      const run = spawnSync(PYTHON, [REFERENCE], { input: JSON.stringify(request), encoding: 'utf8', maxBuffer: 16 << 20 });
      if (run.status !== 0) throw new Error(run.stderr);
      const ref = JSON.parse(run.stdout) as Ref;
      expect(ref.symbols).toEqual(book.value.positions.map((p) => p.symbol));

      const check = (f: VarFigures, r: RefMethod | undefined): void => {
        expect(r, `${f.method} ${f.confidence} in the reference`).toBeDefined();
        const label = `${f.method} ${f.confidence}`;
        expectClose(`${label} VaR`, f.var, r!.var, r!.var);
        expectClose(`${label} ES`, f.es, r!.es, r!.es);
        r!.componentVar.forEach((c, i) => expectClose(`${label} component VaR ${ref.symbols[i]}`, f.componentVar[i]!, c, r!.var));
        r!.componentEs.forEach((c, i) => expectClose(`${label} component ES ${ref.symbols[i]}`, f.componentEs[i]!, c, r!.es));
      };
      for (const f of result.value.figures) {
        const key = confidenceKey(f.confidence);
        if (f.method === 'historical') check(f, ref.historical[key]);
        else if (f.method === 'parametric') check(f, ref.parametric[key]);
      }
      expect(result.value.figures).toHaveLength(6);
      // A book-level sanity bound the reference cannot share a bug with: ES ≥ VaR > 0 for a diversified long/short book.
      for (const f of result.value.figures) expect(f.es).toBeGreaterThanOrEqual(f.var);
    });
  }
});
