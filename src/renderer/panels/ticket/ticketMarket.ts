// The market facts the ticket's precautionary checks need, fetched from the API: average daily volume, base currency.
import { useQuery } from '@tanstack/react-query';
import { useApi } from '../../api/ApiContext';
import { ADV_DAYS, averageDailyVolume } from './marketFacts';

export function useAverageDailyVolume(symbol: string | null): number | null {
  const api = useApi();
  const bars = useQuery({
    queryKey: ['market.bars', symbol, '1D', ADV_DAYS + 1],
    queryFn: () => api.call('market.bars', { symbol: symbol!, timeframe: '1D', limit: ADV_DAYS + 1 }),
    enabled: symbol !== null,
    staleTime: 10 * 60_000,
  });
  return bars.data ? averageDailyVolume(bars.data.time, bars.data.volume, Date.now()) : null;
}

export function useBaseCurrency(): string | null {
  const api = useApi();
  const summary = useQuery({ queryKey: ['pnl.summary.base'], queryFn: () => api.call('pnl.summary', {}), staleTime: Infinity });
  return summary.data?.baseCurrency ?? null;
}
