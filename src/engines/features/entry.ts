// Entry of the features engine process (worker thread or Electron utility process).
import { serveEngine } from '../runtime/serveEngine';
import { createFeaturesEngine } from './featuresEngine';

serveEngine(createFeaturesEngine(process.pid));
