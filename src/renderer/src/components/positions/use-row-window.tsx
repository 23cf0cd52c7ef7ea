// The DOM side of a virtualised table (the Positions table, the Greeks option table): tracks the
// scroll box's offset and height, re-renders only when the row window (virtual-window.ts) would
// change, and draws the spacer rows that keep the scroll height of the whole list.
import { useCallback, useEffect, useRef, useState } from 'react';
import { rowWindow, scrollToRow, type RowWindow } from './virtual-window';

export interface RowWindowView {
  /** The scroll box (`onScroll={measure}` on it) and the table head (its height is not body). */
  wrap: React.RefObject<HTMLDivElement | null>;
  head: React.RefObject<HTMLTableSectionElement | null>;
  /** Visible height of the table body, px. */
  viewport: number;
  measure: () => void;
  /** Scrolls row `i` fully into view with the least movement. */
  showRow: (i: number) => void;
  win: RowWindow;
}

export function useRowWindow({ count, rowHeight, overscan, active = true }: { count: number; rowHeight: number; overscan: number; active?: boolean }): RowWindowView {
  const wrap = useRef<HTMLDivElement>(null);
  const head = useRef<HTMLTableSectionElement>(null);
  // Body coordinates: the sticky header's height is subtracted.
  const [view, setView] = useState({ offset: 0, viewport: 0 });

  const measure = useCallback((): void => {
    const w = wrap.current;
    if (!w) return;
    const next = { offset: Math.max(0, w.scrollTop), viewport: Math.max(0, w.clientHeight - (head.current?.offsetHeight ?? 0)) };
    // Scroll events fire per pixel; re-render only when the rendered window would change.
    setView((prev) => {
      const a = rowWindow({ ...prev, rowHeight, count, overscan });
      const b = rowWindow({ ...next, rowHeight, count, overscan });
      return a.first === b.first && a.end === b.end && prev.viewport === next.viewport ? prev : next;
    });
  }, [count, rowHeight, overscan]);

  useEffect(() => {
    const w = wrap.current;
    if (!w || !active) return undefined;
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(w);
    return () => ro.disconnect();
  }, [active, measure]);

  const showRow = (i: number): void => {
    const w = wrap.current;
    if (w) w.scrollTop = scrollToRow(i, w.scrollTop, view.viewport, rowHeight);
  };
  return { wrap, head, viewport: view.viewport, measure, showRow, win: rowWindow({ ...view, rowHeight, count: active ? count : 0, overscan }) };
}

/** A spacer row standing in for the rows left out (nothing when there are none). */
export function VtSpacer({ height, span }: { height: number; span: number }) {
  if (height <= 0) return null;
  return (
    <tr className="vt-spacer" aria-hidden="true">
      <td colSpan={span} style={{ height }} />
    </tr>
  );
}
