import { describe, expect, it } from 'vitest';
import { formToFetch, initialDataForm, withProvider } from '../../../src/renderer/panels/data/dataForm';
import { dataFetchInput } from '../../../src/shared/contracts/data';

describe('Data panel form', () => {
  it('builds a data.fetch input the backend schema accepts', () => {
    const built = formToFetch({ ...initialDataForm(), id: ' aapl ', from: '2020-08-31', to: '2020-11-06' });
    expect(built).toEqual({ ok: true, input: { provider: 'yahoo', id: 'AAPL', kind: 'bars', timeframe: '1D', from: Date.UTC(2020, 7, 31), to: Date.UTC(2020, 10, 6) } });
    if (built.ok) expect(dataFetchInput.safeParse(built.input).success).toBe(true);
  });

  it('keeps DBnomics codes as typed and asks for all three parts', () => {
    const form = withProvider(initialDataForm(), 'dbnomics');
    expect(form.kind).toBe('series');
    expect(formToFetch({ ...form, id: 'CEPII/CHELEM-TRADE-CHEL/AES.AES.CAT.BA' })).toMatchObject({ ok: true, input: { id: 'CEPII/CHELEM-TRADE-CHEL/AES.AES.CAT.BA' } });
    expect(formToFetch({ ...form, id: 'CEPII/CHELEM' })).toMatchObject({ ok: false, errors: { id: 'DBnomics ids are PROVIDER/DATASET/SERIES' } });
  });

  it('names bad dates and a reversed range, and an empty id', () => {
    expect(formToFetch({ ...initialDataForm(), id: '', from: '2020-02-30', to: 'soon' })).toEqual({
      ok: false,
      errors: { id: 'enter an id, e.g. AAPL, EURUSD=X, BZ=F', from: 'a date YYYY-MM-DD', to: 'a date YYYY-MM-DD' },
    });
    expect(formToFetch({ ...initialDataForm(), id: 'X', from: '2021-01-01', to: '2020-01-01' })).toMatchObject({ ok: false, errors: { from: 'after the end date' } });
  });

  it('offers vintages only for FRED and resets the kind the new provider lacks', () => {
    const fred = { ...withProvider(initialDataForm(), 'fred'), vintages: true, id: 'gdp' };
    expect(formToFetch(fred)).toMatchObject({ ok: true, input: { provider: 'fred', id: 'GDP', kind: 'series', vintages: true } });
    const av = withProvider({ ...withProvider(initialDataForm(), 'alphavantage'), kind: 'fundamentals' }, 'edgar');
    expect(av.kind).toBe('fundamentals');
    expect(withProvider(fred, 'yahoo')).toMatchObject({ kind: 'bars', vintages: false });
  });
});
