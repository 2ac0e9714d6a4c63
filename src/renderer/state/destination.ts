// Where a new order goes, as the ticket names it: SIM, IB PAPER or IB LIVE, and whether that venue can trade now.
import { IB_DEFAULT_PORTS, type IbConnectionStatus } from '../../shared/contracts/ib';
import { isSimulatedVenue } from '../../core/execution/venueProfile';

export interface Destination {
  /** SIM, IB PAPER, IB LIVE, or another venue's name. */
  readonly label: string;
  readonly live: boolean;
  readonly canTrade: boolean;
  /** Why it cannot trade, for the ticket's warning. */
  readonly reason: string | null;
}

const PAPER_PORTS: ReadonlySet<number> = new Set([IB_DEFAULT_PORTS.TWS_PAPER, IB_DEFAULT_PORTS.GATEWAY_PAPER]);

/** An IB session counts as paper only when it is known to be (a paper port or a profile named paper): otherwise LIVE. */
export function destinationOf(route: string | undefined, ib: IbConnectionStatus | undefined): Destination {
  const venue = route ?? 'SIM';
  // Any venue of the simulated market (SIM, SIM-B …) is paper money.
  if (isSimulatedVenue(venue)) return { label: venue, live: false, canTrade: true, reason: null };
  if (venue !== 'IB') return { label: venue, live: true, canTrade: true, reason: null };
  const profile = ib?.profile ?? null;
  const paper = profile !== null && (PAPER_PORTS.has(profile.port) || /paper/i.test(profile.name));
  const label = paper ? 'IB PAPER' : 'IB LIVE';
  if (!ib || !ib.canTrade) {
    const state = ib?.state ?? 'disconnected';
    return { label, live: !paper, canTrade: false, reason: `IB is ${state}${ib?.reason ? ` (${ib.reason})` : ''}: the order would be refused` };
  }
  return { label, live: !paper, canTrade: true, reason: null };
}
