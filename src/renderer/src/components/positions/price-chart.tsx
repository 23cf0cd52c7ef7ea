// The position detail's price chart (lightweight-charts v5): the symbol's 1-second price path, its
// stop / take-profit / average cost as price lines and its fills as markers. It needs series markers,
// which the shared LwChart wrapper (charts/lw-chart.tsx) does not offer, so this is a small
// dedicated wrapper reusing that file's theme helpers. Created once; the path is set when a fresh
// detail arrives and live marks between two fetches are appended with `update` (O(1)).
import { useEffect, useRef } from 'react';
import {
  AreaSeries,
  type AutoscaleInfo,
  type ChartOptions,
  type DeepPartial,
  createChart,
  createSeriesMarkers,
  LineStyle,
  type IChartApi,
  type IPriceLine,
  type ISeriesApi,
  type ISeriesMarkersPluginApi,
  type SeriesMarker,
  type Time,
  type UTCTimestamp,
} from 'lightweight-charts';
import type { Fill } from '../../../../shared/contract/index';
import { chartTheme, type ChartTheme } from '../../charts/echart';
import { alpha, baseChartOptions, useChartTheme } from '../../charts/lw-chart';
import { fmtPrice, fmtQty } from '../../format';

export interface PriceChartProps {
  path: { ts: number[]; price: number[] };
  /** Latest live mark of the price symbol (appended between fetches), or null. */
  live: { ts: number; price: number } | null;
  fills: readonly Fill[];
  stop: number | null;
  takeProfit: number | null;
  avgCost: number | null;
  height: number;
  label: string;
}

/** The shared base options, with seconds on the time axis and the app's price format on the scale. */
function chartOptions(t: ChartTheme): DeepPartial<ChartOptions> {
  const base = baseChartOptions(t);
  return {
    ...base,
    timeScale: { ...base.timeScale, secondsVisible: true, rightOffset: 4 },
    localization: { priceFormatter: (p: number) => fmtPrice(p) },
  };
}

const sec = (ms: number): UTCTimestamp => Math.floor(ms / 1000) as UTCTimestamp;

/** The path point nearest to t (markers must sit on an existing bar). Binary search on sorted ts. */
function nearest(ts: readonly number[], t: number): number {
  let lo = 0;
  let hi = ts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ts[mid] < t) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 && Math.abs(ts[lo - 1] - t) < Math.abs(ts[lo] - t) ? lo - 1 : lo;
}

export function PriceChart({ path, live, fills, stop, takeProfit, avgCost, height, label }: PriceChartProps) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<IChartApi | null>(null);
  const series = useRef<ISeriesApi<'Area'> | null>(null);
  const markers = useRef<ISeriesMarkersPluginApi<Time> | null>(null);
  const lines = useRef<IPriceLine[]>([]);
  const lastTime = useRef(0);
  const theme = useChartTheme();

  useEffect(() => {
    const node = el.current;
    if (!node) return undefined;
    const t = chartTheme();
    const c = createChart(node, { autoSize: true, ...chartOptions(t) });
    const s = c.addSeries(AreaSeries, { lineWidth: 2, priceLineVisible: false, lastValueVisible: true });
    chart.current = c;
    series.current = s;
    markers.current = createSeriesMarkers(s, []);
    return () => {
      c.remove();
      chart.current = null;
      series.current = null;
      markers.current = null;
      lines.current = [];
    };
  }, []);

  useEffect(() => {
    chart.current?.applyOptions(chartOptions(theme));
    series.current?.applyOptions({
      lineColor: theme.accent,
      topColor: alpha(theme.accent, 0.28),
      bottomColor: alpha(theme.accent, 0.02),
    });
  }, [theme]);

  // The full path: only when a new detail arrives (every few seconds), never per tick.
  useEffect(() => {
    const s = series.current;
    if (!s) return;
    s.setData(path.ts.map((t, i) => ({ time: sec(t), value: path.price[i] })));
    lastTime.current = path.ts.length ? sec(path.ts[path.ts.length - 1]) : 0;
    chart.current?.timeScale().fitContent();
  }, [path]);

  useEffect(() => {
    const s = series.current;
    if (!s || !live) return;
    const t = sec(live.ts);
    // lightweight-charts refuses a point older than the last one; the next fetch brings it anyway.
    if (t < lastTime.current) return;
    s.update({ time: t, value: live.price });
    lastTime.current = t;
  }, [live]);

  useEffect(() => {
    const m = markers.current;
    if (!m) return;
    const out: SeriesMarker<Time>[] = [];
    if (path.ts.length > 0) {
      const first = path.ts[0] - 1000;
      for (const f of fills) {
        if (f.ts < first) continue; // before the recorded hour: listed in the table, not drawn
        const i = nearest(path.ts, f.ts);
        const buy = f.side === 'buy';
        out.push({
          time: sec(path.ts[i]),
          position: buy ? 'belowBar' : 'aboveBar',
          shape: buy ? 'arrowUp' : 'arrowDown',
          color: buy ? theme.ok : theme.bad,
          text: `${buy ? 'B' : 'S'} ${fmtQty(f.qty)}`,
        });
      }
    }
    out.sort((a, b) => (a.time as number) - (b.time as number));
    m.setMarkers(out);
  }, [fills, path, theme]);

  useEffect(() => {
    const s = series.current;
    if (!s) return;
    for (const l of lines.current) s.removePriceLine(l);
    const want: { price: number | null; color: string; title: string; style: LineStyle }[] = [
      { price: stop, color: theme.bad, title: 'STOP', style: LineStyle.Dashed },
      { price: takeProfit, color: theme.ok, title: 'TP', style: LineStyle.Dashed },
      { price: avgCost, color: theme.text3, title: 'AVG', style: LineStyle.Dotted },
    ];
    const shown = want.filter(
      (w): w is typeof w & { price: number } => w.price !== null && Number.isFinite(w.price),
    );
    lines.current = shown.map((w) =>
      s.createPriceLine({
        price: w.price,
        color: w.color,
        title: w.title,
        lineStyle: w.style,
        lineWidth: 1,
        axisLabelVisible: true,
      }),
    );
    // The stop and the average cost widen the autoscale so they stay on screen; the take-profit
    // does not (it would flatten the path), its line shows once the price range reaches it.
    const levels = shown.filter((w) => w.title !== 'TP').map((w) => w.price);
    s.applyOptions({
      autoscaleInfoProvider: (original: () => AutoscaleInfo | null) => {
        const r = original();
        if (!r?.priceRange || levels.length === 0) return r;
        return {
          ...r,
          priceRange: {
            minValue: Math.min(r.priceRange.minValue, ...levels),
            maxValue: Math.max(r.priceRange.maxValue, ...levels),
          },
        };
      },
    });
  }, [stop, takeProfit, avgCost, theme]);

  return (
    <div
      ref={el}
      className="lw-chart pos-price-chart"
      role="img"
      aria-label={label}
      data-testid="detail-price-chart"
      data-points={path.ts.length}
      style={{ height, width: '100%' }}
    />
  );
}
