// The one lightweight-charts (v5) wrapper for time series: the chart is created once per mount, series
// are matched by id and updated in place (setData only when their data array changes), it resizes
// with its container (autoSize), takes its colours from the theme's CSS variables (chartTheme) and
// re-colours on a theme switch, and is disposed on unmount.
import { useEffect, useRef, useState } from 'react';
import {
  AreaSeries,
  BaselineSeries,
  ColorType,
  createChart,
  HistogramSeries,
  LineSeries,
  type ChartOptions,
  type CreatePriceLineOptions,
  type DeepPartial,
  type IChartApi,
  type IPriceLine,
  type ISeriesApi,
  type SeriesDataItemTypeMap,
  type SeriesDefinition,
  type SeriesPartialOptionsMap,
  type SeriesType,
  type Time,
  type UTCTimestamp,
} from 'lightweight-charts';
import { chartTheme, type ChartTheme } from './echart';

export type { Time, UTCTimestamp };
type Kind = 'Line' | 'Area' | 'Baseline' | 'Histogram';
const DEFS: { [K in Kind]: SeriesDefinition<K> } = { Line: LineSeries, Area: AreaSeries, Baseline: BaselineSeries, Histogram: HistogramSeries };

/** One series: `data` is compared by reference, so pass the same array to skip a setData. */
export type LwSeries = {
  [K in Kind]: {
    id: string;
    kind: K;
    options?: SeriesPartialOptionsMap[K];
    data: SeriesDataItemTypeMap[K][];
    priceLines?: CreatePriceLineOptions[];
  };
}[Kind];

/** The theme's colours, updated when `data-theme` on <html> changes (Settings → theme). */
export function useChartTheme(): ChartTheme {
  const [theme, setTheme] = useState<ChartTheme>(() => chartTheme());
  useEffect(() => {
    const mo = new MutationObserver(() => setTheme(chartTheme()));
    mo.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme', 'style', 'class'] });
    return () => mo.disconnect();
  }, []);
  return theme;
}

/** Chart-level options every Bulwark time-series chart shares (grid, fonts, crosshair, no logo). */
export function baseChartOptions(t: ChartTheme): DeepPartial<ChartOptions> {
  return {
    layout: { background: { type: ColorType.Solid, color: t.bg1 }, textColor: t.text2, fontFamily: t.font, fontSize: 11, attributionLogo: false },
    grid: { vertLines: { color: t.line }, horzLines: { color: t.line } },
    rightPriceScale: { borderColor: t.line },
    timeScale: { borderColor: t.line, timeVisible: true, secondsVisible: false },
    crosshair: { vertLine: { color: t.text3, labelBackgroundColor: t.text3 }, horzLine: { color: t.text3, labelBackgroundColor: t.text3 } },
  };
}

/** base ← extra, merging nested option groups (rightPriceScale, layout…) one level deep so a caller's
 * scaleMargins does not wipe the theme's borderColor. */
export function mergeOptions(base: DeepPartial<ChartOptions>, extra: DeepPartial<ChartOptions> | undefined): DeepPartial<ChartOptions> {
  if (!extra) return base;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(extra)) {
    const b = out[k];
    const plain = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
    out[k] = plain(b) && plain(v) ? { ...b, ...v } : v;
  }
  return out;
}

/** Transparent colour from a #rrggbb theme colour. */
export function alpha(hex: string, a: number): string {
  const m = /^#([0-9a-f]{6})$/i.exec(hex.trim());
  if (!m) return hex;
  const n = Number.parseInt(m[1], 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${a})`;
}

/** Opaque blend of two #rrggbb colours (w = weight of `a`); for layered fills that must not add up. */
export function mix(a: string, b: string, w: number): string {
  const p = (h: string): number[] | null => {
    const m = /^#([0-9a-f]{6})$/i.exec(h.trim());
    if (!m) return null;
    const n = Number.parseInt(m[1], 16);
    return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
  };
  const x = p(a);
  const y = p(b);
  if (!x || !y) return a;
  const c = x.map((v, i) => Math.round(v * w + y[i] * (1 - w)));
  return `#${c.map((v) => v.toString(16).padStart(2, '0')).join('')}`;
}

interface Live {
  kind: Kind;
  api: ISeriesApi<SeriesType>;
  data: unknown;
  options: unknown;
  lines: IPriceLine[];
  linesSpec: CreatePriceLineOptions[] | undefined;
}

export interface LwChartProps {
  series: LwSeries[];
  height: number;
  /** Accessible name (role="img"); say what the chart shows. */
  label: string;
  /** Chart options on top of baseChartOptions(theme). */
  options?: DeepPartial<ChartOptions>;
  /** Fit the time scale to the data after each data change (default true). */
  fit?: boolean;
  testId?: string;
}

export function LwChart({ series, height, label, options, fit = true, testId }: LwChartProps) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<IChartApi | null>(null);
  const live = useRef(new Map<string, Live>());
  const theme = useChartTheme();

  useEffect(() => {
    const node = el.current;
    if (!node) return undefined;
    const c = createChart(node, { autoSize: true, ...baseChartOptions(chartTheme()) });
    chart.current = c;
    const map = live.current;
    return () => {
      map.clear();
      c.remove();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.applyOptions(mergeOptions(baseChartOptions(theme), options));
  }, [theme, options]);

  useEffect(() => {
    const c = chart.current;
    if (!c) return;
    const map = live.current;
    let changed = false;
    const wanted = new Set(series.map((s) => s.id));
    for (const [id, l] of map) {
      if (!wanted.has(id)) {
        c.removeSeries(l.api);
        map.delete(id);
        changed = true;
      }
    }
    for (const s of series) {
      let l = map.get(s.id);
      if (l && l.kind !== s.kind) {
        c.removeSeries(l.api);
        map.delete(s.id);
        l = undefined;
      }
      if (!l) {
        const api = c.addSeries(DEFS[s.kind], s.options);
        l = { kind: s.kind, api, data: undefined, options: s.options, lines: [], linesSpec: undefined };
        map.set(s.id, l);
      } else if (l.options !== s.options && s.options) {
        l.api.applyOptions(s.options);
        l.options = s.options;
      }
      if (l.data !== s.data) {
        l.api.setData(s.data);
        l.data = s.data;
        changed = true;
      }
      if (l.linesSpec !== s.priceLines) {
        for (const pl of l.lines) l.api.removePriceLine(pl);
        l.lines = (s.priceLines ?? []).map((p) => l.api.createPriceLine(p));
        l.linesSpec = s.priceLines;
      }
    }
    if (changed && fit) c.timeScale().fitContent();
  }, [series, fit]);

  return <div ref={el} className="lw-chart" role="img" aria-label={label} data-testid={testId} style={{ height, width: '100%' }} />;
}
