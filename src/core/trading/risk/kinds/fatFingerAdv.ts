// Limit kind FAT_FINGER_ADV: one order's quantity as a fraction of the symbol's average daily volume.
import { defineLimitKind, noState } from '../limitKind';
import { LAST_ORDER } from './measures';

/** Order quantity as a fraction of the symbol's average daily volume. Without a known ADV the rule cannot judge and passes. */
export const fatFingerAdv = defineLimitKind({
  kind: 'FAT_FINGER_ADV',
  label: '% of ADV per order',
  unit: 'fraction',
  scope: 'ORDER',
  params: { maxFraction: 'positive' },
  threshold: 'maxFraction',
  compile: noState,
  check(limit, c) {
    const adv = c.risk.averageDailyVolume;
    if (!(adv > 0)) return null;
    const fraction = c.quantity / adv;
    if (fraction <= limit.maxFraction) return null;
    return { code: 'QUANTITY_EXCEEDS_ADV_FRACTION', limitId: limit.id, quantity: c.quantity, averageDailyVolume: adv, fraction, maxFraction: limit.maxFraction };
  },
  usage: (_limit, ctx) => ({ used: ctx.lastOrder.advFraction, scope: LAST_ORDER }),
  usageAfter: (_limit, c) => (c.risk.averageDailyVolume > 0 ? c.quantity / c.risk.averageDailyVolume : null),
});
