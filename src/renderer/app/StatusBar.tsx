// The status bar: backend connection, each engine's health (with the reason when not up), display settings (UI scale,
// time zone) and the clock in the workspace's time zone.
import { useEffect, useState } from 'react';
import { useVenues } from '../state/venueStore';
import { formatClockTime, TIME_ZONE_SETTINGS, useTimeZone, zoneAbbreviation, type TimeZoneSetting } from '../state/timeZone';
import { UI_SCALES, useWorkspace, type UiScale } from '../state/workspaceStore';

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

/** Native selects: reachable with Tab, changed with the arrow keys, announced by screen readers. */
function DisplaySettings() {
  const scale = useWorkspace((s) => s.uiScale);
  const setScale = useWorkspace((s) => s.setUiScale);
  const setting = useTimeZone((s) => s.setting);
  const setSetting = useTimeZone((s) => s.setSetting);
  return (
    <>
      <label className="setting">
        Scale
        <select data-testid="ui-scale" value={String(scale)} onChange={(e) => setScale(e.target.value === 'auto' ? 'auto' : (Number(e.target.value) as UiScale))}>
          <option value="auto">auto</option>
          {UI_SCALES.map((s) => (
            <option key={s} value={String(s)}>
              {Math.round(s * 100)}%
            </option>
          ))}
        </select>
      </label>
      <label className="setting">
        Times
        <select data-testid="time-zone" value={setting} onChange={(e) => setSetting(e.target.value as TimeZoneSetting)}>
          {TIME_ZONE_SETTINGS.map((z) => (
            <option key={z} value={z}>
              {z === 'exchange' ? 'exchange (New York)' : 'local'}
            </option>
          ))}
        </select>
      </label>
    </>
  );
}

export function StatusBar() {
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
        <span className={`badge ${route === 'SIM' ? '' : 'route-live'}`} data-testid="route" title="where new orders go (command palette: Route new orders to …)">
          orders → {route}
        </span>
      )}
      <span className="spacer" />
      <span className="muted">Ctrl+K commands</span>
      <DisplaySettings />
      <Clock />
    </footer>
  );
}
