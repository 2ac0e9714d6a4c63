// Where orders go: the Interactive Brokers connection's status and the venue new orders are routed to.
import { create } from 'zustand';
import type { IbConnectionStatus } from '../../shared/contracts/ib';

interface VenueState {
  ib: IbConnectionStatus | undefined;
  /** The venue new orders go to (SIM, IB). */
  route: string | undefined;
  setIb(status: IbConnectionStatus): void;
  setRoute(venue: string | undefined): void;
}

export const useVenues = create<VenueState>((set) => ({
  ib: undefined,
  route: undefined,
  setIb: (ib) => set((s) => (s.ib && s.ib.since > ib.since ? s : { ib })),
  setRoute: (route) => set({ route }),
}));
