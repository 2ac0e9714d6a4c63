// Entry of the risk engine process (worker thread or Electron utility process).
import { serveEngine } from '../runtime/serveEngine';
import { createRiskEngine } from './riskEngine';

serveEngine(createRiskEngine(process.pid));
