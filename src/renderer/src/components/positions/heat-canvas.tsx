// The heatmap's drawing surface: a squarified treemap on one 2D canvas.
//
// Why not the echarts treemap (charts/echart.tsx): measured in test/e2e/heatmap.spec.ts with 511
// positions at 4 Hz, echarts rebuilt ~1,000 display elements and re-styled every label on each push
// (TreemapView.render + display list + paint ≈ 95 ms per update on the shared CI machine), so every
// update was a long task. Here an update is one squarify pass (O(n)) and one paint of n rectangles
// with monospace labels (no text measuring per tile), a few ms for 500 tiles, coalesced to one
// paint per animation frame. Hit testing is a scan of the last layout.
import { useEffect, useRef, useState } from 'react';
import type { ChartTheme } from '../../charts/echart';
import { fmtMoney } from '../../format';
import type { Tile, TreeNode } from './heat-tree';

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/**
 * Squarified treemap (Bruls, Huizing & van Wijk 2000): lays `values` (>= 0, best sorted descending)
 * into `r`, appending one rect per value to `out`, in order. Rows are laid along the shorter side
 * and grown while the worst aspect ratio in the row improves.
 */
export function squarify(values: readonly number[], r: Rect, out: Rect[]): void {
  const n = values.length;
  let total = 0;
  for (const v of values) total += Math.max(v, 0);
  let { x, y, w, h } = r;
  if (n === 0) return;
  if (!(total > 0) || w <= 0 || h <= 0) {
    for (let i = 0; i < n; i++) out.push({ x, y, w: 0, h: 0 });
    return;
  }
  const scale = (w * h) / total;
  let i = 0;
  while (i < n) {
    const side = Math.min(w, h);
    const s2 = side * side;
    let sum = 0;
    let min = Infinity;
    let max = 0;
    let worst = Infinity;
    let j = i;
    for (; j < n; j++) {
      const a = Math.max(values[j], 0) * scale;
      const nsum = sum + a;
      const nmin = Math.min(min, a);
      const nmax = Math.max(max, a);
      const nworst = Math.max((s2 * nmax) / (nsum * nsum), (nsum * nsum) / (s2 * nmin));
      if (j > i && nworst > worst) break;
      sum = nsum;
      min = nmin;
      max = nmax;
      worst = nworst;
    }
    if (w >= h) {
      const cw = sum > 0 ? sum / h : 0;
      let cy = y;
      for (let k = i; k < j; k++) {
        const rh = cw > 0 ? (Math.max(values[k], 0) * scale) / cw : 0;
        out.push({ x, y: cy, w: cw, h: rh });
        cy += rh;
      }
      x += cw;
      w -= cw;
    } else {
      const rh = sum > 0 ? sum / w : 0;
      let cx = x;
      for (let k = i; k < j; k++) {
        const cw = rh > 0 ? (Math.max(values[k], 0) * scale) / rh : 0;
        out.push({ x: cx, y, w: cw, h: rh });
        cx += cw;
      }
      y += rh;
      h -= rh;
    }
    i = j;
  }
}

interface Placed extends Rect {
  node: TreeNode;
}

const CLASS_HEAD = 18;
const GROUP_HEAD = 15;

/** Nested layout: class (header, 2 px gaps) → group (header, 1 px gaps) → leaf. */
function layoutTree(nodes: readonly TreeNode[], r: Rect, out: Placed[]): void {
  const rects: Rect[] = [];
  squarify(
    nodes.map((n) => n.value),
    r,
    rects,
  );
  nodes.forEach((node, i) => {
    const b = rects[i];
    out.push({ ...b, node });
    if (!node.children || b.w < 4 || b.h < 4) return;
    const head =
      node.kind === 'class'
        ? b.h > 3 * CLASS_HEAD && b.w > 40
          ? CLASS_HEAD
          : 0
        : b.h > 3 * GROUP_HEAD && b.w > 50
          ? GROUP_HEAD
          : 0;
    const pad = node.kind === 'class' ? 1 : 1;
    layoutTree(node.children, { x: b.x + pad, y: b.y + head, w: b.w - 2 * pad, h: b.h - head - pad }, out);
  });
}

export interface HeatCanvasProps {
  data: readonly TreeNode[];
  theme: ChartTheme;
  height: number | string;
  label: string;
  /** The figure printed under the symbol on a tile. */
  figure: (t: Tile) => string;
  tooltip: (t: Tile) => React.ReactNode;
  onOpen: (symbol: string) => void;
}

export function HeatCanvas({ data, theme, height, label, figure, tooltip, onOpen }: HeatCanvasProps) {
  const wrap = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const placed = useRef<Placed[]>([]);
  const [size, setSize] = useState({ w: 0, h: 0 });
  const [hover, setHover] = useState<{ symbol: string; x: number; y: number } | null>(null);

  useEffect(() => {
    const node = wrap.current;
    if (!node) return undefined;
    const ro = new ResizeObserver(() => setSize({ w: node.clientWidth, h: node.clientHeight }));
    ro.observe(node);
    return () => ro.disconnect();
  }, []);

  // Draw at most once per animation frame, whatever the push rate.
  const hovered = hover?.symbol ?? null;
  useEffect(() => {
    const id = requestAnimationFrame(() => {
      const c = canvas.current;
      const ctx = c?.getContext('2d');
      if (!c || !ctx || size.w === 0 || size.h === 0) return;
      const dpr = window.devicePixelRatio || 1;
      if (c.width !== Math.round(size.w * dpr) || c.height !== Math.round(size.h * dpr)) {
        c.width = Math.round(size.w * dpr);
        c.height = Math.round(size.h * dpr);
      }
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      const out: Placed[] = [];
      layoutTree(data, { x: 0, y: 0, w: size.w, h: size.h }, out);
      placed.current = out;
      paint(ctx, out, size, theme, figure, hovered);
      // A paint counter for tests and diagnostics, written to the DOM without a React render.
      const host = wrap.current;
      if (host) host.dataset.paints = String(Number(host.dataset.paints ?? 0) + 1);
    });
    return () => cancelAnimationFrame(id);
  }, [data, size, theme, figure, hovered]);

  const leafAt = (e: React.MouseEvent): { tile: Tile; x: number; y: number } | null => {
    const b = e.currentTarget.getBoundingClientRect();
    const x = e.clientX - b.left;
    const y = e.clientY - b.top;
    for (const p of placed.current) {
      if (p.node.kind === 'leaf' && p.node.tile && x >= p.x && x < p.x + p.w && y >= p.y && y < p.y + p.h)
        return { tile: p.node.tile, x, y };
    }
    return null;
  };

  const hoverTile = hover ? findTile(data, hover.symbol) : undefined;
  return (
    <div
      ref={wrap}
      className="heat-canvas"
      style={{ height }}
      data-testid="heatmap-chart"
      role="img"
      aria-label={label}
    >
      <canvas
        ref={canvas}
        style={{ width: '100%', height: '100%', cursor: hover ? 'pointer' : 'default' }}
        onMouseMove={(e) => {
          const hit = leafAt(e);
          setHover(hit ? { symbol: hit.tile.symbol, x: hit.x, y: hit.y } : null);
        }}
        onMouseLeave={() => setHover(null)}
        onClick={(e) => {
          const hit = leafAt(e);
          if (hit) onOpen(hit.tile.symbol);
        }}
      />
      {hover && hoverTile && (
        <div className="heat-tip" style={tipPosition(hover.x, hover.y, size)} role="tooltip">
          {tooltip(hoverTile)}
        </div>
      )}
    </div>
  );
}

function findTile(nodes: readonly TreeNode[], symbol: string): Tile | undefined {
  for (const n of nodes) {
    if (n.tile?.symbol === symbol) return n.tile;
    const t = n.children ? findTile(n.children, symbol) : undefined;
    if (t) return t;
  }
  return undefined;
}

/** Keeps the tooltip inside the chart: right/below the pointer, flipped near the edges. */
function tipPosition(x: number, y: number, size: { w: number; h: number }): React.CSSProperties {
  const left = x > size.w - 360 ? Math.max(0, x - 352) : x + 14;
  const top = y > size.h - 150 ? Math.max(0, y - 142) : y + 14;
  return { left, top };
}

function paint(
  ctx: CanvasRenderingContext2D,
  out: readonly Placed[],
  size: { w: number; h: number },
  t: ChartTheme,
  figure: (t: Tile) => string,
  hovered: string | null,
): void {
  ctx.fillStyle = t.bg1;
  ctx.fillRect(0, 0, size.w, size.h);
  ctx.textBaseline = 'top';
  ctx.font = `11px ${t.mono}`;
  const cw = ctx.measureText('0').width || 6.6; // monospace: one measure per paint, none per tile
  let hoverRect: Rect | null = null;
  for (const p of out) {
    const n = p.node;
    if (p.w <= 0 || p.h <= 0) continue;
    if (n.kind === 'leaf') {
      ctx.globalAlpha = n.tile?.stale ? 0.45 : 1;
      ctx.fillStyle = n.color ?? t.line;
      // 1 px inset: the background shows through as the grid line between tiles.
      ctx.fillRect(p.x + 0.5, p.y + 0.5, Math.max(p.w - 1, 0.5), Math.max(p.h - 1, 0.5));
      ctx.globalAlpha = 1;
      if (n.tile?.symbol === hovered) hoverRect = p;
      if (p.w > 40 && p.h > 17 && n.tile) {
        const chars = Math.floor((p.w - 8) / cw);
        ctx.fillStyle = t.text;
        ctx.fillText(clip(n.tile.symbol, chars), p.x + 4, p.y + 4);
        if (p.h > 31) {
          ctx.fillStyle = t.text2;
          ctx.fillText(clip(figure(n.tile), chars), p.x + 4, p.y + 18);
        }
      }
    } else {
      const head = n.kind === 'class' ? CLASS_HEAD : GROUP_HEAD;
      if (n.kind === 'group') {
        ctx.fillStyle = t.line;
        ctx.fillRect(p.x + 0.5, p.y + 0.5, p.w - 1, p.h - 1);
      }
      if (p.h > 3 * head && p.w > 40) {
        const text = `${n.kind === 'class' ? n.name.toUpperCase() : n.name}  ${fmtMoney(n.value, { compact: true })}`;
        ctx.font = n.kind === 'class' ? `600 10px ${t.font}` : `10px ${t.mono}`;
        ctx.fillStyle = n.kind === 'class' ? t.text2 : t.text3;
        ctx.fillText(
          clip(text, Math.floor((p.w - 8) / (cw * 0.95))),
          p.x + 4,
          p.y + (n.kind === 'class' ? 4 : 3),
        );
        ctx.font = `11px ${t.mono}`;
      }
    }
  }
  if (hoverRect) {
    ctx.strokeStyle = t.accent;
    ctx.lineWidth = 2;
    ctx.strokeRect(hoverRect.x + 1, hoverRect.y + 1, hoverRect.w - 2, hoverRect.h - 2);
  }
}

function clip(s: string, chars: number): string {
  if (chars <= 0) return '';
  return s.length <= chars ? s : chars > 1 ? `${s.slice(0, chars - 1)}…` : s.slice(0, 1);
}
