// `nautilus report risk`: the current risk report of a data directory in one of five formats, written to a file.
import { existsSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { RISK_REPORT_FORMATS, type RiskReportFormat } from '../../core/report/riskReportTypes';
import { defaultDataDir } from '../../main/dataDir';
import { createWorkerEngineLauncher } from '../../main/headless/workerEngineLauncher';
import { findChromium } from '../../main/report/chromiumPdf';
import { collectRiskReport } from '../../main/report/collectRiskReport';
import { chromiumPrinter, writeRiskReport } from '../../main/report/renderRiskReport';
import { workstationReportDeps } from '../../main/report/workstationReportDeps';
import { SQLITE_FILE, Workstation } from '../../main/workstation';
import { parseCommandArgs } from '../args';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, type CliCommand } from '../command';

const usage = `nautilus report risk --format pdf|html|xlsx|csv|json --out <file> [--data-dir DIR] [--chromium PATH] [--json]

Writes the current risk report of the data directory: positions, P&L, exposures, limit utilization, VaR/ES
by method with component VaR, stress results, today's breaches and performance metrics. csv is a zip with
one file per table. Without --format, the format follows --out's extension (.zip is csv). A section whose
source is not running says "not available" and why. pdf prints the HTML with a Chromium already on this
machine: --chromium, CHROMIUM_PATH, /usr/bin/chromium, /usr/bin/chromium-browser or /usr/bin/google-chrome.
Run it on a data directory no workstation has open (the app exports from its Risk panel: Ctrl+Shift+E).
  --json   print {"format", "path", "bytes", "unavailable"} instead of a sentence`;

const BY_EXTENSION: Readonly<Record<string, RiskReportFormat>> = { '.json': 'json', '.zip': 'csv', '.csv': 'csv', '.xlsx': 'xlsx', '.html': 'html', '.htm': 'html', '.pdf': 'pdf' };

export const reportCommand: CliCommand = {
  name: 'report',
  summary: 'write the risk report (report risk --format pdf|html|xlsx|csv|json --out FILE)',
  usage,
  async run(argv, io) {
    const parsed = parseCommandArgs(argv, { format: { type: 'string' }, out: { type: 'string' }, 'data-dir': { type: 'string' }, chromium: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, true);
    const fail = (message: string, code = EXIT_USAGE) => (io.err(`nautilus report: ${message}\n`), code);
    if (!parsed.ok) return fail(`${parsed.error}\n\n${usage}`);
    const v = parsed.value.values;
    if (v.help) return io.out(`${usage}\n`), EXIT_OK;
    const [what, ...extra] = parsed.value.positionals;
    if (what !== 'risk' || extra.length > 0) return fail(`the only report is "risk"${what ? `, got "${[what, ...extra].join(' ')}"` : ''}\n\n${usage}`);
    const out = v.out as string | undefined;
    if (!out) return fail(`--out is required\n\n${usage}`);
    const formatText = (v.format as string | undefined) ?? BY_EXTENSION[extname(out).toLowerCase()];
    if (!formatText) return fail(`--format is required (${RISK_REPORT_FORMATS.join(', ')}): "${out}" does not say which`);
    const format = RISK_REPORT_FORMATS.find((f) => f === formatText);
    if (!format) return fail(`--format must be one of ${RISK_REPORT_FORMATS.join(', ')}, got "${formatText}"`);
    const dataDir = resolve((v['data-dir'] as string | undefined) ?? defaultDataDir());
    if (!existsSync(join(dataDir, SQLITE_FILE))) return fail(`${dataDir} holds no workstation data (no ${SQLITE_FILE}); start the workstation on it once, or pass --data-dir`);

    // A PDF without a browser fails before any work, with what to install.
    const browser = format === 'pdf' ? findChromium({ explicitPath: v.chromium as string | undefined }) : undefined;
    if (browser && !browser.ok) return fail(browser.error.message, EXIT_FAILURE);

    let ws: Workstation;
    try {
      // Only the risk engine (VaR, stress, exposures) and a market that does not step: the report sees the book as the journal and the last quotes left it.
      ws = await Workstation.start({ dataDir, host: 'headless', engineLauncher: createWorkerEngineLauncher(), engines: ['risk'], syntheticHistory: false, marketIntervalMs: 3_600_000 });
    } catch (e) {
      return fail(`cannot open ${dataDir} (is a workstation running on it? export from its Risk panel instead): ${(e as Error).message}`, EXIT_FAILURE);
    }
    try {
      const report = await collectRiskReport(workstationReportDeps(ws.trading, ws.market, dataDir, {}, Date.now), (done, total, detail) => io.err(`[${done}/${total}] ${detail}\n`));
      const written = await writeRiskReport(report, format, chromiumPrinter(v.chromium as string | undefined), { path: resolve(out) });
      if (!written.ok) return fail(written.error.message, EXIT_FAILURE);
      const file = written.value;
      if (v.json) io.out(`${JSON.stringify({ format: file.format, path: file.path, bytes: file.bytes, unavailable: file.unavailable })}\n`);
      else io.out(`risk report (${format}) written to ${file.path}, ${file.bytes} bytes${file.unavailable.length ? `; ${file.unavailable.length} tables not available (${file.unavailable.map((u) => u.split(':')[0]).join(', ')}: see the Contents table for why)` : ''}\n`);
      return EXIT_OK;
    } finally {
      await ws.stop();
    }
  },
};
