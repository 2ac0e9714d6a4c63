// Each panel's Alt shortcut, in one table the registry and the tests read: a digit, or past ten panels an upper-case
// letter that no default trading hotkey uses (Alt+B buys and Alt+S sells).
export const PANEL_KEYS = {
  watchlist: '1',
  chart: '2',
  ticket: '3',
  blotter: '4',
  positions: '5',
  risk: '6',
  backtests: '7',
  research: '8',
  log: '9',
  portfolio: '0',
  strategies: 'T',
} as const;

export type PanelId = keyof typeof PANEL_KEYS;
