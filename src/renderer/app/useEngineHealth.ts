// Keeps the store's engine health current: the list once, then every change as it is pushed.
import { useEffect } from 'react';
import { useApi } from '../api/ApiContext';
import { useWorkspace } from '../state/workspaceStore';

export function useEngineHealth(): void {
  const api = useApi();
  const connection = useWorkspace((s) => s.connection);
  useEffect(() => {
    const { setEngineHealth, setAllEngineHealth } = useWorkspace.getState();
    const unsubscribe = api.subscribe('engine.health', setEngineHealth);
    if (connection === 'connected') {
      api.call('engines.list', {}).then(setAllEngineHealth, (e: Error) => console.error(e.message));
    }
    return unsubscribe;
  }, [api, connection]);
}
