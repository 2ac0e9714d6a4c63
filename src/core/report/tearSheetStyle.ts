// The tear sheet's stylesheet, inline: system fonts only, print-friendly, no external resources.

export const TEAR_SHEET_CSS = `
*{box-sizing:border-box}
body{margin:0;background:#f3f5f8;color:#1d2733;font:13px/1.45 -apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Liberation Sans",sans-serif;-webkit-print-color-adjust:exact;print-color-adjust:exact}
main{max-width:1140px;margin:0 auto;padding:24px 28px 32px}
header h1{font-size:22px;font-weight:650;margin:0 0 4px;letter-spacing:-.01em}
header .sub{margin:0;color:#5b6573}
.kpis{display:grid;grid-template-columns:repeat(6,1fr);gap:10px;margin:18px 0}
.kpi{background:#fff;border:1px solid #e1e5eb;border-radius:6px;padding:10px 12px}
.kpi .label{color:#5b6573;font-size:11px;text-transform:uppercase;letter-spacing:.05em}
.kpi .value{font-size:20px;font-weight:600;font-variant-numeric:tabular-nums;margin-top:2px}
.neg{color:#b03a2e}
section{background:#fff;border:1px solid #e1e5eb;border-radius:6px;padding:14px 16px;margin-bottom:14px;min-width:0}
h2{font-size:14px;font-weight:650;margin:0 0 8px}
h2 .note,.note{font-weight:400;color:#7a8494;font-size:12px}
.cols{display:grid;grid-template-columns:1fr 1fr;gap:14px}
.cols>section{margin-bottom:14px}
svg.chart{display:block;width:100%;height:auto}
table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums}
th,td{padding:3px 8px;text-align:right;border-bottom:1px solid #eef0f3;white-space:nowrap}
th:first-child,td:first-child{text-align:left}
thead th{font-weight:600;color:#3b4654;border-bottom:1px solid #cfd5dd}
tr.group td{font-weight:650;padding-top:9px;color:#1f4e79;border-bottom:1px solid #dfe4ea}
table.drawdowns td:first-child{color:#7a8494}
.open{color:#b03a2e;font-style:italic}
#conventions dl{margin:0;display:grid;grid-template-columns:max-content 1fr;gap:3px 12px;font-size:11.5px;color:#3b4654}
#conventions dt{font-weight:600;color:#1d2733}
#conventions dd{margin:0}
.rf{margin:0 0 8px}
.empty{color:#7a8494}
footer{color:#7a8494;font-size:11px;margin-top:6px}
@media print{body{background:#fff}main{padding:0}section{break-inside:avoid}}
`;
