// Gradient boosting's histogram builds spread over worker threads. The bin codes, derivatives and row partition live
// in SharedArrayBuffers; a tree level's histograms are cut into runs (runsOf, the same cut as on one thread), and the
// calling thread and the workers take runs one at a time from a shared counter, each summing its run into a shared
// slot; the caller then adds each histogram's runs in run order. So the model is bit for bit the one-thread model,
// whatever the thread count, and a thread the OS has descheduled holds up only the run it took. The trainer is
// synchronous: batches and completions are handed over with Atomics (wait/notify, compare-exchange), no event loop.
import { Worker } from 'node:worker_threads';
import type { FeatureBins } from '../../core/ml/trees/featureBins';
import { MAX_RUNS, partOfRange, runsOf, sumHistogramRows, type HistogramBuilder, type HistogramJob, type HistogramSession } from '../../core/ml/trees/histogramBuilder';

/** control slots: batch number (workers wait on it), next run (batch tag << 16 | run), runs, runs done, quit, started, failed. */
const BATCH = 0;
const NEXT = 1;
const COUNT = 2;
const DONE = 3;
const QUIT = 4;
const STARTED = 5;
const FAILED = 6;
const CONTROL_SLOTS = 7;
/** Runs per batch (shared histogram slots): a level with more runs is built in several batches. */
const SLOTS = 4 * MAX_RUNS;
/** How long the workers may take to start, and one batch to finish, before a silent worker is an error, not a hang. */
const START_TIMEOUT_MS = 60_000;
const BATCH_TIMEOUT_MS = 600_000;

/**
 * Takes runs of batch `batch` from the shared counter until none is left, summing each into its slot. Self-contained
 * (the summing loop comes in as `sum`): the workers run this same function, shipped as source text.
 */
// control[1], [2], [3] are NEXT, COUNT and DONE (literal: this function may not name anything outside itself)
export function takeRuns(sum: typeof sumHistogramRows, batch: number, control: Int32Array, tasks: Int32Array, slots: Float64Array, slotSize: number, codes: Uint8Array, offset: Int32Array, features: number, gradHess: Float64Array, rows: Uint32Array): void {
  const count = Atomics.load(control, 2);
  for (;;) {
    const next = Atomics.load(control, 1);
    if (next >>> 16 !== (batch & 0x7fff) || (next & 0xffff) >= count) return;
    if (Atomics.compareExchange(control, 1, next, next + 1) !== next) continue;
    const run = next & 0xffff;
    const hist = slots.subarray(run * slotSize, (run + 1) * slotSize);
    hist.fill(0);
    sum(hist, codes, offset, features, gradHess, rows, tasks[2 * run]!, tasks[2 * run + 1]!);
    Atomics.add(control, 3, 1);
    Atomics.notify(control, 3);
  }
}

const WORKER_SOURCE = `
const { workerData: d } = require('node:worker_threads');
const sum = ${sumHistogramRows.toString()};
const takeRuns = ${takeRuns.toString()};
const control = new Int32Array(d.control);
const tasks = new Int32Array(d.tasks);
const slots = new Float64Array(d.slots);
const codes = new Uint8Array(d.codes);
const offset = new Int32Array(d.offset);
const gradHess = new Float64Array(d.gradHess);
const rows = new Uint32Array(d.rows);
try {
  Atomics.add(control, ${STARTED}, 1);
  Atomics.notify(control, ${STARTED});
  let seen = 0;
  for (;;) {
    Atomics.wait(control, ${BATCH}, seen);
    seen = Atomics.load(control, ${BATCH});
    if (Atomics.load(control, ${QUIT}) !== 0) break;
    takeRuns(sum, seen, control, tasks, slots, d.slotSize, codes, offset, d.features, gradHess, rows);
  }
} catch (error) {
  console.error(error);
  Atomics.store(control, ${FAILED}, 1);
  Atomics.notify(control, ${DONE});
  Atomics.notify(control, ${STARTED});
}
`;

const shared = (bytes: number): SharedArrayBuffer => new SharedArrayBuffer(Math.max(8, bytes));

/** Waits until control[slot] reaches `target`; throws if a worker failed or the wait outlasts timeoutMs. */
function awaitCount(control: Int32Array, slot: number, target: number, timeoutMs: number, what: string): void {
  const deadline = Date.now() + timeoutMs;
  for (let v = Atomics.load(control, slot); v < target; v = Atomics.load(control, slot)) {
    if (Atomics.load(control, FAILED) !== 0) throw new Error(`a histogram worker failed while ${what} (its error is on stderr)`);
    const left = deadline - Date.now();
    if (left <= 0) throw new Error(`histogram workers did not finish ${what} within ${timeoutMs} ms`);
    Atomics.wait(control, slot, v, left);
  }
  if (Atomics.load(control, FAILED) !== 0) throw new Error(`a histogram worker failed while ${what} (its error is on stderr)`);
}

/** A builder that uses `threads` threads (the caller's and threads − 1 workers); threads = 1 uses no worker. */
export function threadHistograms(threads = 2): HistogramBuilder {
  if (!Number.isInteger(threads) || threads < 1 || threads > 64) throw new Error(`threads must be a whole number from 1 to 64, got ${threads}`);
  return {
    open(bins: FeatureBins, n: number): HistogramSession {
      const features = bins.features;
      const slotSize = 2 * bins.offset[features]!;
      const codes = new Uint8Array(shared(bins.codes.length));
      codes.set(bins.codes);
      const offset = new Int32Array(shared(4 * bins.offset.length));
      offset.set(bins.offset);
      const gradHess = new Float64Array(shared(16 * n), 0, 2 * n);
      const rows = new Uint32Array(shared(4 * n), 0, n);
      const control = new Int32Array(shared(4 * CONTROL_SLOTS));
      const tasks = new Int32Array(shared(8 * SLOTS));
      const slots = new Float64Array(shared(8 * SLOTS * slotSize));
      const workers: Worker[] = [];
      for (let w = 1; w < threads; w++) {
        const workerData = { control: control.buffer, tasks: tasks.buffer, slots: slots.buffer, slotSize, codes: codes.buffer, offset: offset.buffer, features, gradHess: gradHess.buffer, rows: rows.buffer };
        const worker = new Worker(WORKER_SOURCE, { eval: true, workerData, name: `gbt-histogram-${w}` });
        worker.unref();
        workers.push(worker);
      }
      let batch = 0;
      let closed = false;
      const close = (): void => {
        if (closed) return;
        closed = true;
        Atomics.store(control, QUIT, 1);
        Atomics.add(control, BATCH, 1);
        Atomics.notify(control, BATCH);
        for (const worker of workers) void worker.terminate();
      };
      try {
        awaitCount(control, STARTED, threads - 1, START_TIMEOUT_MS, 'starting');
      } catch (error) {
        close();
        throw error;
      }

      /** Builds jobs[first, end), whose runs fit the slots. */
      const buildBatch = (jobs: readonly HistogramJob[], first: number, end: number): void => {
        // close the counter under the next batch's tag before rewriting the tasks, so a late worker takes nothing stale
        Atomics.store(control, NEXT, (((batch + 1) & 0x7fff) << 16) | 0xffff);
        let count = 0;
        for (let j = first; j < end; j++) {
          const { from, to } = jobs[j]!;
          const runs = runsOf(to - from);
          for (let run = 0; run < runs; run++, count++) {
            const part = partOfRange(from, to, run, runs);
            tasks[2 * count] = part.from;
            tasks[2 * count + 1] = part.to;
          }
        }
        Atomics.store(control, COUNT, count);
        Atomics.store(control, DONE, 0);
        batch++;
        Atomics.store(control, NEXT, (batch & 0x7fff) << 16);
        Atomics.store(control, BATCH, batch);
        Atomics.notify(control, BATCH);
        takeRuns(sumHistogramRows, batch, control, tasks, slots, slotSize, codes, offset, features, gradHess, rows);
        awaitCount(control, DONE, count, BATCH_TIMEOUT_MS, 'a batch of runs');
        let slot = 0;
        for (let j = first; j < end; j++) {
          const { hist, from, to } = jobs[j]!;
          const runs = runsOf(to - from);
          hist.set(slots.subarray(slot * slotSize, (slot + 1) * slotSize));
          for (let run = 1; run < runs; run++) {
            const partial = slots.subarray((slot + run) * slotSize, (slot + run + 1) * slotSize);
            for (let k = 0; k < slotSize; k++) hist[k] = hist[k]! + partial[k]!;
          }
          slot += runs;
        }
      };

      return {
        codes,
        offset,
        features,
        gradHess,
        rows,
        build(jobs) {
          if (closed) throw new Error('histogram session is closed');
          let first = 0;
          let runs = 0;
          for (let j = 0; j < jobs.length; j++) {
            const r = runsOf(jobs[j]!.to - jobs[j]!.from);
            if (runs + r > SLOTS) {
              buildBatch(jobs, first, j);
              first = j;
              runs = 0;
            }
            runs += r;
          }
          if (first < jobs.length) buildBatch(jobs, first, jobs.length);
        },
        close,
      };
    },
  };
}
