// risk.* methods: limits as data, their utilization, the pre-trade preview, the kill switch and reduce-only.
import { err, ok } from '../../core/model/result';
import type { KillSwitchError } from '../../core/trading/risk/killSwitch';
import { validateLimits, type RiskLimit } from '../../core/trading/risk/limits';
import type { WorkstationApi } from '../../shared/contracts/api';
import type { TradingService } from '../trading/tradingService';

type RiskHandlers = Pick<
  WorkstationApi,
  'risk.limits' | 'risk.setLimits' | 'risk.utilization' | 'risk.preview' | 'risk.status' | 'risk.killSwitch' | 'risk.reduceOnly' | 'risk.breaches'
>;

/** Who pressed the button: the one trader at this workstation. */
const TRADER = 'trader';

export function riskHandlers(trading: TradingService, now: () => number): RiskHandlers {
  const { core } = trading;
  const status = () => core.risk.killSwitch.status();
  return {
    'risk.limits': async () => [...core.risk.limits],
    'risk.setLimits': async ({ limits }) => {
      const valid = validateLimits(limits as RiskLimit[]);
      if (!valid.ok) return valid;
      trading.limits.save(valid.value);
      core.risk.setLimits(valid.value);
      // New thresholds are compared with the book at once, not at the monitor's next period.
      trading.node.monitor?.onBookChange();
      return ok([...valid.value]);
    },
    'risk.utilization': async () => core.risk.utilization(now()),
    'risk.preview': async (request) => {
      // One run of the check serves the verdict and every figure shown beside it.
      const preview = trading.node.preview(request);
      return {
        denial: preview.verdict.ok ? null : preview.verdict.error,
        notional: preview.notional,
        currency: preview.currency,
        notionalBase: preview.measures?.notionalBase ?? null,
        baseCurrency: core.fx.baseCurrency,
        commissionEstimate: preview.commissionEstimate,
        limits: core.risk.utilization(now()),
        headroom: [...preview.headroom],
      };
    },
    'risk.status': async () => status(),
    'risk.breaches': async (query) => trading.breaches.list(query),
    'risk.killSwitch': async ({ engaged, reason }) => {
      // Like order commands, the answer waits for the commit that records the halt (persistence before transport).
      if (engaged) {
        core.oms.engageKillSwitch(reason ?? 'engaged from the workstation', TRADER);
        await core.oms.whenDurable();
        return ok(status());
      }
      const released = core.oms.releaseKillSwitch(TRADER);
      if (!released.ok) return err(released.error as KillSwitchError);
      await core.oms.whenDurable();
      return ok(status());
    },
    'risk.reduceOnly': async ({ enabled }) => {
      const set = core.oms.setReduceOnly(enabled, TRADER);
      if (!set.ok) return err(set.error as KillSwitchError);
      await core.oms.whenDurable();
      return ok(status());
    },
  };
}
