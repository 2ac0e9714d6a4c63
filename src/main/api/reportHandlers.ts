// report.* methods: the risk report in one of five formats, written under the data directory (progress on
// research.progress), and a written report's bytes for the browser host's download.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { err, ok } from '../../core/model/result';
import { reportFileKind, RISK_REPORT_FORMATS } from '../../core/report/riskReportTypes';
import type { WorkstationApi } from '../../shared/contracts/api';
import type { RiskReport, RiskReportFile } from '../../shared/contracts/riskReport';
import type { MessageBus } from '../bus/messageBus';
import { COLLECT_STEPS, collectRiskReport, type CollectDeps } from '../report/collectRiskReport';
import { REPORTS_FOLDER, writeRiskReport, type PdfPrinter } from '../report/renderRiskReport';

type ReportHandlers = Pick<WorkstationApi, 'report.risk' | 'report.download'>;

export interface ReportHandlerDeps {
  readonly collect: CollectDeps;
  /** The desktop app prints with its hidden window; the Node host with a headless Chromium. */
  readonly printPdf: PdfPrinter;
  /** Told of each report written (the workstation puts it in the sync outbox). */
  readonly written?: (report: RiskReport, file: RiskReportFile) => void;
}

export function reportHandlers(deps: ReportHandlerDeps, bus: MessageBus): ReportHandlers {
  let anonymous = 0;
  return {
    'report.risk': async ({ format, job }) => {
      const name = `report:${job ?? `risk-${++anonymous}`}`;
      const total = COLLECT_STEPS + 1;
      const progress = (done: number, detail: string) => bus.publish('research.progress', { job: name, done, total, detail });
      const report = await collectRiskReport(deps.collect, (done, _total, detail) => progress(done, detail));
      progress(COLLECT_STEPS, `writing ${format.toUpperCase()}`);
      const written = await writeRiskReport(report, format, deps.printPdf, { dataDir: deps.collect.dataDir });
      progress(total, written.ok ? `written ${written.value.fileName}` : `failed: ${written.error.message}`);
      if (written.ok) deps.written?.(report, written.value);
      return written;
    },
    'report.download': async ({ fileName }) => {
      const format = RISK_REPORT_FORMATS.find((f) => fileName.startsWith('risk-report-') && fileName.endsWith(`.${reportFileKind(f).extension}`));
      const path = join(deps.collect.dataDir, REPORTS_FOLDER, fileName);
      if (!format || !existsSync(path)) return err({ code: 'REPORT_NOT_FOUND', fileName });
      return ok({ fileName, mediaType: reportFileKind(format).mediaType, base64: readFileSync(path).toString('base64') });
    },
  };
}
