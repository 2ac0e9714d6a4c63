// Human sentences for every refusal of a SMART order or algorithm, naming the field at fault.
import { assertNever } from '../../../core/model/assert';
import type { ExecutionError } from '../../../core/execution/executionErrors';
import { describeOmsError } from './denialText';
import { formatQuantity } from './format';

const minutes = (ms: number) => `${Math.round(ms / 60_000)} min`;

export function describeExecutionError(e: ExecutionError): string {
  switch (e.code) {
    case 'VALIDATION_FAILED':
      return `${e.field}: ${e.message}`;
    case 'NO_AVAILABLE_VENUE':
      return `no venue can take it now (${e.reasons.map((r) => `${r.venue} ${r.ineligible.toLowerCase().replace(/_/g, ' ')}`).join(', ')})`;
    case 'INVALID_PARENT_TRANSITION':
      return `cannot ${e.event.toLowerCase()} a ${e.status.toLowerCase()} order`;
    case 'UNKNOWN_SYMBOL':
      return `unknown symbol ${e.symbol}`;
    case 'UNKNOWN_PARENT':
      return `no execution order ${e.parentId}`;
    case 'QUANTITY_NOT_POSITIVE':
      return `quantity ${formatQuantity(e.quantity)} must be greater than 0`;
    case 'QUANTITY_NOT_ON_LOT':
      return `quantity ${formatQuantity(e.quantity)} is not a multiple of the lot size ${formatQuantity(e.lotSize)}`;
    case 'PRICE_NOT_USABLE':
      return `limit price ${e.price} is not usable`;
    case 'QUANTITY_NOT_ABOVE_FILLED':
      return `quantity ${formatQuantity(e.quantity)} is not above the ${formatQuantity(e.filled)} already filled`;
    case 'LIMIT_PRICE_REQUIRED':
      return 'an iceberg needs a limit price';
    case 'WINDOW_IN_PAST':
      return 'the window ends in the past';
    case 'WINDOW_NOT_ORDERED':
      return 'the window starts after it ends';
    case 'WINDOW_SHORTER_THAN_INTERVAL':
      return `the window (${minutes(e.windowMs)}) is shorter than one interval (${minutes(e.intervalMs)})`;
    case 'INTERVAL_NOT_POSITIVE':
      return 'the interval must be greater than 0';
    case 'PARTICIPATION_OUT_OF_RANGE':
      return `participation ${(e.participation * 100).toFixed(1)}% is outside (0, ${e.max * 100}%]`;
    case 'DISPLAY_EXCEEDS_ORDER':
      return `the display ${formatQuantity(e.displayQuantity)} is larger than the order ${formatQuantity(e.quantity)}`;
    case 'DISPLAY_NOT_POSITIVE':
      return 'the display quantity must be greater than 0';
    case 'BAD_VOLUME_PROFILE':
      return `volume profile: ${e.reason}`;
    case 'CHILD_REFUSED':
      return `${e.venue}: ${describeOmsError(e.error)}`;
    default:
      return assertNever(e, 'execution error');
  }
}
