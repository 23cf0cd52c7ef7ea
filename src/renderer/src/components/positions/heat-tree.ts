// Builds the heatmap's tree (asset class → underlying → position) and its tile figures. Pure and
// cheap: one pass over the positions, no sorting on live values (see `order` below).
import type { PositionView } from '../../../../shared/contract/index';
import { fmtPct } from '../../format';
import { PNL_CLAMP, riskClamp, tileColor, type HeatMode, type Palette } from './heat-colors';

export interface Contribution {
  componentVar: number;
  pct: number;
}

/** One tile, also the row of the screen-reader table. */
export interface Tile {
  symbol: string;
  assetClass: string;
  underlying: string;
  exposure: number;
  pnl: number;
  pnlPct: number;
  contribution: Contribution | null;
  /** The figure the colour encodes (fraction), null when unknown (no risk snapshot yet). */
  value: number | null;
  stale: boolean;
}

export interface HeatTree {
  tiles: Tile[];
  /** Asset-class nodes, largest first. */
  data: TreeNode[];
  clamp: number;
  gross: number;
}

/** A node of the tree: an asset class, an underlying with several positions, or a position (leaf). */
export interface TreeNode {
  kind: 'class' | 'group' | 'leaf';
  name: string;
  /** |exposure| (sum over children for a parent), USD. */
  value: number;
  /** Leaves: the tile, its fill colour. */
  tile?: Tile;
  color?: string;
  children?: TreeNode[];
}

/**
 * Layout order is by cost basis |qty × avg cost|, which does not move with the marks: tiles keep
 * their place while prices tick (a treemap sorted by live exposure reshuffles on every crossing),
 * and large positions still come first, so the squarified layout stays close to optimal.
 */
const basis = (p: PositionView): number => Math.abs(p.qty * p.avgCost);

export function buildHeatTree(
  positions: readonly PositionView[],
  contributions: ReadonlyMap<string, Contribution> | null,
  mode: HeatMode,
  pal: Palette,
): HeatTree {
  const clamp =
    mode === 'pnl'
      ? PNL_CLAMP
      : riskClamp(contributions ? [...contributions.values()].map((c) => c.pct) : []);
  const classes = new Map<string, Map<string, PositionView[]>>();
  for (const p of positions) {
    if (p.qty === 0) continue;
    const u = p.underlying ?? p.symbol;
    let byU = classes.get(p.assetClass);
    if (!byU) classes.set(p.assetClass, (byU = new Map<string, PositionView[]>()));
    const list = byU.get(u);
    if (list) list.push(p);
    else byU.set(u, [p]);
  }
  const tiles: Tile[] = [];
  let gross = 0;
  const leaf = (p: PositionView, u: string): TreeNode => {
    const c = contributions?.get(p.symbol) ?? null;
    const value = mode === 'pnl' ? p.pnlPct : c ? c.pct : null;
    const tile: Tile = {
      symbol: p.symbol,
      assetClass: p.assetClass,
      underlying: u,
      exposure: p.exposure,
      pnl: p.unrealizedPnl,
      pnlPct: p.pnlPct,
      contribution: c,
      value,
      stale: p.stale,
    };
    tiles.push(tile);
    gross += p.exposure;
    // A zero-exposure tile (deep OTM option) still gets a sliver so it can be found and clicked.
    return {
      kind: 'leaf',
      name: p.symbol,
      value: Math.max(p.exposure, 1e-9),
      tile,
      color: tileColor(mode, value, clamp, pal),
    };
  };
  const classNodes: { node: TreeNode; basis: number }[] = [];
  for (const [cls, byU] of classes) {
    const children: TreeNode[] = [];
    let clsBasis = 0;
    const groups = [...byU].map(([u, list]) => ({
      u,
      list: [...list].sort((a, b) => basis(b) - basis(a)),
      b: list.reduce((s, p) => s + basis(p), 0),
    }));
    groups.sort((a, b) => b.b - a.b || a.u.localeCompare(b.u));
    for (const g of groups) {
      clsBasis += g.b;
      if (g.list.length === 1) {
        children.push(leaf(g.list[0], g.u)); // one position: the underlying level would only add a header
        continue;
      }
      const kids = g.list.map((p) => leaf(p, g.u));
      children.push({
        kind: 'group',
        name: g.u,
        value: kids.reduce((s, k) => s + k.value, 0),
        children: kids,
      });
    }
    classNodes.push({
      basis: clsBasis,
      node: { kind: 'class', name: cls, value: children.reduce((s, k) => s + k.value, 0), children },
    });
  }
  classNodes.sort((a, b) => b.basis - a.basis || a.node.name.localeCompare(b.node.name));
  return { tiles, data: classNodes.map((c) => c.node), clamp, gross };
}

/** The figure printed on a tile and in the table, for the mode. */
export function tileFigure(t: Tile, mode: HeatMode): string {
  if (mode === 'pnl') return fmtPct(t.pnlPct, 2, true);
  return t.contribution ? fmtPct(t.contribution.pct, 1, true) : '—';
}
