// Crash test: a backend whose client bursts orders through the API is SIGKILLed at a random moment, again and
// again, on the same data directory. After every kill and restart: everything the client was shown (each
// acknowledged order, each order update, each fill) is shown again by the restarted backend, with the same
// status or a later one, and no acknowledged client order id ever names a different order. The venue side holds
// too: every order the venue saw is in the journal, none was sent twice, none overfilled, and positions equal the
// journal's fills. CRASH_ROUNDS sets the rounds.
import { afterAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SeededRandom } from '../../../src/core/model/clock';
import { Workstation, SQLITE_FILE } from '../../../src/main/workstation';
import { createWorkerEngineLauncher } from '../../../src/main/headless/workerEngineLauncher';
import { auditClient, auditDataDir, restoredView, type ClientFindings, type RestoredView } from './journalAudit';

const ROUNDS = Number(process.env.CRASH_ROUNDS ?? 50);
const CHILD = join(import.meta.dirname, 'crashChild.ts');

/** Starts the backend, lets its client trade for `runMs` after it is ready, then SIGKILLs it. */
function runAndKill(args: readonly string[], runMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c) => (stderr += c));
    child.stdout.on('data', (c: Buffer) => {
      if (c.toString().includes('READY')) setTimeout(() => child.kill('SIGKILL'), runMs);
    });
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve();
      else reject(new Error(`backend exited on its own (code ${code}): ${stderr}`));
    });
  });
}

function expectClientHeld(findings: ClientFindings, round: number): void {
  expect(findings.lostAcks, `round ${round}: acknowledged orders missing after the restart`).toEqual([]);
  expect(findings.lostFills, `round ${round}: fills shown to the client missing after the restart`).toEqual([]);
  expect(findings.wentBack, `round ${round}: orders restored to an earlier status than the client was shown`).toEqual([]);
  expect(findings.reusedIds, `round ${round}: client order ids reused for a different order`).toEqual([]);
}

describe(`journal under SIGKILL (${ROUNDS} rounds)`, () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'nautilus-crash-'));
  const auditFile = join(dataDir, 'venue-audit.jsonl');
  const clientFile = (round: number) => join(dataDir, `client-${round}.jsonl`);
  const restoredFile = (round: number) => join(dataDir, `restored-${round}.json`);
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('loses nothing the client was shown, duplicates nothing, reuses no id', { timeout: 60_000 + ROUNDS * 10_000 }, async () => {
    const random = new SeededRandom(Number(process.env.CRASH_SEED ?? 20261121));
    const specs = new Map<string, string>();
    let acknowledged = 0;
    let fillsShown = 0;
    for (let round = 1; round <= ROUNDS; round++) {
      await runAndKill([dataDir, auditFile, clientFile(round), restoredFile(round)], random.int(0, 250));
      if (round > 1) {
        // This round's start is the restart after the previous round's kill.
        const restored = JSON.parse(readFileSync(restoredFile(round), 'utf8')) as RestoredView;
        const findings = auditClient(clientFile(round - 1), restored, specs);
        acknowledged += findings.acknowledged;
        fillsShown += findings.fillsShown;
        expectClientHeld(findings, round - 1);
      }
      const findings = auditDataDir(join(dataDir, SQLITE_FILE), auditFile);
      expect(findings.missingFromJournal, `round ${round}: the venue saw orders the journal lacks`).toEqual([]);
      expect(findings.sentTwice, `round ${round}: orders sent to the venue twice`).toEqual([]);
      expect(findings.overfilled, `round ${round}: orders filled beyond their quantity`).toEqual([]);
    }

    // The last restart: the client's view and positions equal to the journal's fills.
    const findings = auditDataDir(join(dataDir, SQLITE_FILE), auditFile);
    expect(findings.venueSaw).toBeGreaterThan(ROUNDS); // the bursts really reached the venue
    const ws = await Workstation.start({ dataDir, host: 'headless', engineLauncher: createWorkerEngineLauncher(), engines: [], syntheticHistory: false });
    try {
      const client = auditClient(clientFile(ROUNDS), await restoredView(ws.dispatch), specs);
      acknowledged += client.acknowledged;
      fillsShown += client.fillsShown;
      expectClientHeld(client, ROUNDS);
      // The client really was shown a lot: acknowledgements and fills in most rounds.
      expect(acknowledged).toBeGreaterThan(ROUNDS * 10);
      expect(fillsShown).toBeGreaterThan(ROUNDS);
      const positions = new Map(ws.trading.core.positions.positions().map((p) => [p.symbol, p.quantity]));
      for (const [symbol, quantity] of findings.fillsBySymbol) expect(positions.get(symbol) ?? 0, symbol).toBeCloseTo(quantity, 9);
      expect(ws.trading.core.oms.orders().filter((o) => o.status === 'Unknown')).toEqual([]);
      console.log(`crash test: ${ROUNDS} rounds, ${acknowledged} acknowledgements and ${fillsShown} fills shown to the client, ${findings.venueSaw} orders at the venue, all held`);
    } finally {
      await ws.stop();
    }
  });
});
