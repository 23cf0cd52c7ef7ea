import { useCallback, useMemo, useState } from 'react';
import type { PositionView } from '../../../shared/contract/index';
import { useApp } from '../store';
import { OrderTicket } from '../components/order-ticket';
import { CsvImport } from '../components/csv-import';
import { SummaryStrip } from '../components/summary-strip';
import { HeatmapView, ViewTabs, heatmapFocus, tabPanelProps, type PositionsViewId } from '../components/positions/view-tabs';
import { PositionDetail } from '../components/positions/position-detail';
import { PositionsTable, type PositionSort } from '../components/positions/positions-table';

export function PositionsPage() {
  const positions = useApp((s) => s.positions);
  const [sort, setSort] = useState<PositionSort>({ key: 'exposure', dir: -1 });
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
  // A new key only when the set of symbols changes, so the order ticket's 500-entry list is not
  // re-rendered on every 4 Hz push.
  const symbolKey = positions.map((p) => p.symbol).join('\n');
  const symbols = useMemo(() => (symbolKey ? symbolKey.split('\n') : []), [symbolKey]);
  const onSort = useCallback((key: keyof PositionView, numeric: boolean): void => {
    setSort((s) => ({ key, dir: s.key === key ? ((-s.dir) as 1 | -1) : numeric ? -1 : 1 }));
  }, []);

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
        <PositionsTable rows={rows} total={positions.length} sort={sort} onSort={onSort} onOpen={setDetail} active={view === 'table'} panelProps={tabPanelProps('table', view)} />
      </section>
      <div className="cols cols-even">
        <OrderTicket symbols={symbols} />
        <CsvImport />
      </div>
    </div>
  );
}
