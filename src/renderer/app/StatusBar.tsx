// The status bar: backend connection, each engine's health (with the reason when not up), the sync's lag, display settings (UI scale,
// time zone) and the clock in the workspace's time zone.
import { useEffect, useState } from 'react';
import { useVenues } from '../state/venueStore';
import { formatClockTime, TIME_ZONE_SETTINGS, useTimeZone, zoneAbbreviation, type TimeZoneSetting } from '../state/timeZone';
import { UI_SCALES, useWorkspace, type UiScale } from '../state/workspaceStore';
import { SyncStatusBadge } from './SyncStatusBadge';
import { isSimulatedVenue } from '../../core/execution/venueProfile';

function Clock() {
  const [now, setNow] = useState(() => new Date());
  const zone = useTimeZone((s) => s.zone);
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 1_000);
    return () => clearInterval(timer);
  }, []);
  return (
    <time className="clock" data-testid="clock" dateTime={now.toISOString()} title={now.toUTCString()}>
      {formatClockTime(now.getTime(), zone)} {zoneAbbreviation(now.getTime(), zone)}
    </time>
  );
}

/** Buttons (Tab to reach, Enter/Space to press): smaller and larger step through UI_SCALES; the zone toggles. */
function DisplaySettings({ applied }: { applied: number }) {
  const scale = useWorkspace((s) => s.uiScale);
  const setScale = useWorkspace((s) => s.setUiScale);
  const setting = useTimeZone((s) => s.setting);
  const setSetting = useTimeZone((s) => s.setSetting);
  const step = (direction: 1 | -1) => {
    const current = scale === 'auto' ? applied : scale;
    const next = direction > 0 ? UI_SCALES.find((s) => s > current + 1e-9) : [...UI_SCALES].reverse().find((s) => s < current - 1e-9);
    if (next !== undefined) setScale(next);
  };
  const next: TimeZoneSetting = TIME_ZONE_SETTINGS[(TIME_ZONE_SETTINGS.indexOf(setting) + 1) % TIME_ZONE_SETTINGS.length]!;
  return (
    <>
      <span className="setting" role="group" aria-label="UI scale">
        <button aria-label="Smaller text" title="Smaller (UI scale)" data-testid="ui-smaller" disabled={scale !== 'auto' && scale <= UI_SCALES[0]} onClick={() => step(-1)}>
          A−
        </button>
        <span data-testid="ui-scale" aria-live="polite">
          {scale === 'auto' ? `auto ${Math.round(applied * 100)}%` : `${Math.round(scale * 100)}%`}
        </span>
        <button aria-label="Larger text" title="Larger (UI scale)" data-testid="ui-larger" disabled={scale !== 'auto' && scale >= UI_SCALES[UI_SCALES.length - 1]!} onClick={() => step(1)}>
          A+
        </button>
        {scale !== 'auto' && (
          <button title="Scale with the window's width" onClick={() => setScale('auto' as UiScale)}>
            auto
          </button>
        )}
      </span>
      <button className="setting" data-testid="time-zone" data-zone={setting} title={`Times in every panel: ${setting}. Switch to ${next}.`} onClick={() => setSetting(next)}>
        Times: {setting === 'exchange' ? 'exchange (NY)' : 'local'}
      </button>
    </>
  );
}

/** `uiScale`: the scale in effect (the setting, or what `auto` picked for this window). */
export function StatusBar({ uiScale }: { uiScale: number }) {
  const connection = useWorkspace((s) => s.connection);
  const detail = useWorkspace((s) => s.connectionDetail);
  const engines = useWorkspace((s) => s.engines);
  const ib = useVenues((s) => s.ib);
  const route = useVenues((s) => s.route);
  return (
    <footer className="status-bar" role="status">
      <span className={`badge state-${connection}`} data-testid="connection" title={detail}>
        backend: {connection}
      </span>
      {Object.values(engines)
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((engine) => (
          <span
            key={engine.name}
            className={`badge state-${engine.state}`}
            data-testid={`engine-${engine.name}`}
            data-state={engine.state}
            title={engine.reason ?? `restarted ${engine.restarts} times`}
          >
            {engine.name}: {engine.state}
            {engine.state !== 'up' && engine.reason ? ` (${engine.reason})` : ''}
          </span>
        ))}
      {ib && (
        <span className={`badge state-${ib.state === 'connected' ? 'up' : ib.state === 'disconnected' ? 'stopped' : 'restarting'}`} data-testid="ib" data-state={ib.state} title={ib.reason ?? undefined}>
          IB: {ib.state}
          {ib.profile && ib.state !== 'disconnected' ? ` (${ib.profile.name})` : ''}
          {ib.state !== 'connected' && ib.state !== 'disconnected' && ib.reason ? ` — ${ib.reason}` : ''}
        </span>
      )}
      {route && (
        <span className={`badge ${isSimulatedVenue(route) ? '' : 'route-live'}`} data-testid="route" title="where new orders go (command palette: Route new orders to …)">
          orders → {route}
        </span>
      )}
      <SyncStatusBadge />
      <span className="spacer" />
      <span className="muted">Ctrl+K commands</span>
      <DisplaySettings applied={uiScale} />
      <Clock />
    </footer>
  );
}
