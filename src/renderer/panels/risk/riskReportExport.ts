// Exporting the risk report from the UI: the chosen format, the job in flight (from research.progress), the last file,
// and the browser host's download of it. Shared by the Risk panel's button, Ctrl+Shift+E and the palette.
import { create } from 'zustand';
import type { WorkstationClient } from '../../../shared/contracts/client';
import { RISK_REPORT_FORMATS, type RiskReportFormat } from '../../../shared/contracts/riskReport';
import { useNotifications } from '../../state/notificationStore';

export const EXPORT_SHORTCUT = 'Ctrl+Shift+E';
export const REPORT_FORMAT_LABELS: Readonly<Record<RiskReportFormat, string>> = { pdf: 'PDF', html: 'HTML', xlsx: 'Excel (XLSX)', csv: 'CSV (zip)', json: 'JSON' };
export { RISK_REPORT_FORMATS };

export interface ExportJob {
  readonly job: string;
  readonly format: RiskReportFormat;
  readonly done: number;
  readonly total: number;
  readonly detail: string;
}

export type ExportOutcome = { readonly ok: true; readonly fileName: string; readonly path: string; readonly unavailable: number } | { readonly ok: false; readonly message: string };

interface ReportExportState {
  format: RiskReportFormat;
  job: ExportJob | null;
  last: ExportOutcome | null;
  setFormat(format: RiskReportFormat): void;
}

export const useReportExport = create<ReportExportState>((set) => ({
  format: 'pdf',
  job: null,
  last: null,
  setFormat: (format) => set({ format }),
}));

/** Follows the running export's progress (job `report:<name>` on research.progress); returns the unsubscribe. */
export function followExportProgress(api: WorkstationClient): () => void {
  return api.subscribe('research.progress', (p) => {
    const job = useReportExport.getState().job;
    if (!job || p.job !== `report:${job.job}`) return;
    useReportExport.setState({ job: { ...job, done: p.done, total: p.total, detail: p.detail } });
  });
}

/** The browser cannot open a path on the server's disk: the file's bytes come over the API and are saved as a download. */
async function download(api: WorkstationClient, fileName: string): Promise<void> {
  const file = await api.call('report.download', { fileName });
  if (!file.ok) throw new Error(`${file.error.code}: ${file.error.fileName}`);
  const bytes = Uint8Array.from(atob(file.value.base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: file.value.mediaType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

let counter = 0;

/** Writes the report in the chosen format (one export at a time); in the browser host it is also downloaded. */
export async function exportRiskReport(api: WorkstationClient, format = useReportExport.getState().format): Promise<void> {
  if (useReportExport.getState().job) return;
  const job: ExportJob = { job: `ui-${Date.now().toString(36)}-${++counter}`, format, done: 0, total: 0, detail: 'starting' };
  useReportExport.setState({ job, last: null });
  const notify = useNotifications.getState().notify;
  try {
    const written = await api.call('report.risk', { format, job: job.job });
    if (!written.ok) {
      useReportExport.setState({ last: { ok: false, message: written.error.message } });
      notify('error', `Risk report (${REPORT_FORMAT_LABELS[format]}) not written`, written.error.message);
      return;
    }
    const file = written.value;
    const info = await api.call('system.info', {});
    if (info.host === 'headless') await download(api, file.fileName);
    useReportExport.setState({ last: { ok: true, fileName: file.fileName, path: file.path, unavailable: file.unavailable.length } });
    notify('success', `Risk report written: ${file.fileName}`, file.unavailable.length ? `${file.path} — ${file.unavailable.length} sections not available` : file.path);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    useReportExport.setState({ last: { ok: false, message } });
    notify('error', 'Risk report not written', message);
  } finally {
    useReportExport.setState({ job: null });
  }
}
