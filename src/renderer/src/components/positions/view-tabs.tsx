// "Table | Heatmap" on the Positions page: an ARIA tablist (roving tabindex, ←/→/Home/End switch and
// focus the tab), the heatmap tab panel, and where focus returns when a heatmap tile's detail closes.
import { useRef } from 'react';
import type { PositionView } from '../../../../shared/contract/index';
import { useApp } from '../../store';
import { PositionHeatmap } from './position-heatmap';

export type PositionsViewId = 'table' | 'heatmap';
const VIEWS: { id: PositionsViewId; label: string }[] = [
  { id: 'table', label: 'Table' },
  { id: 'heatmap', label: 'Heatmap' },
];

export const tabId = (v: PositionsViewId): string => `positions-tab-${v}`;
export const panelId = (v: PositionsViewId): string => `positions-panel-${v}`;

/** Props that make an element the tab panel of `v` (hidden while another view is selected). */
export function tabPanelProps(
  v: PositionsViewId,
  current: PositionsViewId,
): { id: string; role: 'tabpanel'; 'aria-labelledby': string; hidden: boolean } {
  return { id: panelId(v), role: 'tabpanel', 'aria-labelledby': tabId(v), hidden: v !== current };
}

export function ViewTabs({
  value,
  onChange,
}: {
  value: PositionsViewId;
  onChange: (v: PositionsViewId) => void;
}) {
  const refs = useRef(new Map<PositionsViewId, HTMLButtonElement>());
  const move = (to: PositionsViewId): void => {
    onChange(to);
    refs.current.get(to)?.focus();
  };
  const onKeyDown = (e: React.KeyboardEvent): void => {
    const i = VIEWS.findIndex((v) => v.id === value);
    const n = VIEWS.length;
    const to =
      e.key === 'ArrowRight'
        ? (i + 1) % n
        : e.key === 'ArrowLeft'
          ? (i - 1 + n) % n
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? n - 1
              : -1;
    if (to < 0) return;
    e.preventDefault();
    move(VIEWS[to].id);
  };
  return (
    <div className="view-tabs" role="tablist" aria-label="Positions view" onKeyDown={onKeyDown}>
      {VIEWS.map((v) => (
        <button
          key={v.id}
          ref={(el) => {
            if (el) refs.current.set(v.id, el);
          }}
          type="button"
          role="tab"
          id={tabId(v.id)}
          aria-selected={value === v.id}
          aria-controls={panelId(v.id)}
          tabIndex={value === v.id ? 0 : -1}
          className={value === v.id ? 'view-tab on' : 'view-tab'}
          onClick={() => onChange(v.id)}
        >
          {v.label}
        </button>
      ))}
    </div>
  );
}

/** The heatmap tab panel: the filtered positions, the latest risk snapshot, loading state. */
export function HeatmapView({
  positions,
  onOpen,
}: {
  positions: readonly PositionView[];
  onOpen: (symbol: string) => void;
}) {
  const risk = useApp((s) => s.risk);
  const loading = useApp((s) => s.summary === undefined);
  return (
    <div {...tabPanelProps('heatmap', 'heatmap')} className="heatmap-panel" tabIndex={-1} data-heatmap-focus>
      <PositionHeatmap
        positions={positions}
        risk={risk}
        loading={loading}
        onOpen={onOpen}
        height="max(420px, calc(100vh - 330px))"
      />
    </div>
  );
}

/** Focus target after closing a detail opened from a (non-focusable) canvas tile. */
export const heatmapFocus = (): HTMLElement | null =>
  document.querySelector<HTMLElement>('[data-heatmap-focus]');
