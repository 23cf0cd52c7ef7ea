// The Positions table, virtualised: 500 positions at the 4 Hz push rate cost ~25 ms of script and
// ~35 ms of style/layout/paint per push when every row is in the DOM (issue #7). Only the rows in
// the scroll viewport plus OVERSCAN on each side are rendered, each ROW_H px high (CSS enforces it,
// `/* positions table virtualised */` in styles.css); two spacer rows keep the scroll height of the
// whole list. Rows are memoised on the figures they show, so a push re-renders only rows whose
// text changes. Screen readers get the full size from aria-rowcount / aria-rowindex; the keyboard
// moves through all rows (↑/↓, PageUp/PageDown, Home/End scroll the next row in and focus it) and
// Enter or a click opens the position detail.
import { memo, useLayoutEffect, useRef } from 'react';
import type { PositionView } from '../../../../shared/contract/index';
import { fmtMoney, fmtPct, fmtPrice, fmtQty, pnlClass } from '../../format';
import { useRowWindow, VtSpacer } from './use-row-window';

export const ROW_H = 25;
const OVERSCAN = 8;

type Col = { key: keyof PositionView; label: string; num?: boolean; title?: string; render: (p: PositionView) => React.ReactNode };

export const POSITION_COLS: Col[] = [
  { key: 'symbol', label: 'Symbol', render: (p) => <span className="mono">{p.symbol}</span> },
  { key: 'kind', label: 'Kind', render: (p) => <span className={`tag tag-${p.kind}`}>{p.kind}</span> },
  { key: 'sector', label: 'Sector', render: (p) => <span className="muted">{p.sector ?? '—'}</span> },
  { key: 'qty', label: 'Qty', num: true, render: (p) => <span className={p.qty < 0 ? 'neg' : ''}>{fmtQty(p.qty)}</span> },
  { key: 'avgCost', label: 'Avg cost', num: true, render: (p) => fmtPrice(p.avgCost) },
  { key: 'mark', label: 'Mark', num: true, title: 'Last price; options: Black-Scholes from the underlying', render: (p) => fmtPrice(p.mark) },
  { key: 'marketValue', label: 'Mkt value', num: true, render: (p) => fmtMoney(p.marketValue, { compact: true }) },
  { key: 'exposure', label: 'Exposure', num: true, title: '|notional|; options: delta-adjusted', render: (p) => fmtMoney(p.exposure, { compact: true }) },
  { key: 'unrealizedPnl', label: 'Unreal. P&L', num: true, render: (p) => <span className={pnlClass(p.unrealizedPnl)}>{fmtMoney(p.unrealizedPnl, { sign: true })}</span> },
  { key: 'pnlPct', label: 'P&L %', num: true, title: 'Unrealised P&L / cost basis', render: (p) => <span className={pnlClass(p.pnlPct)}>{fmtPct(p.pnlPct, 2, true)}</span> },
  { key: 'realizedPnl', label: 'Realised', num: true, render: (p) => <span className={pnlClass(p.realizedPnl)}>{fmtMoney(p.realizedPnl, { sign: true })}</span> },
  { key: 'marginUsed', label: 'Margin', num: true, render: (p) => (p.marginUsed ? fmtMoney(p.marginUsed, { compact: true }) : '—') },
  { key: 'liquidationDistance', label: 'To liq.', num: true, title: 'Adverse move that would liquidate (isolated-margin estimate)', render: (p) => (p.liquidationDistance === null ? '—' : fmtPct(p.liquidationDistance, 1)) },
  { key: 'exitCost', label: 'Exit cost', num: true, title: 'Half-spread × size', render: (p) => fmtMoney(p.exitCost) },
];

export type PositionSort = { key: keyof PositionView; dir: 1 | -1 };

interface RowProps {
  p: PositionView;
  /** 0-based index in the sorted, filtered list. */
  index: number;
  onOpen: (symbol: string) => void;
}

/** A push replaces every position object; a row re-renders only when a shown figure changed. */
const sameRow = (a: RowProps, b: RowProps): boolean =>
  a.index === b.index && a.onOpen === b.onOpen && a.p.stale === b.p.stale && POSITION_COLS.every((c) => Object.is(a.p[c.key], b.p[c.key]));

const Row = memo(function Row({ p, index, onOpen }: RowProps) {
  return (
    <tr
      data-testid="position-row"
      data-symbol={p.symbol}
      data-index={index}
      aria-rowindex={index + 2}
      className={p.stale ? 'pos-row stale row-open' : 'pos-row row-open'}
      tabIndex={0}
      onClick={() => onOpen(p.symbol)}
    >
      {POSITION_COLS.map((c) => (
        <td key={c.key} className={c.num ? 'num' : undefined}>
          {c.render(p)}
          {c.key === 'symbol' && p.stale && <span className="stale-badge" title="No price update within the staleness window">STALE</span>}
        </td>
      ))}
    </tr>
  );
}, sameRow);

export interface PositionsTableProps {
  rows: readonly PositionView[];
  /** Positions in the book before filtering (0 shows the empty-book note). */
  total: number;
  sort: PositionSort;
  onSort: (key: keyof PositionView, numeric: boolean) => void;
  onOpen: (symbol: string) => void;
  /** False while another view is shown: nothing is rendered then. */
  active: boolean;
  panelProps: React.HTMLAttributes<HTMLDivElement> & { hidden: boolean };
}

const KEY_STEP: Record<string, (i: number, page: number, n: number) => number> = {
  ArrowDown: (i) => i + 1,
  ArrowUp: (i) => i - 1,
  PageDown: (i, page) => i + page,
  PageUp: (i, page) => i - page,
  Home: () => 0,
  End: (_i, _page, n) => n - 1,
};

export function PositionsTable({ rows, total, sort, onSort, onOpen, active, panelProps }: PositionsTableProps) {
  const { wrap, head, viewport, measure, showRow, win } = useRowWindow({ count: rows.length, rowHeight: ROW_H, overscan: OVERSCAN, active });
  const pendingFocus = useRef<number | null>(null);

  // Keyboard moves focus to a row that may not be rendered yet: scroll, re-render, then focus.
  useLayoutEffect(() => {
    const i = pendingFocus.current;
    if (i === null) return;
    const el = wrap.current?.querySelector<HTMLElement>(`tr[data-index="${i}"]`);
    if (!el) return;
    pendingFocus.current = null;
    el.focus({ preventScroll: true });
  });

  const onKeyDown = (e: React.KeyboardEvent<HTMLTableSectionElement>): void => {
    const tr = (e.target as HTMLElement).closest<HTMLElement>('tr[data-index]');
    const w = wrap.current;
    if (!tr || !w) return;
    const i = Number(tr.dataset.index);
    if (e.key === 'Enter') {
      e.preventDefault(); // else the same Enter activates the dialog's focused close button
      onOpen(tr.dataset.symbol ?? '');
      return;
    }
    const step = KEY_STEP[e.key];
    if (!step || rows.length === 0) return;
    e.preventDefault();
    const page = Math.max(1, Math.floor(viewport / ROW_H) - 1);
    const to = Math.min(rows.length - 1, Math.max(0, step(i, page, rows.length)));
    showRow(to);
    const el = w.querySelector<HTMLElement>(`tr[data-index="${to}"]`);
    if (el) el.focus({ preventScroll: true });
    else pendingFocus.current = to; // focused by the layout effect once the window includes it
    measure();
  };

  const shown = active ? rows.slice(win.first, win.end) : [];
  const cols = POSITION_COLS.length;
  return (
    <div className="table-wrap pos-vt-wrap" ref={wrap} onScroll={measure} {...panelProps}>
      <table className="grid pos-vt" aria-label="Positions" aria-rowcount={rows.length + 1}>
        <thead ref={head}>
          <tr aria-rowindex={1}>
            {POSITION_COLS.map((c) => (
              <th
                key={c.key}
                className={c.num ? 'num sortable' : 'sortable'}
                title={c.title}
                aria-sort={sort.key === c.key ? (sort.dir === 1 ? 'ascending' : 'descending') : 'none'}
                onClick={() => onSort(c.key, c.num === true)}
              >
                {c.label}
                {sort.key === c.key ? (sort.dir === 1 ? ' ▲' : ' ▼') : ''}
              </th>
            ))}
          </tr>
        </thead>
        <tbody onKeyDown={onKeyDown}>
          <VtSpacer height={win.padTop} span={cols} />
          {shown.map((p, k) => (
            <Row key={p.symbol} p={p} index={win.first + k} onOpen={onOpen} />
          ))}
          <VtSpacer height={win.padBottom} span={cols} />
          {total === 0 && (
            <tr>
              <td colSpan={cols} className="empty">No positions. Enter an order or import a CSV below.</td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
