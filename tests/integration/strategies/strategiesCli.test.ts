// `nautilus strategies` against a running headless workstation: a backtested version is deployed and promoted to
// paper through the API over the WebSocket, listed read-only from the record beside the running app, refused
// input is named before anything is sent, and a stop applies the chosen policy.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHeadlessHost, type HeadlessHost } from '../../../src/main/headless/headlessHost';
import { strategiesCommand } from '../../../src/cli/commands/strategies';
import type { BacktestRunSummary } from '../../../src/shared/contracts/backtest';
import type { StrategiesList, StrategyDeploymentView } from '../../../src/shared/contracts/strategies';
import { exchangeLaunchToken } from '../headless/headlessClient';
import { waitFor } from '../../support/waitFor';

let host: HeadlessHost;
let dataDir: string;
let rendererDir: string;
let url: string;
let session: string;

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await strategiesCommand.run(argv, { out: (t) => void (out += t), err: (t) => void (err += t) });
  return { code, out, err };
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'nautilus-strategies-cli-'));
  rendererDir = mkdtempSync(join(tmpdir(), 'nautilus-renderer-'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>test</title>');
  mkdirSync(join(dataDir, 'strategies'));
  host = await startHeadlessHost({ dataDir, host: '127.0.0.1', port: 0, rendererDir, engines: ['backtest'], poolSize: 1, syntheticHistory: { seed: 9, years: 1, minuteDays: 1 } });
  await waitFor(() => host.workstation.supervisor.health().every((h) => h.state === 'up'), 'the backtest engine up');
  url = `http://127.0.0.1:${host.server.port}`;
  const traded = await exchangeLaunchToken(host.server.port, host.token);
  session = traded.session!;
}, 120_000);

afterAll(async () => {
  await host?.stop();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(rendererDir, { recursive: true, force: true });
});

describe('nautilus strategies', () => {
  it('deploys a backtested version, promotes it to paper, lists it from the record, and stops it holding', async () => {
    const symbols = (await host.workstation.market.listSymbols('1D')).filter((s) => !/USD|EUR|GBP|JPY|CHF/.test(s)).slice(0, 2);
    const bt = (await host.workstation.dispatch('backtest.run', { strategy: 'sma-cross', symbols, params: { fast: 5, slow: 20 } } as never)) as unknown as { ok: true; value: { ok: true; value: BacktestRunSummary } };
    expect(bt.ok && bt.value.ok).toBe(true);

    const deployed = await cli('deploy', 'sma-cross', '--symbols', symbols.join(','), '--param', 'fast=5', '--param', 'slow=20', '--policy', 'hold', '--url', url, '--session', session, '--json');
    expect(deployed.err).toBe('');
    expect(deployed.code).toBe(0);
    const d = (JSON.parse(deployed.out) as { ok: true; value: StrategyDeploymentView }).value;
    // The deployment and the backtest name the same version: same code, same parameters.
    expect(d).toMatchObject({ strategy: 'sma-cross', stage: 'BACKTEST', state: 'READY', policy: 'HOLD', version: bt.value.value.strategyVersion });

    const promoted = await cli('promote', String(d.id), '--approved-by', 'alice', '--note', 'paper first', '--url', url, '--session', session, '--json');
    expect(promoted.code).toBe(0);
    expect(JSON.parse(promoted.out)).toMatchObject({ ok: true, value: { stage: 'PAPER', state: 'RUNNING', venue: 'SIM' } });

    const record = await cli('list', '--data-dir', dataDir, '--json');
    expect(record.code).toBe(0);
    const list = JSON.parse(record.out) as StrategiesList;
    expect(list.deployments.map((x) => [x.id, x.stage, x.state])).toEqual([[d.id, 'PAPER', 'RUNNING']]);
    expect(list.promotions[0]).toMatchObject({ kind: 'promote', approvedBy: 'alice', note: 'paper first', backtest: { stage: 'BACKTEST' } });
    expect(list.promotions[0]!.backtest!.source).toContain(bt.value.value.runId);
    expect(list.runs).toMatchObject([{ version: d.version, stage: 'PAPER', venue: 'SIM', endedAt: null }]);

    const text = await cli('list', '--url', url, '--session', session);
    expect(text.out).toMatch(new RegExp(`#${d.id}  sma-cross@${d.version.slice(0, 10)}  PAPER\\s+RUNNING`));

    const nothing = await cli('rollback', 'sma-cross', '--stage', 'paper', '--url', url, '--session', session);
    expect(nothing.code).toBe(1);
    expect(nothing.err).toContain('NOTHING_TO_ROLL_BACK');

    const stopped = await cli('stop', String(d.id), '--policy', 'hold', '--url', url, '--session', session, '--json');
    expect(JSON.parse(stopped.out)).toMatchObject({ ok: true, value: { state: 'STOPPED' } });
  }, 120_000);

  it('names bad input before sending anything', async () => {
    const badId = await cli('promote', 'seven', '--approved-by', 'alice', '--url', url, '--session', session);
    expect(badId.code).toBe(2);
    expect(badId.err).toContain('promote.deploymentId');
    const badPolicy = await cli('deploy', 'sma-cross', '--symbols', 'AAA', '--policy', 'panic', '--url', url, '--session', session);
    expect(badPolicy.code).toBe(2);
    expect(badPolicy.err).toContain('deploy.policy');
    const noUrl = await cli('pause', '1');
    expect(noUrl.code).toBe(2);
    expect(noUrl.err).toContain('--url');
    const refused = await cli('list', '--url', url, '--session', 'not-a-session');
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('refused');
  });
});
