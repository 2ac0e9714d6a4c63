// Where a long research run goes: this machine's engines, or the team's research queue (`nautilus worker`s on any
// machine that reaches it). Shown only when the backend has a queue (system.info's researchQueue); without one the
// choice does not exist and every run is local.
import { useQuery } from '@tanstack/react-query';
import { useApi } from '../../api/ApiContext';
import type { RunOn } from './runOn';

export function RunOnSelect(props: { id: string; value: RunOn; onChange: (on: RunOn) => void; testId: string; disabled?: boolean }) {
  const api = useApi();
  const info = useQuery({ queryKey: ['system.info'], queryFn: () => api.call('system.info', {}), staleTime: 60_000 });
  if (!info.data?.researchQueue) return null;
  return (
    <>
      <label htmlFor={props.id}>Run on</label>
      <select id={props.id} data-testid={props.testId} value={props.value} disabled={props.disabled} onChange={(e) => props.onChange(e.target.value === 'queue' ? 'queue' : 'local')} title="This machine's engines, or the team's research queue (nautilus worker)">
        <option value="local">this machine</option>
        <option value="queue">research queue</option>
      </select>
    </>
  );
}
