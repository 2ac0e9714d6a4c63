// Stored real symbols in the renderer: the Backtests picker offers them beside the desk's instruments, the instrument
// store takes one put on the desk, and the Data section says where its quote comes from.
import { describe, expect, it } from 'vitest';
import { realInstrument } from '../../../src/core/data/realInstrument';
import type { Instrument } from '../../../src/core/model/instrument';
import { researchSymbols } from '../../../src/renderer/panels/backtests/researchSymbols';
import { enabledText } from '../../../src/renderer/panels/data/tradeText';
import { useInstruments } from '../../../src/renderer/state/instrumentStore';
import { searchSymbols } from '../../../src/renderer/state/symbolSearch';
import type { DataSourceView } from '../../../src/shared/contracts/data';

const NVTX: Instrument = { symbol: 'NVTX', name: 'Novatex Systems', assetClass: 'EQUITY', currency: 'USD', exchange: 'NASDAQ', sector: 'TECHNOLOGY', tickSize: 0.01, lotSize: 1, multiplier: 1 };
const source = (over: Partial<DataSourceView>): DataSourceView => ({
  provider: 'yahoo',
  id: 'AAPL',
  kind: 'bars',
  timeframe: '1D',
  storedAs: 'AAPL',
  rows: 49,
  first: '2020-08-31',
  last: '2020-11-06',
  refreshedAt: 0,
  baseUrl: 'http://127.0.0.1:1',
  ...over,
});

describe('researchSymbols', () => {
  it('offers stored bar symbols beside the desk instruments, once each, and not series or filings', () => {
    const list = researchSymbols([NVTX], [
      source({}),
      source({ provider: 'yahoo', timeframe: '1m' }),
      source({ provider: 'edgar', kind: 'fundamentals', id: 'MSFT', storedAs: 'MSFT' }),
      source({ provider: 'fred', kind: 'series', id: 'GDP', storedAs: 'GDP' }),
      source({ id: 'NVTX', storedAs: 'NVTX' }),
    ]);
    expect(list).toEqual([
      { symbol: 'NVTX', name: 'Novatex Systems' },
      { symbol: 'AAPL', name: 'stored 1D bars from yahoo' },
    ]);
    expect(searchSymbols('aap', list)[0]?.item.symbol).toBe('AAPL');
  });
});

describe('a stored symbol put on the desk', () => {
  const built = realInstrument({ symbol: 'AAPL', name: 'AAPL', assetClass: 'EQUITY', currency: 'USD', exchange: 'NMS', utcOffsetMinutes: -300, lastClose: 118.69, lastBarTime: 0, averageDailyVolume: 1e8 });
  if (!built.ok) throw new Error('not built');

  it('joins the instrument store without disturbing the snapshot', () => {
    useInstruments.getState().setAll([NVTX]);
    useInstruments.getState().add(built.value);
    useInstruments.getState().add(built.value);
    expect(useInstruments.getState().symbols).toEqual(['NVTX', 'AAPL']);
    expect(useInstruments.getState().bySymbol.AAPL).toMatchObject({ currency: 'USD', tickSize: 0.01 });
  });

  it('is announced with its grid and where its quote comes from', () => {
    expect(enabledText(built.value)).toBe('AAPL is on the desk: USD, NMS, tick 0.01, lot 1; the simulated exchange quotes it 5 bp around its last stored close, IB trades it as STK SMART USD');
  });
});
