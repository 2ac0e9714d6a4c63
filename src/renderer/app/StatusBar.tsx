// The status bar: backend connection, each engine's health (with the reason when not up), and the clock.
import { useEffect, useState } from 'react';
import { useVenues } from '../state/venueStore';
import { useWorkspace } from '../state/workspaceStore';

function Clock() {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 1_000);
    return () => clearInterval(timer);
  }, []);
  return (
    <time className="clock" dateTime={now.toISOString()} title={now.toUTCString()}>
      {now.toLocaleTimeString(undefined, { hour12: false })}
    </time>
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
      <Clock />
    </footer>
  );
}
