// Applies a limit set the team published: validated like the trader's own edit, stored with an audit entry naming the
// team version and publisher, then in force at once.
import { z } from 'zod';
import { validateLimits, type RiskLimit } from '../../core/trading/risk/limits';
import { riskLimitSchema } from '../../shared/contracts/risk';
import type { SystemLog } from '../systemLog';
import type { TradingService } from '../trading/tradingService';
import type { PublishedLimits } from './syncWorker';

const publishedSchema = z.array(riskLimitSchema).max(500);

/** The worker's onTeamLimits: a reason when the set is refused, undefined when applied. */
export function teamLimitsApplier(trading: TradingService, log: SystemLog): (published: PublishedLimits) => string | undefined {
  return ({ version, limits, by }) => {
    const parsed = publishedSchema.safeParse(limits);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return `limits.${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`;
    }
    const valid = validateLimits(parsed.data as RiskLimit[]);
    if (!valid.ok) return `limit ${valid.error.id}: ${valid.error.field} is invalid`;
    trading.limits.save(valid.value, { source: 'team', by, teamVersion: version });
    trading.core.risk.setLimits(valid.value);
    trading.node.monitor?.onBookChange();
    log.info('risk', `team limits version ${version} published by ${by} applied: ${valid.value.length} limits`);
    return undefined;
  };
}
