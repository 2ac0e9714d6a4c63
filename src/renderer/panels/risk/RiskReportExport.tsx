// The Risk panel's export row: the format choice, the export button (Ctrl+Shift+E anywhere), progress and the last file.
import { useApi } from '../../api/ApiContext';
import { EXPORT_SHORTCUT, exportRiskReport, REPORT_FORMAT_LABELS, RISK_REPORT_FORMATS, useReportExport } from './riskReportExport';
import type { RiskReportFormat } from '../../../shared/contracts/riskReport';

export function RiskReportExport() {
  const api = useApi();
  const format = useReportExport((s) => s.format);
  const job = useReportExport((s) => s.job);
  const last = useReportExport((s) => s.last);
  const setFormat = useReportExport((s) => s.setFormat);
  const percent = job && job.total > 0 ? Math.round((job.done / job.total) * 100) : 0;
  return (
    <div className="risk-export" data-testid="risk-export">
      <label>
        Report{' '}
        <select aria-label="Risk report format" data-testid="report-format" value={format} disabled={job !== null} onChange={(e) => setFormat(e.target.value as RiskReportFormat)}>
          {RISK_REPORT_FORMATS.map((f) => (
            <option key={f} value={f}>
              {REPORT_FORMAT_LABELS[f]}
            </option>
          ))}
        </select>
      </label>
      <button data-testid="report-export" disabled={job !== null} onClick={() => void exportRiskReport(api)} title={EXPORT_SHORTCUT}>
        {job ? 'Exporting…' : 'Export'}
      </button>
      {job && (
        <span className="report-progress" data-testid="report-progress">
          <progress max={100} value={percent} aria-label="Report export progress" /> {job.detail}
        </span>
      )}
      {!job && last?.ok && (
        <span className="muted" data-testid="report-last" title={last.path}>
          {last.fileName}
          {last.unavailable > 0 ? ` (${last.unavailable} sections not available)` : ''}
        </span>
      )}
      {!job && last && !last.ok && (
        <span className="error" data-testid="report-error" role="alert">
          {last.message}
        </span>
      )}
    </div>
  );
}
