// The heatmap's tiles as a table for screen readers and keyboard users (each symbol is a button that
// opens the position). Kept off-screen; it becomes a visible panel while focus is inside it
// (styles.css, .heat-sr:focus-within).
//
// Cost control, measured with 500 positions: re-rendering all rows at the 4 Hz push rate, or even
// every 5 s at once, was a 25-40 ms task (style, layout and accessibility-tree updates for 2,000
// cells). So the table is refreshed in slices: every 500 ms one tenth of the rows takes the latest
// figures (a full pass every 5 s), each slice a memoised <tbody>, and the figures are coarse
// (3 significant digits, 1 decimal of %) so most cells keep their text. A change in the set of
// tiles (import, close, filter) refreshes everything at once.
import { memo, useEffect, useRef, useState } from 'react';
import { fmtPct } from '../../format';
import type { HeatMode } from './heat-colors';
import type { Tile } from './heat-tree';

const SLICES = 10;
const SLICE_MS = 500;

const coarse = (x: number): string =>
  Number.isFinite(x) ? Number(x.toPrecision(3)).toLocaleString('en-US') : '—';
const coarseFigure = (t: Tile, mode: HeatMode): string =>
  mode === 'pnl' ? fmtPct(t.pnlPct, 1, true) : t.contribution ? fmtPct(t.contribution.pct, 1, true) : '—';

function split(tiles: readonly Tile[]): Tile[][] {
  const size = Math.max(1, Math.ceil(tiles.length / SLICES));
  return Array.from({ length: SLICES }, (_, k) => tiles.slice(k * size, (k + 1) * size));
}

const sameSet = (parts: readonly Tile[][], tiles: readonly Tile[]): boolean => {
  let i = 0;
  for (const part of parts) for (const t of part) if (tiles[i++]?.symbol !== t.symbol) return false;
  return i === tiles.length;
};

/** The latest tiles, refreshed one slice per SLICE_MS (module doc). */
function useSlices(tiles: readonly Tile[]): Tile[][] {
  const latest = useRef(tiles);
  const [parts, setParts] = useState(() => split(tiles));
  useEffect(() => {
    latest.current = tiles;
  }, [tiles]);
  useEffect(() => {
    let k = 0;
    const id = setInterval(() => {
      const cur = latest.current;
      setParts((prev) => {
        if (!sameSet(prev, cur)) return split(cur);
        const size = Math.max(1, Math.ceil(cur.length / SLICES));
        const next = prev.slice();
        next[k] = cur.slice(k * size, (k + 1) * size);
        return next;
      });
      k = (k + 1) % SLICES;
    }, SLICE_MS);
    return () => clearInterval(id);
  }, []);
  return parts;
}

export const TileTable = memo(function TileTable({
  tiles,
  mode,
  onOpen,
}: {
  tiles: readonly Tile[];
  mode: HeatMode;
  onOpen: (s: string) => void;
}) {
  const parts = useSlices(tiles);
  return (
    <div className="heat-sr">
      <table aria-label="Heatmap tiles">
        <thead>
          <tr>
            <th scope="col">Symbol</th>
            <th scope="col">Group</th>
            <th scope="col">Exposure (USD, 3 digits)</th>
            <th scope="col">{mode === 'pnl' ? 'Unrealised P&L %' : 'Share of VaR 99'}</th>
          </tr>
        </thead>
        {parts.map((part, k) => (
          <Slice key={k} tiles={part} mode={mode} onOpen={onOpen} />
        ))}
      </table>
    </div>
  );
});

const Slice = memo(function Slice({
  tiles,
  mode,
  onOpen,
}: {
  tiles: readonly Tile[];
  mode: HeatMode;
  onOpen: (s: string) => void;
}) {
  return (
    <tbody>
      {tiles.map((t) => (
        <tr key={t.symbol} data-testid="heatmap-tile" data-symbol={t.symbol}>
          <th scope="row">
            <button type="button" className="sr-only-focusable" onClick={() => onOpen(t.symbol)}>
              {t.symbol}
            </button>
          </th>
          <td>
            {t.assetClass} / {t.underlying}
          </td>
          <td>{coarse(t.exposure)}</td>
          <td>{coarseFigure(t, mode)}</td>
        </tr>
      ))}
    </tbody>
  );
});
