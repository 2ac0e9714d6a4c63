// risk.* methods: limits as data, their utilization, the pre-trade preview, the kill switch and reduce-only.
import { err, ok } from '../../core/model/result';
import type { KillSwitchError } from '../../core/trading/risk/killSwitch';
import { validateLimits, type RiskLimit } from '../../core/trading/risk/limits';
import { IB_FIXED_US_EQUITY, orderCommission } from '../../core/trading/commission';
import type { WorkstationApi } from '../../shared/contracts/api';
import type { TradingService } from '../trading/tradingService';

type RiskHandlers = Pick<
  WorkstationApi,
  'risk.limits' | 'risk.setLimits' | 'risk.utilization' | 'risk.preview' | 'risk.status' | 'risk.killSwitch' | 'risk.reduceOnly'
>;

/** Who pressed the button: the one trader at this workstation. */
const TRADER = 'trader';

/** `markPrice`: the live mid for a symbol, the price a market order's notional is estimated at. */
export function riskHandlers(trading: TradingService, now: () => number, markPrice: (symbol: string) => number | undefined): RiskHandlers {
  const { core } = trading;
  const status = () => core.risk.killSwitch.status();
  return {
    'risk.limits': async () => [...core.risk.limits],
    'risk.setLimits': async ({ limits }) => {
      const valid = validateLimits(limits as RiskLimit[]);
      if (!valid.ok) return valid;
      trading.limits.save(valid.value);
      core.risk.setLimits(valid.value);
      return ok([...valid.value]);
    },
    'risk.utilization': async () => core.risk.utilization(now()),
    'risk.preview': async (request) => {
      const verdict = core.risk.checkNew(request, now());
      const instrument = core.instrument(request.symbol);
      const price = request.limitPrice ?? request.stopPrice ?? markPrice(request.symbol);
      const notional = instrument && price && price > 0 ? price * request.quantity * instrument.multiplier : null;
      return {
        denial: verdict.ok ? null : verdict.error,
        notional,
        currency: instrument?.currency ?? null,
        commissionEstimate: notional === null ? null : orderCommission(IB_FIXED_US_EQUITY, request.quantity, notional),
        limits: core.risk.utilization(now()),
      };
    },
    'risk.status': async () => status(),
    'risk.killSwitch': async ({ engaged, reason }) => {
      if (engaged) {
        core.oms.engageKillSwitch(reason ?? 'engaged from the workstation', TRADER);
        return ok(status());
      }
      const released = core.oms.releaseKillSwitch(TRADER);
      return released.ok ? ok(status()) : err(released.error as KillSwitchError);
    },
    'risk.reduceOnly': async ({ enabled }) => {
      const set = core.oms.setReduceOnly(enabled, TRADER);
      return set.ok ? ok(status()) : err(set.error as KillSwitchError);
    },
  };
}
