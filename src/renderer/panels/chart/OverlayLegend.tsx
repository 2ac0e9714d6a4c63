// The overlays' legend over the chart: each indicator's name and its values at the crosshair, or why it is missing.
import { formatPrice } from '../common/format';
import type { OverlayLegendEntry } from './useIndicatorOverlays';

const formatValue = (value: number | null, pricePane: boolean, tickSize: number): string => {
  if (value === null || !Number.isFinite(value)) return '—';
  return pricePane ? formatPrice(value, tickSize) : value.toFixed(Math.abs(value) >= 1000 ? 0 : 2);
};

export function OverlayLegend({ entries, tickSize, onRemove }: { entries: readonly OverlayLegendEntry[]; tickSize: number; onRemove(spec: string): void }) {
  if (entries.length === 0) return null;
  return (
    <ul className="overlay-legend num" aria-label="Indicators">
      {entries.map((e) => (
        <li key={e.spec} data-testid="overlay-legend" data-overlay={e.spec} data-state={e.state} data-time={e.time ?? undefined}>
          <span className="overlay-swatch" style={{ background: e.colour }} aria-hidden />
          <span className="overlay-title" data-testid="overlay-title">{e.title}</span>
          {e.state === 'loading' && <span className="muted">…</span>}
          {e.state === 'error' && <span className="inline-error" data-testid="overlay-error">{e.error}</span>}
          {e.values.map((v) => (
            // Values are text colour (line colours fail 4.5:1 on a light panel); a swatch ties each to its line.
            <span key={v.output} className="overlay-value" data-testid="overlay-value" data-output={v.output} title={v.output}>
              {v.colour && e.values.length > 1 && <span className="overlay-swatch" style={{ background: v.colour }} aria-hidden />}
              {e.values.length > 1 && <span className="muted">{v.output} </span>}
              {formatValue(v.value, e.pricePane, tickSize)}
            </span>
          ))}
          <button className="overlay-remove" tabIndex={-1} aria-label={`Remove ${e.title}`} title={`Remove ${e.title} (also in the palette)`} onClick={() => onRemove(e.spec)}>
            ×
          </button>
        </li>
      ))}
    </ul>
  );
}
