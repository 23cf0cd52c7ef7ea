// The one echarts wrapper: tree-shaken modules, canvas renderer, colours from the theme's CSS
// variables, resize with its container, and option updates merged in place (no re-create per push).
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
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(node);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: replace, lazyUpdate: true, silent: true });
  }, [option, replace]);

  return <div ref={el} className="echart" role="img" aria-label={label} data-testid={testId} style={{ height, width: '100%' }} />;
}
