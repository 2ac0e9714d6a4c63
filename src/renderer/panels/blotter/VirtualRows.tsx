// A windowed list: renders only the rows in view (plus a few), so ten thousand rows scroll like ten. An optional header
// sits sticky inside the same scroll container, so header and rows scroll together sideways.
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { scrollToReveal, visibleWindow } from './virtualWindow';

interface Props {
  count: number;
  rowHeight: number;
  /** The keyboard cursor; kept in view as it moves. */
  cursor: number;
  renderRow(index: number): ReactNode;
  label: string;
  testId?: string;
  onKeyDown?(event: KeyboardEvent<HTMLDivElement>): void;
  activeId?: string;
  header?: ReactNode;
  /** The header's height: rows are visible only below it. */
  headerHeight?: number;
}

export function VirtualRows({ count, rowHeight, cursor, renderRow, label, testId, onKeyDown, activeId, header, headerHeight = 0 }: Props) {
  const viewport = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(300);

  useLayoutEffect(() => {
    const el = viewport.current;
    if (!el) return;
    setHeight(el.clientHeight);
    const observer = new ResizeObserver(() => setHeight(el.clientHeight));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const el = viewport.current;
    if (!el || cursor < 0) return;
    const next = scrollToReveal(cursor, rowHeight, el.scrollTop, el.clientHeight - headerHeight);
    if (next !== el.scrollTop) el.scrollTop = next;
  }, [cursor, rowHeight, headerHeight]);

  const win = visibleWindow({ count, rowHeight, scrollTop, viewportHeight: Math.max(0, height - headerHeight) });
  const rows: ReactNode[] = [];
  for (let i = win.start; i < win.end; i++) rows.push(renderRow(i));

  return (
    <div
      ref={viewport}
      className="virtual-viewport"
      role="rowgroup"
      aria-label={label}
      aria-rowcount={count}
      aria-activedescendant={activeId}
      tabIndex={0}
      data-autofocus
      data-testid={testId}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      onKeyDown={onKeyDown}
    >
      {header && <div className="virtual-header">{header}</div>}
      <div style={{ height: win.totalHeight, position: 'relative' }}>
        <div style={{ position: 'absolute', top: win.offsetTop, left: 0, right: 0 }}>{rows}</div>
      </div>
    </div>
  );
}
