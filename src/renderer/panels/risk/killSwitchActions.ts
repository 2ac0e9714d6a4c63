// Engaging and releasing the kill switch, and the reduce-only toggle: always through a confirmation.
import type { WorkstationClient } from '../../../shared/contracts/client';
import { useConfirm } from '../../state/confirmStore';
import { notify } from '../../state/notificationStore';
import { useRisk } from '../../state/riskStore';
import { describeOmsError } from '../common/denialText';

export function askKillSwitch(api: WorkstationClient): void {
  const engaged = useRisk.getState().status?.killSwitch.engaged ?? false;
  useConfirm.getState().ask(
    engaged
      ? {
          title: 'Re-enable trading?',
          message: 'The kill switch is released: new orders will be accepted and sent again.',
          confirmLabel: 'Re-enable trading',
          destructive: true,
          skippable: 'risk.killSwitchRelease',
          onConfirm: () => void setKillSwitch(api, false),
        }
      : {
          title: 'Engage the kill switch?',
          message: 'Every working order is canceled and new orders are refused until trading is re-enabled.',
          confirmLabel: 'Engage kill switch',
          danger: true,
          onConfirm: () => void setKillSwitch(api, true),
        },
  );
}

async function setKillSwitch(api: WorkstationClient, engaged: boolean): Promise<void> {
  try {
    const result = await api.call('risk.killSwitch', engaged ? { engaged, reason: 'engaged from the workspace' } : { engaged });
    if (result.ok) useRisk.getState().setStatus(result.value);
    else notify('error', engaged ? 'Kill switch refused' : 'Re-enable refused', describeOmsError(result.error));
  } catch (error) {
    notify('error', 'Kill switch call failed', (error as Error).message);
  }
}

/**
 * The reduce-only toggle from the keyboard: turning it on only restricts trading and happens at once; turning it
 * off lets orders open and grow positions again, so it asks first (focus on Cancel, like every loosening action).
 */
export function askReduceOnly(api: WorkstationClient, enabled: boolean): void {
  if (enabled) return void setReduceOnly(api, true);
  useConfirm.getState().ask({
    title: 'Turn reduce-only off?',
    message: 'Orders that open or add to positions will be accepted and sent again.',
    confirmLabel: 'Turn reduce-only off',
    destructive: true,
    skippable: 'risk.reduceOnlyOff',
    onConfirm: () => void setReduceOnly(api, false),
  });
}

export async function setReduceOnly(api: WorkstationClient, enabled: boolean): Promise<void> {
  try {
    const result = await api.call('risk.reduceOnly', { enabled });
    if (result.ok) {
      useRisk.getState().setStatus(result.value);
      notify('info', enabled ? 'Reduce-only mode on' : 'Reduce-only mode off');
    } else notify('error', 'Reduce-only refused', describeOmsError(result.error));
  } catch (error) {
    notify('error', 'Reduce-only call failed', (error as Error).message);
  }
}
