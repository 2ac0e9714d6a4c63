// Entry of the portfolio engine process (worker thread or Electron utility process).
import { serveEngine } from '../runtime/serveEngine';
import { createPortfolioEngine } from './portfolioEngine';

serveEngine(createPortfolioEngine(process.pid));
