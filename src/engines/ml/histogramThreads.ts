// Gradient boosting's histogram builds spread over worker threads: the bin codes, derivatives and row partition live
// in SharedArrayBuffers, worker w sums run w of a node's rows into its own shared histogram while the calling thread
// sums run 0, and the runs are added in run order, so the model is bit for bit the one singleThreadHistograms(threads)
// gives. The trainer is synchronous: jobs and completions are handed over with Atomics.wait/notify, no event loop.
import { Worker } from 'node:worker_threads';
import type { FeatureBins } from '../../core/ml/trees/featureBins';
import { partOfRange, sumHistogramRows, type HistogramBuilder, type HistogramSession } from '../../core/ml/trees/histogramBuilder';

/** control slots: the job number (workers wait on it), its row range, the quit flag, then per worker its last job done. */
const JOB = 0;
const FROM = 1;
const TO = 2;
const QUIT = 3;
const DONE = 4;
/** A worker that fails writes this as its "done" job number. */
const FAILED = -1;
/** How long a worker may take to start before the build gives up on it. */
const START_TIMEOUT_MS = 60_000;
/** How long one run of one build may take (a second or so at 1,000,000 rows) before a silent worker is an error, not a hang. */
const RUN_TIMEOUT_MS = 600_000;

/** The worker's whole program: the core's summing loop and range cut, shipped as source text (one home for both). */
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const sumHistogramRows = ${sumHistogramRows.toString()};
const partOfRange = ${partOfRange.toString()};
const { part, parts, features } = workerData;
const control = new Int32Array(workerData.control);
const codes = new Uint8Array(workerData.codes);
const offset = new Int32Array(workerData.offset);
const gradHess = new Float64Array(workerData.gradHess);
const rows = new Uint32Array(workerData.rows);
const hist = new Float64Array(workerData.hist);
let seen = 0;
try {
  Atomics.store(control, ${DONE} + part - 1, 0);
  Atomics.notify(control, ${DONE} + part - 1);
  for (;;) {
    Atomics.wait(control, ${JOB}, seen);
    seen = Atomics.load(control, ${JOB});
    if (Atomics.load(control, ${QUIT}) !== 0) break;
    const run = partOfRange(control[${FROM}], control[${TO}], part, parts);
    hist.fill(0);
    sumHistogramRows(hist, codes, offset, features, gradHess, rows, run.from, run.to);
    Atomics.store(control, ${DONE} + part - 1, seen);
    Atomics.notify(control, ${DONE} + part - 1);
  }
} catch (error) {
  console.error(error);
  Atomics.store(control, ${DONE} + part - 1, ${FAILED});
  Atomics.notify(control, ${DONE} + part - 1);
}
`;

const shared = (bytes: number): SharedArrayBuffer => new SharedArrayBuffer(Math.max(8, bytes));

/** Waits until control[slot] leaves `from`; throws if the worker reported a failure or never answered. */
function awaitChange(control: Int32Array, slot: number, from: number, timeoutMs: number): number {
  const deadline = Date.now() + timeoutMs;
  let v = Atomics.load(control, slot);
  while (v === from) {
    const left = deadline - Date.now();
    if (left <= 0) throw new Error(`histogram worker ${slot - DONE + 1} did not answer within ${timeoutMs} ms`);
    Atomics.wait(control, slot, from, left);
    v = Atomics.load(control, slot);
  }
  if (v === FAILED) throw new Error(`histogram worker ${slot - DONE + 1} failed (its error is on stderr)`);
  return v;
}

/** A builder that uses `threads` threads (the caller's and threads − 1 workers); threads = 1 uses no worker. */
export function threadHistograms(threads = 2): HistogramBuilder {
  if (!Number.isInteger(threads) || threads < 1 || threads > 64) throw new Error(`threads must be a whole number from 1 to 64, got ${threads}`);
  return {
    parts: threads,
    open(bins: FeatureBins, n: number): HistogramSession {
      const p = bins.features;
      const slots = bins.offset[p]!;
      const codes = new Uint8Array(shared(bins.codes.length));
      codes.set(bins.codes);
      const offset = new Int32Array(shared(4 * bins.offset.length));
      offset.set(bins.offset);
      const gradHess = new Float64Array(shared(16 * n), 0, 2 * n);
      const rows = new Uint32Array(shared(4 * n), 0, n);
      const control = new Int32Array(shared(4 * (DONE + threads)));
      for (let w = 0; w < threads - 1; w++) control[DONE + w] = FAILED - 1; // "not started"
      const partials: Float64Array[] = [];
      const workers: Worker[] = [];
      for (let part = 1; part < threads; part++) {
        const hist = shared(16 * slots);
        partials.push(new Float64Array(hist));
        const workerData = { part, parts: threads, features: p, control: control.buffer, codes: codes.buffer, offset: offset.buffer, gradHess: gradHess.buffer, rows: rows.buffer, hist };
        const worker = new Worker(WORKER_SOURCE, { eval: true, workerData, name: `gbt-histogram-${part}` });
        worker.unref();
        workers.push(worker);
      }
      let job = 0;
      let closed = false;
      const close = (): void => {
        if (closed) return;
        closed = true;
        Atomics.store(control, QUIT, 1);
        Atomics.add(control, JOB, 1);
        Atomics.notify(control, JOB);
        for (const worker of workers) void worker.terminate();
      };
      try {
        for (let w = 0; w < threads - 1; w++) awaitChange(control, DONE + w, FAILED - 1, START_TIMEOUT_MS);
      } catch (error) {
        close();
        throw error;
      }
      return {
        codes,
        offset,
        features: p,
        gradHess,
        rows,
        build(hist, from, to) {
          if (closed) throw new Error('histogram session is closed');
          control[FROM] = from;
          control[TO] = to;
          job = Atomics.add(control, JOB, 1) + 1;
          Atomics.notify(control, JOB);
          const first = partOfRange(from, to, 0, threads);
          hist.fill(0);
          sumHistogramRows(hist, codes, offset, p, gradHess, rows, first.from, first.to);
          for (let w = 0; w < threads - 1; w++) {
            let done = Atomics.load(control, DONE + w);
            while (done !== job) done = awaitChange(control, DONE + w, done, RUN_TIMEOUT_MS);
            const partial = partials[w]!;
            for (let k = 0; k < hist.length; k++) hist[k] = hist[k]! + partial[k]!;
          }
        },
        close,
      };
    },
  };
}
