// Human sentences for every business error the OMS and pre-trade risk return, with the figures a trader acts on.
import { assertNever } from '../../../core/model/assert';
import type { BracketLeg, BracketLegDenial, OmsError } from '../../../core/trading/omsTypes';
import { formatMoney, formatQuantity } from './format';

const n = (v: number) => formatQuantity(v);
const pct = (v: number) => `${(v * 100).toFixed(1)}%`;

export function describeOmsError(e: OmsError): string {
  switch (e.code) {
    case 'UNKNOWN_SYMBOL':
      return `unknown symbol ${e.symbol}`;
    case 'QUANTITY_NOT_POSITIVE':
      return `quantity ${n(e.quantity)} must be greater than 0`;
    case 'QUANTITY_NOT_ON_LOT':
      return `quantity ${n(e.quantity)} is not a multiple of the lot size ${n(e.lotSize)}`;
    case 'PRICE_NOT_ON_TICK':
      return `price ${e.price} is not on the tick size ${e.tickSize}`;
    case 'MISSING_LIMIT_PRICE':
      return `a ${e.type} order needs a limit price`;
    case 'MISSING_STOP_PRICE':
      return `a ${e.type} order needs a stop price`;
    case 'UNSUPPORTED_TIME_IN_FORCE':
      return `${e.timeInForce} is not supported for ${e.type} orders`;
    case 'NO_REFERENCE_PRICE':
      return `no reference price for ${e.symbol} yet`;
    case 'NO_FX_RATE':
      return `no FX rate for ${e.currency}`;
    case 'KILL_SWITCH_ENGAGED':
      return `kill switch engaged${e.reason ? `: ${e.reason}` : ''}`;
    case 'REDUCE_ONLY':
      return `reduce-only: ${e.symbol} position ${n(e.position)} with ${n(e.openSameSide)} open, ${n(e.quantity)} would not reduce it`;
    case 'QUANTITY_EXCEEDS_MAX':
      return `quantity ${n(e.quantity)} exceeds max ${n(e.max)} (limit ${e.limitId})`;
    case 'NOTIONAL_EXCEEDS_MAX':
      return `notional ${formatMoney(e.notional)} exceeds max ${formatMoney(e.max)} (limit ${e.limitId})`;
    case 'PRICE_OUTSIDE_COLLAR':
      return `price ${e.price} is ${e.deviationPercent.toFixed(2)}% from ${e.referencePrice}, collar ${e.maxPercent}% (limit ${e.limitId})`;
    case 'PRICE_OUTSIDE_COLLAR_TICKS':
      return `price ${e.price} is ${n(e.deviationTicks)} ticks from ${e.referencePrice}, collar ${n(e.maxTicks)} (limit ${e.limitId})`;
    case 'QUANTITY_EXCEEDS_ADV_FRACTION':
      return `quantity ${n(e.quantity)} is ${pct(e.fraction)} of ADV ${n(e.averageDailyVolume)}, max ${pct(e.maxFraction)} (limit ${e.limitId})`;
    case 'DUPLICATE_ORDER':
      return `duplicate of an order sent within ${e.windowMs} ms (limit ${e.limitId})`;
    case 'SYMBOL_NOT_ALLOWED':
      return `${e.symbol} is not on the allowed list (limit ${e.limitId})`;
    case 'SYMBOL_RESTRICTED':
      return `${e.symbol} is restricted (limit ${e.limitId})`;
    case 'POSITION_EXCEEDS_MAX':
      return `${e.symbol} position would be ${n(e.position)}, max ${n(e.max)} (limit ${e.limitId})`;
    case 'GROSS_EXPOSURE_EXCEEDS_MAX':
      return `gross exposure ${formatMoney(e.exposure)} exceeds max ${formatMoney(e.max)} (limit ${e.limitId})`;
    case 'NET_EXPOSURE_EXCEEDS_MAX':
      return `net exposure ${formatMoney(e.exposure)} exceeds max ${formatMoney(e.max)} (limit ${e.limitId})`;
    case 'LEVERAGE_EXCEEDS_MAX':
      return `leverage ${e.leverage.toFixed(2)}× exceeds max ${e.max}× on equity ${formatMoney(e.equity)} (limit ${e.limitId})`;
    case 'SYMBOL_CONCENTRATION_EXCEEDS_MAX':
      return `${e.symbol} would be ${pct(e.fraction)} of equity, max ${pct(e.maxFraction)} (limit ${e.limitId})`;
    case 'SECTOR_CONCENTRATION_EXCEEDS_MAX':
      return `sector ${e.sector} would be ${pct(e.fraction)} of equity, max ${pct(e.maxFraction)} (limit ${e.limitId})`;
    case 'CURRENCY_EXPOSURE_EXCEEDS_MAX':
      return `${e.currency} exposure ${formatMoney(e.exposure)} exceeds max ${formatMoney(e.max)} (limit ${e.limitId})`;
    case 'DAILY_LOSS_EXCEEDS_MAX':
      return `daily loss ${formatMoney(e.loss)} exceeds max ${formatMoney(e.max)} (limit ${e.limitId})`;
    case 'ORDER_RATE_EXCEEDED':
      return `${e.count} orders in ${e.windowMs} ms, max ${e.max} (limit ${e.limitId})`;
    case 'MESSAGE_RATE_EXCEEDED':
      return `${e.count} messages in ${e.windowMs} ms, max ${e.max} (limit ${e.limitId})`;
    case 'DRAWDOWN_EXCEEDS_MAX':
      return `drawdown ${pct(e.drawdown)} from ${e.from === 'PEAK' ? 'peak' : 'day-start'} equity ${formatMoney(e.referenceEquity)} (now ${formatMoney(e.equity)}), max ${pct(e.maxFraction)} (limit ${e.limitId})`;
    case 'DAILY_ADV_FRACTION_EXCEEDS_MAX':
      return `${e.symbol} traded and working today would be ${n(e.quantity)}, ${pct(e.fraction)} of ADV ${n(e.averageDailyVolume)}, max ${pct(e.maxFraction)} (limit ${e.limitId})`;
    case 'TURNOVER_EXCEEDS_MAX':
      return `turnover today would be ${formatMoney(e.turnover)}, max ${formatMoney(e.max)} (limit ${e.limitId})`;
    case 'INDUSTRY_CONCENTRATION_EXCEEDS_MAX':
      return `industry ${e.industry} would be ${pct(e.fraction)} of equity, max ${pct(e.maxFraction)} (limit ${e.limitId})`;
    case 'VAR_EXCEEDS_MAX':
      return `1-day VaR ${pct(e.confidence)} would be ${formatMoney(e.valueAtRisk)}, max ${formatMoney(e.max)} (limit ${e.limitId})`;
    case 'ES_EXCEEDS_MAX':
      return `1-day ES ${pct(e.confidence)} would be ${formatMoney(e.expectedShortfall)}, max ${formatMoney(e.max)} (limit ${e.limitId})`;
    case 'RISK_ESTIMATE_UNAVAILABLE':
      return `no ${e.measure === 'VAR' ? 'VaR' : 'ES'} estimate for the book with ${e.symbol} (no price history or no risk model yet); only reducing orders pass (limit ${e.limitId})`;
    case 'INVALID_TRANSITION':
      return `the order cannot ${e.event} while ${e.from}`;
    case 'PERSON_REQUIRED':
      return 'a named person must re-enable trading';
    case 'KILL_SWITCH_NOT_ENGAGED':
      return 'the kill switch is not engaged';
    case 'UNKNOWN_ORDER':
      return `unknown order ${e.clientOrderId}`;
    case 'NO_ROUTE':
      return `no venue routes ${e.symbol}`;
    case 'NOTHING_TO_MODIFY':
      return `nothing to modify on ${e.clientOrderId}`;
    case 'QUANTITY_NOT_ABOVE_FILLED':
      return `quantity ${n(e.quantity)} must be above the ${n(e.filledQuantity)} already filled`;
    case 'INVALID_BRACKET':
      return `invalid bracket (tp ${e.takeProfitPrice}, sl ${e.stopLossPrice}): ${e.reason}`;
    case 'INVALID_BRACKET_LEG':
      return `bracket refused, ${LEG_NAMES[e.leg]}: ${describeLegDenial(e.denial)}`;
    case 'VENUE_NOT_CONNECTED':
      return `${e.venue} is not connected: ${e.symbol} cannot be routed there now`;
    default:
      return assertNever(e, 'OMS error');
  }
}

const LEG_NAMES: Readonly<Record<BracketLeg, string>> = { TAKE_PROFIT: 'take-profit', STOP_LOSS: 'stop-loss', STOP_LOSS_LIMIT: 'stop-loss limit' };

function describeLegDenial(d: BracketLegDenial): string {
  switch (d.code) {
    case 'PRICE_NOT_USABLE':
      return `price ${d.price} is not a usable price`;
    case 'PRICE_OUTSIDE_BAND':
      return `price ${d.price} is more than ${d.maxFactor}× away from ${d.referencePrice}`;
    default:
      return describeOmsError(d);
  }
}
