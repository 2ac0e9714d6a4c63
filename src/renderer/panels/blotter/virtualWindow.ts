// Windowing maths for long lists: which rows to render for a scroll position, and where to scroll to show a row.

export interface WindowInput {
  readonly count: number;
  readonly rowHeight: number;
  readonly scrollTop: number;
  readonly viewportHeight: number;
  /** Extra rows rendered above and below, so a fast scroll does not flash empty space. */
  readonly overscan?: number;
}

export interface VisibleWindow {
  /** First rendered row (inclusive) and last (exclusive). */
  readonly start: number;
  readonly end: number;
  /** Where the first rendered row sits, from the top of the full list. */
  readonly offsetTop: number;
  readonly totalHeight: number;
}

export function visibleWindow({ count, rowHeight, scrollTop, viewportHeight, overscan = 4 }: WindowInput): VisibleWindow {
  const totalHeight = Math.max(0, count) * rowHeight;
  if (count <= 0 || rowHeight <= 0) return { start: 0, end: 0, offsetTop: 0, totalHeight };
  const maxScroll = Math.max(0, totalHeight - viewportHeight);
  const top = Math.min(Math.max(0, scrollTop), maxScroll);
  const first = Math.floor(top / rowHeight);
  const visible = Math.ceil(Math.max(0, viewportHeight) / rowHeight) + 1;
  const start = Math.max(0, first - overscan);
  const end = Math.min(count, first + visible + overscan);
  return { start, end, offsetTop: start * rowHeight, totalHeight };
}

/** The scrollTop that brings `index` fully into view with the least movement (unchanged when it already is). */
export function scrollToReveal(index: number, rowHeight: number, scrollTop: number, viewportHeight: number): number {
  const rowTop = index * rowHeight;
  const rowBottom = rowTop + rowHeight;
  if (rowTop < scrollTop) return rowTop;
  if (rowBottom > scrollTop + viewportHeight) return Math.max(0, rowBottom - viewportHeight);
  return scrollTop;
}

/** Moves a selection by `delta` rows (arrows, Page Up/Down), clamped to the list; -1 when empty. */
export function moveSelection(current: number, delta: number, count: number): number {
  if (count <= 0) return -1;
  if (current < 0) return delta >= 0 ? 0 : count - 1;
  return Math.min(count - 1, Math.max(0, current + delta));
}
