// The Data panel's add form: its state, what each provider's id looks like, and the form turned into a data.fetch input.
import { DATA_PROVIDERS, type DataProvider } from '../../../core/data/dataError';
import { PROVIDER_KINDS, type DataFetchInput, type DatasetKindName } from '../../../shared/contracts/data';

export interface DataForm {
  provider: DataProvider;
  id: string;
  kind: DatasetKindName;
  /** YYYY-MM-DD or empty. */
  from: string;
  to: string;
  vintages: boolean;
}

export const PROVIDER_LABEL: Readonly<Record<DataProvider, string>> = {
  yahoo: 'Yahoo Finance',
  fred: 'FRED',
  edgar: 'SEC EDGAR',
  alphavantage: 'Alpha Vantage',
  dbnomics: 'DBnomics',
};

export const ID_EXAMPLE: Readonly<Record<DataProvider, string>> = {
  yahoo: 'AAPL, EURUSD=X, BZ=F',
  fred: 'GDP, DGS10, CPILFESL',
  edgar: 'AAPL or CIK 320193',
  alphavantage: 'IBM',
  dbnomics: 'PROVIDER/DATASET/SERIES',
};

export const initialDataForm = (): DataForm => ({ provider: 'yahoo', id: '', kind: 'bars', from: '', to: '', vintages: false });

export { DATA_PROVIDERS, PROVIDER_KINDS };

/** Switching provider keeps the id but resets the kind to what the new provider offers. */
export function withProvider(form: DataForm, provider: DataProvider): DataForm {
  const kinds = PROVIDER_KINDS[provider];
  return { ...form, provider, kind: kinds.includes(form.kind) ? form.kind : kinds[0]!, vintages: provider === 'fred' && form.vintages };
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function dateMs(text: string): number | undefined | 'bad' {
  if (text.trim() === '') return undefined;
  if (!DATE.test(text.trim())) return 'bad';
  const t = Date.parse(`${text.trim()}T00:00:00Z`);
  return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === text.trim() ? t : 'bad';
}

export type FormErrors = Partial<Record<'id' | 'from' | 'to', string>>;

/** The data.fetch input, or the fields that are wrong (checked again by the backend's schema). */
export function formToFetch(form: DataForm): { ok: true; input: DataFetchInput } | { ok: false; errors: FormErrors } {
  const errors: FormErrors = {};
  const id = form.provider === 'dbnomics' ? form.id.trim() : form.id.trim().toUpperCase();
  if (id === '') errors.id = `enter an id, e.g. ${ID_EXAMPLE[form.provider]}`;
  else if (form.provider === 'dbnomics' && id.split('/').length !== 3) errors.id = 'DBnomics ids are PROVIDER/DATASET/SERIES';
  const from = dateMs(form.from);
  const to = dateMs(form.to);
  if (from === 'bad') errors.from = 'a date YYYY-MM-DD';
  if (to === 'bad') errors.to = 'a date YYYY-MM-DD';
  if (typeof from === 'number' && typeof to === 'number' && from > to) errors.from = 'after the end date';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    input: {
      provider: form.provider,
      id,
      kind: form.kind,
      timeframe: '1D',
      ...(typeof from === 'number' ? { from } : {}),
      ...(typeof to === 'number' ? { to } : {}),
      ...(form.vintages && form.provider === 'fred' ? { vintages: true } : {}),
    },
  };
}
