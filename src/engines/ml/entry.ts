// Entry of the ML engine process (worker thread or Electron utility process).
import { serveEngine } from '../runtime/serveEngine';
import { createMlEngine } from './mlEngine';

serveEngine(createMlEngine(process.pid));
