// The limit editor's form as data: the fields a kind asks for (from its descriptor in the kinds' table) and the
// conversion of what was typed into a limit, validated by the same rules as the backend before anything is sent.
import { err, ok, type Result } from '../../../core/model/result';
import type { ParamType } from '../../../core/trading/risk/limitKind';
import { LIMIT_KINDS, type RiskLimit, type RiskLimitKind } from '../../../core/trading/risk/limitKinds';
import { validateLimits, type BreachAction } from '../../../core/trading/risk/limits';

export interface FormField {
  readonly name: string;
  readonly type: ParamType;
  readonly optional: boolean;
  /** What to type, in words. */
  readonly hint: string;
}

const HINTS: Readonly<Record<ParamType, string>> = {
  positive: 'a number above 0',
  count: 'a whole number, 1 or more',
  confidence: 'e.g. 0.99',
  'symbol?': 'symbol (optional)',
  symbols: 'symbols, comma separated',
  'currency?': 'currency, e.g. EUR (optional)',
  drawdownFrom: 'DAY_START or PEAK',
};

export function fieldsOf(kind: RiskLimitKind): FormField[] {
  const params = LIMIT_KINDS[kind].params as Readonly<Record<string, ParamType>>;
  return Object.entries(params).map(([name, type]) => ({
    name,
    type,
    optional: type.endsWith('?'),
    hint: name.endsWith('Fraction') && type === 'positive' ? 'a fraction, 0.05 = 5%' : HINTS[type],
  }));
}

export interface FormError {
  readonly field: string;
  readonly message: string;
}

function parseField(type: ParamType, text: string): unknown {
  const t = text.trim();
  switch (type) {
    case 'positive':
    case 'count':
    case 'confidence':
      return t === '' ? undefined : Number(t);
    case 'symbol?':
    case 'currency?':
      return t === '' ? undefined : t.toUpperCase();
    case 'symbols':
      return t === '' ? [] : t.split(',').map((s) => s.trim().toUpperCase()).filter(Boolean);
    case 'drawdownFrom':
      return t;
    default: {
      const unknown: never = type;
      throw new Error(`unknown parameter type ${String(unknown)}`);
    }
  }
}

/**
 * The limit the form describes, checked together with the other limits (an id already used by another limit is
 * replaced, not duplicated). An error names the field and what it must be.
 */
export function limitFromForm(
  kind: RiskLimitKind,
  id: string,
  values: Readonly<Record<string, string>>,
  onBreach: BreachAction,
  others: readonly RiskLimit[],
): Result<RiskLimit[], FormError> {
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(id)) return err({ field: 'id', message: 'id: 1–64 letters, digits, _ . or -' });
  const limit: Record<string, unknown> = { id, kind };
  for (const f of fieldsOf(kind)) {
    const value = parseField(f.type, values[f.name] ?? '');
    if (value !== undefined) limit[f.name] = value;
  }
  if (LIMIT_KINDS[kind].scope === 'ACCOUNT' && onBreach !== 'ALERT') limit.onBreach = onBreach;
  const next = [...others.filter((l) => l.id !== id), limit as unknown as RiskLimit];
  const valid = validateLimits(next);
  if (!valid.ok) {
    const field = fieldsOf(kind).find((f) => f.name === valid.error.field);
    return err({ field: valid.error.field, message: `${valid.error.field}: must be ${field ? field.hint : 'valid'}` });
  }
  return ok(next);
}
