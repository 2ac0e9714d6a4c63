// The factor tear sheet in the panel: the report's figures per factor and horizon, its charts (core's SVG builders,
// whose text is escaped), and, for several factors, the ranking by ICIR and the correlation heatmap.
import type { FactorReport } from '../../../shared/contracts/factors';
import { correlationHeatmap, cumulativeChart, icHistogram, icSeriesChart, quantileChart, summaryRows, turnoverChart } from './factorTearSheet';
import { MISSING, formatNumber } from '../../../core/report/html';

const Svg = ({ svg, testId }: { svg: string; testId?: string }) => <div className="factor-chart" data-testid={testId} dangerouslySetInnerHTML={{ __html: svg }} />;
const num = (x: number | null, digits: number): string => (x === null ? MISSING : formatNumber(x, digits));

export function FactorTearSheet({ report }: { report: FactorReport }) {
  const byName = new Map(report.series.map((s) => [s.name, s]));
  return (
    <div className="factor-tearsheet" data-testid="factor-tearsheet">
      <p className="muted">
        {report.symbols} symbols · {report.timeframe} · {report.method} IC at {report.horizon} bars · {report.times.length} dates · {Math.round(report.durationMs)} ms
      </p>
      {report.factors.length > 1 && (
        <section aria-label="Ranking by ICIR">
          <h4>Ranking by ICIR</h4>
          <table className="grid" data-testid="factor-ranking">
            <thead>
              <tr><th>#</th><th>Factor</th><th className="num">Mean IC</th><th className="num">ICIR</th><th className="num">t-stat</th></tr>
            </thead>
            <tbody>
              {report.factors.map((f, i) => (
                <tr key={f.name}><td>{i + 1}</td><td className="sym">{f.name}</td><td className="num">{num(f.meanIC, 4)}</td><td className="num">{num(f.icir, 3)}</td><td className="num">{num(f.tStat, 2)}</td></tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {report.correlation && (
        <section aria-label="Factor correlation">
          <h4>Factor correlation ({report.correlation.rows} rows)</h4>
          <Svg svg={correlationHeatmap(report.correlation)} testId="factor-heatmap" />
        </section>
      )}
      {report.factors.map((f) => {
        const s = byName.get(f.name);
        return (
          <section key={f.name} aria-label={`Factor ${f.name}`} data-testid="factor-report" data-factor={f.name}>
            <h4>
              {f.name} <span className="muted">{f.expression}</span>
            </h4>
            <table className="grid factor-summary">
              <tbody>
                <tr>
                  {summaryRows(f).map((r) => (
                    <td key={r.key} data-figure={r.key}>
                      <span className="muted">{r.label}</span> <b>{r.value}</b>
                    </td>
                  ))}
                </tr>
              </tbody>
            </table>
            <table className="grid factor-decay" aria-label="IC by horizon">
              <thead>
                <tr><th className="num">Horizon</th><th className="num">Mean IC</th><th className="num">ICIR</th></tr>
              </thead>
              <tbody>
                {f.decay.map((d) => (
                  <tr key={d.horizon} data-horizon={d.horizon}><td className="num">{d.horizon}</td><td className="num">{num(d.meanIC, 4)}</td><td className="num">{num(d.icir, 3)}</td></tr>
                ))}
              </tbody>
            </table>
            {s && <Svg svg={icSeriesChart(report, s)} />}
            <div className="factor-cols">
              {s && <Svg svg={icHistogram(s, 380, 200)} />}
              <Svg svg={quantileChart(f, 380)} />
            </div>
            {s && <Svg svg={cumulativeChart(report, s)} />}
            {s && <Svg svg={turnoverChart(report, s)} />}
          </section>
        );
      })}
    </div>
  );
}
