// Start-up: open the journal, build the trading core with ids continuing after the journal's highest, replay, ready to reconcile.
import { createTradingCore, type TradingCore, type TradingCoreOptions } from '../../../core/trading/tradingCore';
import { restoreFromJournal, type RestoreReport } from '../../../core/trading/recovery';
import { SqliteJournal } from './sqliteJournal';

export interface RestoredTradingCore extends TradingCore {
  readonly journal: SqliteJournal;
  readonly restore: RestoreReport;
}

/**
 * Rebuilds OMS, positions and risk aggregates from the journal file. Orders whose requests were
 * unanswered at the crash come back Unknown: call `reconcile(core.oms)` once venues are connected.
 */
export function restoreTradingCore(file: string, options: Omit<TradingCoreOptions, 'journal' | 'highestOrderSequence'>): RestoredTradingCore {
  const journal = SqliteJournal.open(file);
  const core = createTradingCore({ ...options, journal, highestOrderSequence: journal.highestOrderSequence() });
  const restore = restoreFromJournal(core.oms, journal.records());
  // Time-outs decided during restore are journaled before anything else happens.
  core.oms.flush();
  return { ...core, journal, restore };
}
