// The factors engine: holds a universe panel (sent once per run, shared memory where the host allows it) and
// evaluates and analyses factors over it, one factor per call, so a run spreads factor by factor across the pool.
import { analysisWorkspace, analyzeDateMajor, analyzeFactor, dateRanks, evaluateOnPanel, forwardReturns, resolveFactor, toDateMajor, type AnalysisWorkspace, type DateRanks, type FactorAnalysis, type FactorAnalysisOptions, type FactorSpec, type FactorSpecError, type Panel } from '../../core/factors';
import { err, ok, type Result } from '../../core/model/result';
import type { EngineBase } from '../runtime/engineContract';

/** A panel as it crosses the port: plain records instead of maps. */
export interface PanelMessage {
  readonly symbols: readonly string[];
  readonly times: Float64Array;
  readonly columns: Readonly<Record<string, Float64Array>>;
  readonly groups: Readonly<Record<string, Int32Array>>;
}

export interface AnalyzeJob {
  readonly spec: FactorSpec;
  readonly options: FactorAnalysisOptions;
  /** Send the factor's values back too (for correlations and composites). */
  readonly returnValues?: boolean;
}

export interface AnalyzedFactor {
  readonly name: string;
  readonly expression: string;
  readonly analysis: FactorAnalysis;
  readonly values: Float64Array | null;
}

export type PanelError = { readonly code: 'NO_PANEL'; readonly message: string };

export interface FactorsEngine extends EngineBase {
  loadPanel(key: string, panel: PanelMessage): Promise<{ symbols: number; dates: number }>;
  dropPanel(key: string): Promise<void>;
  analyze(key: string, job: AnalyzeJob): Promise<Result<AnalyzedFactor, FactorSpecError | PanelError>>;
  compute(key: string, spec: FactorSpec): Promise<Result<{ name: string; values: Float64Array }, FactorSpecError | PanelError>>;
  /** Analyses given values (a composite) against the panel's forward returns. */
  analyzeValues(key: string, name: string, values: Float64Array, options: FactorAnalysisOptions): Promise<Result<AnalyzedFactor, PanelError>>;
}

interface LoadedPanel {
  readonly panel: Panel;
  /** Forward returns per horizon, date-major. */
  readonly forwards: Map<number, Float64Array>;
  /** Their ranks per date, so no factor re-sorts them. */
  readonly forwardRanks: Map<number, DateRanks>;
  /** Panel-sized buffers reused by every factor analysed here: date-major values and their ranks. */
  readonly workspace: AnalysisWorkspace;
}

export const toPanel = (message: PanelMessage): Panel => ({
  symbols: message.symbols,
  times: message.times,
  columns: new Map(Object.entries(message.columns)),
  groups: new Map(Object.entries(message.groups)),
});

export function createFactorsEngine(processId: number): FactorsEngine {
  const panels = new Map<string, LoadedPanel>();
  const loaded = (key: string): Result<LoadedPanel, PanelError> => {
    const found = panels.get(key);
    return found ? ok(found) : err({ code: 'NO_PANEL', message: `no panel '${key}' is loaded on this engine (it may have restarted)` });
  };
  const forward = (p: LoadedPanel) => (h: number) => {
    let f = p.forwards.get(h);
    if (!f) {
      f = toDateMajor(forwardReturns(p.panel.columns.get('close')!, p.panel.times.length, h), p.panel.times.length);
      p.forwards.set(h, f);
    }
    return f;
  };
  const forwardRanks = (p: LoadedPanel) => (h: number) => {
    let r = p.forwardRanks.get(h);
    if (!r) {
      r = dateRanks(forward(p)(h), p.panel.times.length);
      p.forwardRanks.set(h, r);
    }
    return r;
  };
  const context = (panel: Panel) => ({ dates: panel.times.length, groups: [...panel.groups.keys()] });
  return {
    async ping() {
      return { pid: processId, name: 'factors' };
    },
    async loadPanel(key, message) {
      // One panel at a time: a new run replaces the last one's memory.
      panels.clear();
      const panel = toPanel(message);
      if (!panel.columns.has('close')) throw new Error('a factor panel needs a close column');
      panels.set(key, { panel, forwards: new Map(), forwardRanks: new Map(), workspace: analysisWorkspace(panel.symbols.length, panel.times.length) });
      return { symbols: panel.symbols.length, dates: panel.times.length };
    },
    async dropPanel(key) {
      panels.delete(key);
    },
    async analyze(key, job) {
      const p = loaded(key);
      if (!p.ok) return p;
      const factor = resolveFactor(job.spec, context(p.value.panel));
      if (!factor.ok) return factor;
      const T = p.value.panel.times.length;
      if (job.returnValues) {
        // Values sent back get their own array.
        const values = evaluateOnPanel(factor.value, p.value.panel);
        const analysis = analyzeFactor(values, forward(p.value), T, job.options, forwardRanks(p.value), p.value.workspace);
        return ok({ name: factor.value.name, expression: factor.value.checked.source, analysis, values });
      }
      // Otherwise straight into the workspace, date-major: no panel-sized allocation and no transposition per factor.
      const dateMajor = evaluateOnPanel(factor.value, p.value.panel, p.value.workspace.dateMajor, 'date-major');
      const analysis = analyzeDateMajor(dateMajor, forward(p.value), T, job.options, forwardRanks(p.value), p.value.workspace);
      return ok({ name: factor.value.name, expression: factor.value.checked.source, analysis, values: null });
    },
    async compute(key, spec) {
      const p = loaded(key);
      if (!p.ok) return p;
      const factor = resolveFactor(spec, context(p.value.panel));
      if (!factor.ok) return factor;
      return ok({ name: factor.value.name, values: evaluateOnPanel(factor.value, p.value.panel) });
    },
    async analyzeValues(key, name, values, options) {
      const p = loaded(key);
      if (!p.ok) return p;
      const analysis = analyzeFactor(values, forward(p.value), p.value.panel.times.length, options, forwardRanks(p.value), p.value.workspace);
      return ok({ name, expression: name, analysis, values: null });
    },
  };
}
