// Plain-text tables of the risk reports for `nautilus risk` without --json.
import type { ExposureReport, MethodFigures, StressReport, VarReport } from '../core/risk';

const money = (x: number | undefined): string => (x === undefined || !Number.isFinite(x) ? '—' : x.toLocaleString('en-US', { maximumFractionDigits: 0 }));
const day = (t: number): string => new Date(t).toISOString().slice(0, 10);

export function varText(r: VarReport): string {
  const methods = (['historical', 'parametric', 'monteCarlo'] as const).filter((m) => r[m]);
  const keys = Object.keys(r[methods[0]!] ?? {});
  const out = [`Book value ${money(r.value)}, window ${r.window} days`, '', `${'method'.padEnd(12)}${keys.map((k) => k.padStart(14)).join('')}`];
  for (const m of methods) out.push(`${m.padEnd(12)}${keys.map((k) => money((r[m] as MethodFigures)[k]).padStart(14)).join('')}`);
  out.push('', `Component VaR (${methods.join(', ')})`, `${'symbol'.padEnd(12)}${'value'.padStart(14)}${methods.flatMap((m) => keys.filter((k) => k.startsWith('var')).map((k) => `${m.slice(0, 4)} ${k}`.padStart(16))).join('')}`);
  for (const c of r.components) {
    out.push(`${c.symbol.padEnd(12)}${money(c.value).padStart(14)}${methods.flatMap((m) => keys.filter((k) => k.startsWith('var')).map((k) => money(c[m]?.[k]).padStart(16))).join('')}`);
  }
  out.push('', r.conventions);
  return `${out.join('\n')}\n`;
}

export function stressText(r: StressReport): string {
  const out = [`Book value ${money(r.value)} ${r.baseCurrency}, gross ${money(r.gross)}; history ${day(r.historyFrom)} to ${day(r.historyTo)}`, '', 'Worst historical windows', `${'days'.padStart(5)}  ${'from'.padEnd(10)}  ${'to'.padEnd(10)}${'P&L'.padStart(14)}`];
  for (const w of r.historical) out.push(`${String(w.horizonDays).padStart(5)}  ${day(w.start)}  ${day(w.end)}${money(w.pnl).padStart(14)}`);
  if (r.shocks) {
    out.push('', `Shocks: P&L ${money(r.shocks.pnl)}`);
    for (const p of r.shocks.positions) out.push(`  ${p.symbol.padEnd(12)}${(p.move * 100).toFixed(2).padStart(8)}%${money(p.pnl).padStart(14)}`);
  }
  return `${out.join('\n')}\n`;
}

export function exposuresText(r: ExposureReport): string {
  const t = r.total;
  const out = [`Net ${money(t.net)} ${r.baseCurrency}, gross ${money(t.gross)}, long ${money(t.long)}, short ${money(t.short)}`];
  for (const [title, rows] of [['Sector', r.bySector], ['Industry', r.byIndustry], ['Currency', r.byCurrency], ['Symbol', r.bySymbol]] as const) {
    out.push('', `${title.padEnd(20)}${'net'.padStart(14)}${'gross'.padStart(14)}`);
    for (const b of rows) out.push(`${b.key.padEnd(20)}${money(b.net).padStart(14)}${money(b.gross).padStart(14)}`);
  }
  if (r.beta) out.push('', `Beta to ${r.beta.benchmark}: ${r.beta.book.toFixed(3)} (dollar beta ${money(r.beta.dollarBeta)})`);
  out.push('', `Days to liquidate at ${r.liquidity.participation * 100}% of ${r.liquidity.advDays}-day ADV: ${r.liquidity.maxDays === null ? 'unknown for some positions' : r.liquidity.maxDays.toFixed(2)}`);
  return `${out.join('\n')}\n`;
}
