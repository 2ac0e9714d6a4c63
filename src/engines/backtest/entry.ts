// Entry of the backtest engine process (worker thread or Electron utility process).
import { serveEngine } from '../runtime/serveEngine';
import { createBacktestEngine } from './backtestEngine';

serveEngine(createBacktestEngine(process.pid));
