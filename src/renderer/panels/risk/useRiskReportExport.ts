// Ctrl+Shift+E exports the risk report in the chosen format from anywhere, the palette lists the export in each format,
// and the export's progress is followed for the whole session.
import { useEffect, useMemo } from 'react';
import { useApi } from '../../api/ApiContext';
import { useRegisterCommands, type PaletteCommand } from '../../state/commandRegistry';
import { useWorkspace } from '../../state/workspaceStore';
import { EXPORT_SHORTCUT, exportRiskReport, followExportProgress, REPORT_FORMAT_LABELS, RISK_REPORT_FORMATS, useReportExport } from './riskReportExport';

export function useRiskReportExport(): void {
  const api = useApi();
  useEffect(() => followExportProgress(api), [api]);
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || !(event.ctrlKey || event.metaKey) || !event.shiftKey || event.altKey || event.key.toLowerCase() !== 'e') return;
      if (useWorkspace.getState().paletteOpen || document.querySelector('[role="dialog"]')) return;
      event.preventDefault();
      void exportRiskReport(api);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [api]);
  const commands = useMemo<PaletteCommand[]>(
    () =>
      RISK_REPORT_FORMATS.map((format) => ({
        id: `report.risk.${format}`,
        title: `Export risk report: ${REPORT_FORMAT_LABELS[format]}`,
        ...(format === useReportExport.getState().format ? { shortcut: EXPORT_SHORTCUT } : {}),
        run: () => {
          useReportExport.getState().setFormat(format);
          void exportRiskReport(api, format);
        },
      })),
    [api],
  );
  useRegisterCommands(commands);
}
