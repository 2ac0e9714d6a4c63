// Palette commands for Interactive Brokers: connect with a standard profile (a live account asks first), disconnect,
// and route new orders.
import { useMemo } from 'react';
import { IB_DEFAULT_PORTS } from '../../shared/contracts/ib';
import { useApi } from '../api/ApiContext';
import { useRegisterCommands, type PaletteCommand } from '../state/commandRegistry';
import { useConfirm } from '../state/confirmStore';
import { notify } from '../state/notificationStore';
import { useVenues } from '../state/venueStore';

const PROFILES = [
  { id: 'gateway-paper', title: 'IB Gateway paper', port: IB_DEFAULT_PORTS.GATEWAY_PAPER, live: false },
  { id: 'tws-paper', title: 'TWS paper', port: IB_DEFAULT_PORTS.TWS_PAPER, live: false },
  { id: 'gateway-live', title: 'IB Gateway LIVE', port: IB_DEFAULT_PORTS.GATEWAY_LIVE, live: true },
  { id: 'tws-live', title: 'TWS LIVE', port: IB_DEFAULT_PORTS.TWS_LIVE, live: true },
] as const;

/** A client id of our own, so TWS's own orders (client 0) stay TWS's. */
const CLIENT_ID = 17;

export function useVenueCommands(): void {
  const api = useApi();
  const commands = useMemo<PaletteCommand[]>(() => {
    const failed = (what: string) => (error: Error) => notify('error', `${what} failed`, error.message);
    const route = (venue: string) => () =>
      api.call('venues.route', { venue }).then((r) => {
        if (!r.ok) return notify('error', `No venue ${venue}`);
        useVenues.getState().setRoute(venue);
        notify('warn', `New orders now go to ${venue}`);
      }, failed('Routing'));
    return [
      ...PROFILES.map((p) => {
        const connect = () => void api.call('ib.connect', { profile: { name: p.title, host: '127.0.0.1', port: p.port, clientId: CLIENT_ID } }).catch(failed('IB connect'));
        return {
          id: `ib.connect.${p.id}`,
          title: `IB: connect to ${p.title} (127.0.0.1:${p.port})`,
          destructive: p.live,
          // A live account trades real money: never one keystroke away.
          run: p.live
            ? () =>
                useConfirm.getState().ask({
                  title: `Connect to ${p.title}?`,
                  message: `This is a LIVE account (127.0.0.1:${p.port}): orders routed to IB will trade real money.`,
                  confirmLabel: 'Connect to LIVE',
                  danger: true,
                  destructive: true,
                  onConfirm: connect,
                })
            : connect,
        };
      }),
      { id: 'ib.disconnect', title: 'IB: disconnect', destructive: true, run: () => void api.call('ib.disconnect', {}).catch(failed('IB disconnect')) },
      { id: 'venue.route.ib', title: 'Route new orders to Interactive Brokers', destructive: true, run: route('IB') },
      { id: 'venue.route.sim', title: 'Route new orders to the simulated exchange', run: route('SIM') },
    ];
  }, [api]);
  useRegisterCommands(commands);
}
