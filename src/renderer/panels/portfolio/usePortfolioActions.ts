// What the Portfolio panel's buttons do: optimize (with the frontier), preview the rebalance, re-estimate edits, send
// (asking first, naming every order) and cancel a basket; each refusal lands on the field or row it names.
import type { RebalanceSendError, RebalanceSubmission } from '../../../core/portfolio/rebalanceSubmission';
import type { WorkstationClient } from '../../../shared/contracts/client';
import { ApiCallError } from '../../../shared/contracts/errors';
import { useApi } from '../../api/ApiContext';
import { useConfirm } from '../../state/confirmStore';
import { notify } from '../../state/notificationStore';
import { useTrading } from '../../state/tradingStore';
import { describeOmsError } from '../common/denialText';
import { fieldErrorsFromIssues, fieldErrorsFromPortfolio, formToOptimize, formToRebalance, type PortfolioFieldErrors } from './portfolioForm';
import { usePortfolio } from './portfolioStore';
import { describeLines, editedLines, impliedWeights, type EditedLine } from './rebalanceEdits';

const state = () => usePortfolio.getState();
const held = (): Record<string, number> => Object.fromEntries(Object.entries(useTrading.getState().positions).map(([s, p]) => [s, p.quantity]));

function failed(error: unknown): PortfolioFieldErrors {
  if (error instanceof ApiCallError) return fieldErrorsFromIssues(error.detail.message, error.detail.issues);
  return { form: (error as Error)?.message ?? String(error) };
}

async function busy<T>(what: string, run: () => Promise<T>): Promise<T | undefined> {
  state().set({ busy: what, notice: null });
  try {
    return await run();
  } catch (error) {
    state().set({ errors: failed(error) });
    return undefined;
  } finally {
    state().set({ busy: null });
  }
}

/** The row a send refusal is about: orders[i].… is the i-th line sent. */
function rowErrorOf(error: RebalanceSendError, lines: readonly EditedLine[]): Record<string, string> {
  const index = Number(/^orders\[(\d+)\]/.exec(error.path)?.[1] ?? -1);
  const symbol = lines[index]?.symbol;
  return symbol ? { [symbol]: error.message } : {};
}

function reportSent(result: RebalanceSubmission): void {
  const basket = result.basketId ? ` as basket ${result.basketId}` : '';
  if (result.denied.length === 0) notify('success', `Rebalance sent${basket}: ${result.sent.length} order${result.sent.length === 1 ? '' : 's'}`);
  else notify('warn', `Rebalance sent${basket}: ${result.sent.length} sent, ${result.denied.length} denied`, result.denied.map((d) => `${d.symbol}: ${describeOmsError(d.error)}`).join('; '));
}

export function usePortfolioActions() {
  const api: WorkstationClient = useApi();
  const optimize = () =>
    busy('Optimizing…', async () => {
      const parsed = formToOptimize(state().form);
      if (!parsed.ok) return state().set({ errors: parsed.errors });
      state().set({ errors: {} });
      const { method: _method, ...constraints } = parsed.value;
      const [result, frontier] = await Promise.all([api.call('portfolio.optimize', parsed.value), api.call('portfolio.frontier', { ...constraints, points: 20 })]);
      if (!result.ok) return state().set({ errors: fieldErrorsFromPortfolio(result.error), optimization: null, frontier: null });
      // A frontier the constraints cannot draw (max-weight too tight for mean-variance, say) leaves the weights shown.
      state().set({ optimization: result.value, frontier: frontier.ok ? frontier.value : null, notice: frontier.ok ? null : `No frontier: ${frontier.error.message}` });
    });

  const preview = () =>
    busy('Previewing…', async () => {
      const positions = held();
      const parsed = formToRebalance(state().form, positions);
      if (!parsed.ok) return state().set({ errors: parsed.errors });
      state().set({ errors: {}, sent: null });
      const result = await api.call('portfolio.rebalance', parsed.value);
      if (!result.ok) return state().set({ errors: fieldErrorsFromPortfolio(result.error), preview: null });
      state().set({ preview: { plan: result.value, symbols: parsed.value.symbols, held: parsed.value.positions ?? {}, edited: null }, edits: {}, rowErrors: {}, ...(result.value.target ? { optimization: result.value.target } : {}) });
    });

  /** Costs and risk after the trade for the edited quantities (the backend sizes the same orders from their weights). */
  const reestimate = () =>
    busy('Re-estimating…', async () => {
      const { preview: p, edits, form } = state();
      if (!p) return;
      const lines = editedLines(p.plan.orders, edits);
      if (!lines.ok) return state().set({ rowErrors: lines.errors });
      const request = formToRebalance(form, p.held);
      if (!request.ok) return state().set({ errors: request.errors });
      const { method: _method, ...rest } = request.value;
      const result = await api.call('portfolio.rebalance', { ...rest, symbols: [...p.symbols], positions: { ...p.held }, targetWeights: impliedWeights(p.plan, lines.lines, p.symbols, p.held), minOrderNotional: 0 });
      if (!result.ok) return state().set({ errors: fieldErrorsFromPortfolio(result.error) });
      state().set({ preview: { ...p, edited: result.value }, rowErrors: {} });
    });

  const send = (basket: boolean) => {
    const { preview: p, edits, sent } = state();
    if (!p || sent) return;
    const lines = editedLines(p.plan.orders, edits);
    if (!lines.ok) return state().set({ rowErrors: lines.errors });
    if (lines.lines.length === 0) return notify('info', 'Nothing to send: every quantity is 0');
    state().set({ rowErrors: {} });
    useConfirm.getState().ask({
      title: basket ? 'Send the rebalance as a basket?' : 'Send the rebalance?',
      message: `${basket ? 'As one basket (cancellable together): ' : ''}${describeLines(lines.lines)}. Each order passes pre-trade risk.`,
      confirmLabel: `Send ${lines.lines.length} order${lines.lines.length === 1 ? '' : 's'}`,
      danger: true,
      destructive: true,
      onConfirm: () =>
        void busy('Sending…', async () => {
          const orders = lines.lines.map(({ symbol, side, quantity }) => ({ symbol, side, quantity }));
          const result = await api.call('portfolio.sendRebalance', { orders, basket });
          if (!result.ok) {
            state().set({ rowErrors: rowErrorOf(result.error, lines.lines), notice: `Nothing sent: ${result.error.message}` });
            return;
          }
          state().set({ sent: result.value });
          reportSent(result.value);
        }),
    });
  };

  const cancelBasket = (basketId: string) =>
    busy('Canceling…', async () => {
      const r = await api.call('portfolio.cancelBasket', { basketId });
      const skipped = r.skipped.length ? `, ${r.skipped.length} could not be canceled (${describeOmsError(r.skipped[0]!.error)})` : '';
      notify('info', `Basket ${basketId}: ${r.canceled.length} cancel${r.canceled.length === 1 ? '' : 's'} sent${skipped}`);
    });

  return { optimize, preview, reestimate, send, cancelBasket };
}
