// Risk limits, their utilization and the trading halt state (kill switch, reduce-only), kept current by streams.
import { create } from 'zustand';
import type { LimitUtilization, RiskLimit } from '../../core/trading/risk/limits';
import type { TradingStatus } from '../../shared/contracts/risk';

interface RiskState {
  limits: readonly RiskLimit[];
  utilization: readonly LimitUtilization[];
  status: TradingStatus | null;
  setLimits(limits: readonly RiskLimit[]): void;
  setUtilization(utilization: readonly LimitUtilization[]): void;
  setStatus(status: TradingStatus): void;
}

export const useRisk = create<RiskState>((set) => ({
  limits: [],
  utilization: [],
  status: null,
  setLimits: (limits) => set({ limits }),
  setUtilization: (utilization) => set({ utilization }),
  setStatus: (status) => set({ status }),
}));
