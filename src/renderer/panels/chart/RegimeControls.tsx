// The chart toolbar's regime controls: the band's on/off switch, the number of regimes, and what the band says now.
import { REGIME_STATE_CHOICES, useRegimeBandSettings, type RegimeBandStatus } from './useRegimeBand';

function statusText(status: RegimeBandStatus): string | null {
  switch (status.kind) {
    case 'off':
      return null;
    case 'daily-only':
      return 'regimes: on the daily chart';
    case 'loading':
      return 'regimes: fitting…';
    case 'error':
      return `regimes: ${status.message}`;
    case 'shown':
      return status.band.last ? `regime: ${status.band.last.name} ${(status.band.last.probability * 100).toFixed(0)}%` : 'regimes: no days';
    default: {
      const never: never = status;
      return never;
    }
  }
}

/** The band's reading convention, for the tooltip: what the height and colour mean. */
function bandTitle(status: RegimeBandStatus): string {
  if (status.kind !== 'shown') return 'Gaussian HMM on daily log returns (Baum-Welch, Viterbi)';
  const lines = status.band.regimes.map((r) => `${r.name}: mean ${r.mean.toFixed(3)}%, σ ${r.sd.toFixed(3)}% a day, lasts ~${r.expectedDuration.toFixed(0)} days`);
  return ['Colour: the day\'s Viterbi regime. Height: smoothed probability (uses later days) of the most volatile regime.', ...lines].join('\n');
}

export function RegimeControls({ status }: { status: RegimeBandStatus }) {
  const { shown, states, toggle, setStates } = useRegimeBandSettings();
  const text = statusText(status);
  return (
    <span className="chart-regimes">
      <button type="button" aria-pressed={shown} data-testid="chart-regimes" title="Show market regimes (HMM) under the price" onClick={toggle}>
        Regimes
      </button>
      {shown && (
        <select aria-label="Number of regimes" value={states} onChange={(e) => setStates(Number(e.target.value) as (typeof REGIME_STATE_CHOICES)[number])}>
          {REGIME_STATE_CHOICES.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      )}
      {text && (
        <span className="num" data-testid="chart-regime-status" title={bandTitle(status)}>
          {text}
        </span>
      )}
    </span>
  );
}
