// Keeps the IB status and the order route current: asked once on connect, then followed on ib.connection.
import { useEffect } from 'react';
import { useApi } from '../api/ApiContext';
import { useVenues } from '../state/venueStore';
import { useWorkspace } from '../state/workspaceStore';

export function useVenueFeeds(): void {
  const api = useApi();
  const connection = useWorkspace((s) => s.connection);
  useEffect(() => {
    const { setIb, setRoute } = useVenues.getState();
    const unsubscribe = api.subscribe('ib.connection', setIb);
    if (connection === 'connected') {
      api.call('ib.status', {}).then(setIb, (e: Error) => console.error(e.message));
      api.call('venues.list', {}).then((r) => setRoute(r.venues.find((v) => v.default)?.name), (e: Error) => console.error(e.message));
    }
    return unsubscribe;
  }, [api, connection]);
}
