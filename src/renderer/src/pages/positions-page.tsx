import { useMemo, useState } from 'react';
import type { PositionView } from '../../../shared/contract/index';
import { fmtMoney, fmtPct, fmtPrice, fmtQty, pnlClass } from '../format';
import { useApp } from '../store';
import { OrderTicket } from '../components/order-ticket';
import { CsvImport } from '../components/csv-import';
import { SummaryStrip } from '../components/summary-strip';
import { HeatmapView, ViewTabs, heatmapFocus, tabPanelProps, type PositionsViewId } from '../components/positions/view-tabs';
import { PositionDetail } from '../components/positions/position-detail';

type Col = { key: keyof PositionView; label: string; num?: boolean; title?: string; render: (p: PositionView) => React.ReactNode };

const COLS: Col[] = [
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

export function PositionsPage() {
  const positions = useApp((s) => s.positions);
  const [sort, setSort] = useState<{ key: keyof PositionView; dir: 1 | -1 }>({ key: 'exposure', dir: -1 });
  const [filter, setFilter] = useState('');
  const [kind, setKind] = useState('');
  const [view, setView] = useState<PositionsViewId>('table');
  const [detail, setDetail] = useState<string | null>(null);

  const rows = useMemo(() => {
    const f = filter.trim().toUpperCase();
    const list = positions.filter((p) => (!f || p.symbol.includes(f) || (p.sector ?? '').toUpperCase().includes(f)) && (!kind || p.kind === kind));
    const k = sort.key;
    return [...list].sort((a, b) => {
      const x = a[k];
      const y = b[k];
      if (typeof x === 'number' && typeof y === 'number') return (x - y) * sort.dir;
      return String(x ?? '').localeCompare(String(y ?? '')) * sort.dir;
    });
  }, [positions, sort, filter, kind]);

  return (
    <div className="page page-positions">
      <SummaryStrip />
      {detail && <PositionDetail symbol={detail} onClose={() => setDetail(null)} fallbackFocus={heatmapFocus} />}
      <section className="panel panel-fill">
        <div className="panel-head">
          <h2>Positions</h2>
          <ViewTabs value={view} onChange={setView} />
          <span className="muted">{rows.length} of {positions.length}</span>
          <div className="spacer" />
          <label className="field-label" htmlFor="pos-filter">Filter</label>
          <input id="pos-filter" className="input input-sm" placeholder="symbol or sector" value={filter} onChange={(e) => setFilter(e.target.value)} />
          <label className="field-label" htmlFor="pos-kind">Kind</label>
          <select id="pos-kind" className="input input-sm" value={kind} onChange={(e) => setKind(e.target.value)}>
            <option value="">all</option>
            <option value="spot">spot</option>
            <option value="perp">perp</option>
            <option value="future">future</option>
            <option value="option">option</option>
          </select>
        </div>
        {view === 'heatmap' && <HeatmapView positions={rows} onOpen={setDetail} />}
        <div className="table-wrap" {...tabPanelProps('table', view)}>
          <table className="grid" aria-label="Positions">
            <thead>
              <tr>
                {COLS.map((c) => (
                  <th
                    key={c.key}
                    className={c.num ? 'num sortable' : 'sortable'}
                    title={c.title}
                    aria-sort={sort.key === c.key ? (sort.dir === 1 ? 'ascending' : 'descending') : 'none'}
                    onClick={() => setSort((s) => ({ key: c.key, dir: s.key === c.key ? ((-s.dir) as 1 | -1) : c.num ? -1 : 1 }))}
                  >
                    {c.label}
                    {sort.key === c.key ? (sort.dir === 1 ? ' ▲' : ' ▼') : ''}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {/* The hidden table is not rendered while the heatmap shows: 500 rows at 4 Hz is not free. */}
              {(view === 'table' ? rows : []).map((p) => (
                <tr key={p.symbol} data-testid="position-row" data-symbol={p.symbol} className={p.stale ? 'stale row-open' : 'row-open'} tabIndex={0} onClick={() => setDetail(p.symbol)} onKeyDown={(e) => {
                  if (e.key !== 'Enter') return;
                  e.preventDefault(); // else the same Enter activates the dialog's focused close button
                  setDetail(p.symbol);
                }}>
                  {COLS.map((c) => (
                    <td key={c.key} className={c.num ? 'num' : undefined}>
                      {c.render(p)}
                      {c.key === 'symbol' && p.stale && <span className="stale-badge" title="No price update within the staleness window">STALE</span>}
                    </td>
                  ))}
                </tr>
              ))}
              {positions.length === 0 && (
                <tr>
                  <td colSpan={COLS.length} className="empty">No positions. Enter an order or import a CSV below.</td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
      </section>
      <div className="cols cols-even">
        <OrderTicket symbols={positions.map((p) => p.symbol)} />
        <CsvImport />
      </div>
    </div>
  );
}
