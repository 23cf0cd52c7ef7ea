// The one echarts wrapper: tree-shaken modules, canvas renderer, colours from the theme's CSS
// variables, resize with its container, and option updates merged in place (no re-create per push).
// Updates are applied by a frame scheduler (below), not all at once: the Risk page's 10 s snapshot
// changes six charts together, and echarts' own lazy update rendered them all in one animation
// frame (a 56-113 ms long task, issue #7).
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, HeatmapChart, LineChart, ScatterChart, TreemapChart, GaugeChart } from 'echarts/charts';
import {
  GridComponent,
  MarkAreaComponent,
  MarkLineComponent,
  MarkPointComponent,
  TooltipComponent,
  VisualMapComponent,
  LegendComponent,
  DataZoomComponent,
  TitleComponent,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { EChartsCoreOption, ECElementEvent } from 'echarts/core';

echarts.use([
  BarChart,
  HeatmapChart,
  LineChart,
  ScatterChart,
  TreemapChart,
  GaugeChart,
  GridComponent,
  MarkAreaComponent,
  MarkLineComponent,
  MarkPointComponent,
  TooltipComponent,
  VisualMapComponent,
  LegendComponent,
  DataZoomComponent,
  TitleComponent,
  CanvasRenderer,
]);

export type { EChartsCoreOption, ECElementEvent };

/** The theme's colours, read from CSS variables so charts follow the dark and light themes. */
export interface ChartTheme {
  text: string;
  text2: string;
  text3: string;
  line: string;
  bg1: string;
  accent: string;
  ok: string;
  warn: string;
  bad: string;
  font: string;
  mono: string;
}

export function chartTheme(): ChartTheme {
  const cs = getComputedStyle(document.documentElement);
  const v = (name: string, fallback: string): string => cs.getPropertyValue(name).trim() || fallback;
  return {
    text: v('--text', '#d5dbe5'),
    text2: v('--text-2', '#9aa5b6'),
    text3: v('--text-3', '#6b7687'),
    line: v('--line', '#232b38'),
    bg1: v('--bg-1', '#10141b'),
    accent: v('--accent', '#4c9aff'),
    ok: v('--ok', '#2ebd85'),
    warn: v('--warn', '#f0b90b'),
    bad: v('--bad', '#f6465d'),
    font: v('--font', 'system-ui'),
    mono: v('--mono', 'monospace'),
  };
}

/**
 * Chart work waiting for a frame, per chart: the latest option (an option is always complete, so an
 * intermediate one that never got drawn is not missed) and whether its box was resized. Each
 * animation frame does queued work in order until FRAME_BUDGET_MS is spent — always at least one
 * chart, so a heavy chart costs a task of its own rather than adding to its neighbours' — and
 * leaves the rest for the next frames. Resizes are queued too: a layout change on a snapshot
 * resized every chart of the Risk page inside the same frame as their redraws. setOption runs
 * without lazyUpdate so the chart is drawn inside its slice.
 */
interface Pending {
  apply?: () => void;
  resize: boolean;
}
const queue = new Map<echarts.ECharts, Pending>();
let frameRequested = false;
const FRAME_BUDGET_MS = 6;

function runQueued(): void {
  frameRequested = false;
  const t0 = performance.now();
  for (const [chart, work] of queue) {
    queue.delete(chart);
    if (!chart.isDisposed()) {
      if (work.resize) chart.resize();
      work.apply?.();
    }
    if (performance.now() - t0 >= FRAME_BUDGET_MS) break;
  }
  if (queue.size > 0) requestFrame();
}

function requestFrame(): void {
  if (frameRequested) return;
  frameRequested = true;
  requestAnimationFrame(runQueued);
}

/** Queues an option (`apply`) or a resize; an already queued chart keeps its place in the queue. */
function queueWork(chart: echarts.ECharts, work: Partial<Pending>): void {
  const prev = queue.get(chart);
  queue.set(chart, { apply: work.apply ?? prev?.apply, resize: (work.resize ?? false) || (prev?.resize ?? false) });
  requestFrame();
}

export interface EChartProps {
  /** Built from the theme so a theme switch re-colours the chart. */
  option: EChartsCoreOption;
  height: number | string;
  /** Accessible name of the chart (role="img"). */
  label: string;
  onClick?: (e: ECElementEvent) => void;
  /** Replace the whole option instead of merging (needed when series are removed). */
  replace?: boolean;
  testId?: string;
}

export function EChart({ option, height, label, onClick, replace = false, testId }: EChartProps) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const click = useRef(onClick);
  useEffect(() => {
    click.current = onClick;
  }, [onClick]);

  useEffect(() => {
    const node = el.current;
    if (!node) return undefined;
    const c = echarts.init(node, undefined, { renderer: 'canvas' });
    chart.current = c;
    c.on('click', (e) => click.current?.(e));
    const ro = new ResizeObserver(() => queueWork(c, { resize: true }));
    ro.observe(node);
    return () => {
      ro.disconnect();
      queue.delete(c);
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const c = chart.current;
    if (c) queueWork(c, { apply: () => c.setOption(option, { notMerge: replace, lazyUpdate: false, silent: true }) });
  }, [option, replace]);

  return <div ref={el} className="echart" role="img" aria-label={label} data-testid={testId} style={{ height, width: '100%' }} />;
}
