// The Portfolio panel's state, kept while the panel is tabbed away: the form, the last optimization and frontier, the
// rebalance preview with the trader's edits, and what the last send did.
import { create } from 'zustand';
import type { RebalanceSubmission } from '../../../core/portfolio/rebalanceSubmission';
import type { PortfolioFrontier, PortfolioOptimization, PortfolioRebalance } from '../../../shared/contracts/portfolio';
import { DEFAULT_PORTFOLIO_FORM, type PortfolioFieldErrors, type PortfolioForm } from './portfolioForm';
import type { QuantityEdits } from './rebalanceEdits';

export interface RebalancePreview {
  readonly plan: PortfolioRebalance;
  /** The symbols and positions the preview was made from (edits re-estimate against these). */
  readonly symbols: readonly string[];
  readonly held: Readonly<Record<string, number>>;
  /** The estimate for the edited quantities, when the trader asked for one. */
  readonly edited: PortfolioRebalance | null;
}

export interface PortfolioState {
  form: PortfolioForm;
  errors: PortfolioFieldErrors;
  busy: string | null;
  optimization: PortfolioOptimization | null;
  frontier: PortfolioFrontier | null;
  preview: RebalancePreview | null;
  edits: QuantityEdits;
  rowErrors: Readonly<Record<string, string>>;
  sent: RebalanceSubmission | null;
  notice: string | null;
  set(patch: Partial<Omit<PortfolioState, 'set' | 'patchForm'>>): void;
  patchForm(patch: Partial<PortfolioForm>): void;
}

export const usePortfolio = create<PortfolioState>((set) => ({
  form: DEFAULT_PORTFOLIO_FORM,
  errors: {},
  busy: null,
  optimization: null,
  frontier: null,
  preview: null,
  edits: {},
  rowErrors: {},
  sent: null,
  notice: null,
  set: (patch) => set(patch),
  patchForm: (patch) => set((s) => ({ form: { ...s.form, ...patch } })),
}));
