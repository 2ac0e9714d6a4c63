// Entry of the factors engine process (worker thread or Electron utility process).
import { serveEngine } from '../runtime/serveEngine';
import { createFactorsEngine } from './factorsEngine';

serveEngine(createFactorsEngine(process.pid));
