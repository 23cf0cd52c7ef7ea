// The position heatmap: a treemap grouped asset class → underlying → position, tile area =
// |exposure|, colour = P&L % or risk contribution (toggle). The tree is rebuilt with useMemo per push
// and painted on one canvas (heat-canvas.tsx explains why not echarts); tiles keep their place
// (heat-tree.ts). A visually hidden table lists every tile for screen readers and keyboard users
// (each row opens the position).
import { useCallback, useMemo, useState } from 'react';
import type { PositionView, RiskSnapshot } from '../../../../shared/contract/index';
import { useChartTheme } from '../../charts/lw-chart';
import { fmtMoney, fmtPct } from '../../format';
import { legendGradient, palette, type HeatMode } from './heat-colors';
import { buildHeatTree, tileFigure, type Contribution, type Tile } from './heat-tree';
import { HeatCanvas } from './heat-canvas';
import { TileTable } from './tile-table';
import { CONVENTIONS } from './conventions';
import { useNow } from '../use-now';

export interface PositionHeatmapProps {
  positions: readonly PositionView[];
  risk: RiskSnapshot | undefined;
  /** True until the first positions push has arrived. */
  loading: boolean;
  onOpen: (symbol: string) => void;
  height?: number | string;
}

export function PositionHeatmap({ positions, risk, loading, onOpen, height = 560 }: PositionHeatmapProps) {
  const [mode, setMode] = useState<HeatMode>('pnl');
  const theme = useChartTheme();
  const now = useNow(1000);
  const pal = useMemo(() => palette(theme), [theme]);
  const contributions = useMemo(
    () => (risk ? new Map<string, Contribution>(risk.contributions.map((c) => [c.symbol, c])) : null),
    [risk],
  );
  const tree = useMemo(
    () => buildHeatTree(positions, contributions, mode, pal),
    [positions, contributions, mode, pal],
  );

  const figure = useCallback((t: Tile) => tileFigure(t, mode), [mode]);

  const riskAge = risk ? Math.max(0, Math.round((now - risk.ts) / 1000)) : null;
  return (
    <div className="heatmap" data-testid="position-heatmap">
      <div className="heatmap-bar">
        <div className="seg" role="group" aria-label="Colour tiles by">
          <button
            type="button"
            className={mode === 'pnl' ? 'seg-btn on theme' : 'seg-btn'}
            aria-pressed={mode === 'pnl'}
            onClick={() => setMode('pnl')}
            title={CONVENTIONS.pnlPct}
          >
            P&amp;L %
          </button>
          <button
            type="button"
            className={mode === 'risk' ? 'seg-btn on theme' : 'seg-btn'}
            aria-pressed={mode === 'risk'}
            onClick={() => setMode('risk')}
            title={CONVENTIONS.contribution}
          >
            Risk contribution
          </button>
        </div>
        <Legend
          mode={mode}
          clamp={tree.clamp}
          gradient={legendGradient(mode, pal)}
          waiting={mode === 'risk' && !risk}
        />
        <div className="spacer" />
        <span className="heatmap-meta num" title={CONVENTIONS.exposure}>
          {tree.tiles.length} tiles · area = |exposure| · gross {fmtMoney(tree.gross, { compact: true })} USD
          {mode === 'risk' && riskAge !== null && <> · risk as of {riskAge}s ago</>}
        </span>
      </div>
      {tree.tiles.length === 0 ? (
        <div className="heatmap-empty" style={{ height }}>
          {loading
            ? 'Loading positions…'
            : 'No positions. Enter an order or import a CSV to see the heatmap.'}
        </div>
      ) : (
        <HeatCanvas
          data={tree.data}
          theme={theme}
          height={height}
          figure={figure}
          tooltip={TileTip}
          onOpen={onOpen}
          label={`Position heatmap: ${tree.tiles.length} positions, area by exposure, colour by ${mode === 'pnl' ? 'P&L %' : 'risk contribution'}`}
        />
      )}
      <TileTable tiles={tree.tiles} mode={mode} onOpen={onOpen} />
    </div>
  );
}

/** The hover card of a tile: its figures and the conventions behind them. */
function TileTip(t: Tile) {
  const cv = t.contribution;
  return (
    <>
      <div className="heat-tip-head">
        <span className="mono">{t.symbol}</span>
        {t.stale && <span className="stale-badge">STALE</span>}
        <span className="muted">
          {t.assetClass} / {t.underlying}
        </span>
      </div>
      <dl className="heat-tip-facts num">
        <dt>Exposure</dt>
        <dd>{fmtMoney(t.exposure, { compact: true })} USD</dd>
        <dt>Unrealised P&amp;L</dt>
        <dd className={t.pnl > 0 ? 'pos' : t.pnl < 0 ? 'neg' : ''}>
          {fmtMoney(t.pnl, { sign: true })} USD · {fmtPct(t.pnlPct, 2, true)}
        </dd>
        <dt>Risk contribution</dt>
        <dd>{cv ? `${fmtMoney(cv.componentVar)} USD · ${fmtPct(cv.pct, 1)} of VaR` : 'not computed yet'}</dd>
      </dl>
      <p className="heat-tip-note">
        {CONVENTIONS.exposure} {CONVENTIONS.pnlPct} {CONVENTIONS.contribution}
      </p>
    </>
  );
}

function Legend({
  mode,
  clamp,
  gradient,
  waiting,
}: {
  mode: HeatMode;
  clamp: number;
  gradient: string;
  waiting: boolean;
}) {
  const lo = mode === 'pnl' ? fmtPct(-clamp, 0) : `${fmtPct(-clamp, 0)} hedge`;
  const hi = mode === 'pnl' ? fmtPct(clamp, 0, true) : `${fmtPct(clamp, 0, true)} of VaR`;
  const title =
    mode === 'pnl'
      ? `${CONVENTIONS.pnlPct} Clamped at ±${fmtPct(clamp, 0)}.`
      : `${CONVENTIONS.contribution} Clamped at ±${fmtPct(clamp, 0)} of the total.`;
  return (
    <div className="heat-legend" data-testid="heatmap-legend" title={title}>
      <span className="heat-legend-name">
        {mode === 'pnl' ? 'Unrealised P&L %' : 'Share of VaR 99 (1 d)'}
      </span>
      <span className="heat-legend-tick num">{lo}</span>
      <span className="heat-legend-bar" style={{ background: gradient }} aria-hidden="true" />
      <span className="heat-legend-tick num">{hi}</span>
      {waiting && <span className="muted">waiting for the first risk snapshot</span>}
      <span className="heat-legend-stale" title="No price update within the staleness window: drawn faded">
        <span className="heat-swatch-stale" aria-hidden="true" /> stale
      </span>
    </div>
  );
}

/** Every tile as a row, visually hidden: screen readers get the figures, keyboard users a way in. */
