// The efficient frontier as an SVG: annualized volatility across, expected return up; the frontier's curve, each asset
// alone as a dot, and the chosen portfolio marked.
import type { PortfolioFrontier } from '../../../shared/contracts/portfolio';
import { percentOf } from './portfolioFigures';

const W = 360;
const H = 220;
const PAD = { left: 48, right: 44, top: 10, bottom: 30 };

interface Point {
  readonly expectedReturn: number;
  readonly volatility: number;
}

export function FrontierChart({ frontier, chosen, label }: { frontier: PortfolioFrontier; chosen: Point | null; label: string }) {
  const all: Point[] = [...frontier.points, ...frontier.assets, ...(chosen ? [chosen] : [])];
  const xs = all.map((p) => p.volatility);
  const ys = all.map((p) => p.expectedReturn);
  const [x0, x1] = [0, Math.max(...xs) * 1.05 || 1];
  const yLo = Math.min(...ys);
  const yHi = Math.max(...ys);
  const span = yHi - yLo || Math.abs(yHi) || 1;
  const [y0, y1] = [yLo - span * 0.05, yHi + span * 0.05];
  const sx = (v: number) => PAD.left + ((v - x0) / (x1 - x0)) * (W - PAD.left - PAD.right);
  const sy = (v: number) => H - PAD.bottom - ((v - y0) / (y1 - y0)) * (H - PAD.top - PAD.bottom);
  const path = frontier.points.map((p, i) => `${i === 0 ? 'M' : 'L'}${sx(p.volatility).toFixed(1)},${sy(p.expectedReturn).toFixed(1)}`).join(' ');
  const ticks = [0, 0.5, 1];
  return (
    <svg className="frontier-chart" data-testid="portfolio-frontier" viewBox={`0 0 ${W} ${H}`} width={W} height={H} role="img" aria-label={label}>
      <line x1={PAD.left} y1={H - PAD.bottom} x2={W - PAD.right} y2={H - PAD.bottom} className="frontier-axis" />
      <line x1={PAD.left} y1={PAD.top} x2={PAD.left} y2={H - PAD.bottom} className="frontier-axis" />
      {ticks.map((t) => (
        <g key={`x${t}`}>
          <text x={sx(x0 + t * (x1 - x0))} y={H - PAD.bottom + 14} textAnchor="middle" className="frontier-tick">
            {percentOf(x0 + t * (x1 - x0), 0)}
          </text>
          <text x={PAD.left - 4} y={sy(y0 + t * (y1 - y0)) + 4} textAnchor="end" className="frontier-tick">
            {percentOf(y0 + t * (y1 - y0), 1)}
          </text>
        </g>
      ))}
      <text x={(PAD.left + W - PAD.right) / 2} y={H - 4} textAnchor="middle" className="frontier-tick">
        volatility (annual)
      </text>
      <path d={path} className="frontier-curve" data-points={frontier.points.length} />
      {frontier.assets.map((a) => (
        <g key={a.symbol} data-asset={a.symbol}>
          <circle cx={sx(a.volatility)} cy={sy(a.expectedReturn)} r={3} className="frontier-asset" />
          <text x={sx(a.volatility) + 5} y={sy(a.expectedReturn) - 4} className="frontier-tick">
            {a.symbol}
          </text>
        </g>
      ))}
      {chosen && <circle cx={sx(chosen.volatility)} cy={sy(chosen.expectedReturn)} r={5} className="frontier-chosen" data-testid="portfolio-frontier-chosen" />}
    </svg>
  );
}
