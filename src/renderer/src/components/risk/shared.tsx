// Pieces the Risk, Stress and Greeks pages share: the snapshot with its age, the loading / stale /
// disconnected banner, the KPI tile (every figure carries a title stating its convention), the
// theme-following chart palette and the diverging scales (P&L red–neutral–green centred on 0,
// correlation −1…1).
import { useEffect, useState, type ReactNode } from 'react';
import type { RiskSnapshot } from '../../../../shared/contract/index';
import { chartTheme, type ChartTheme } from '../../charts/echart';
import { useApp } from '../../store';
import { useNow } from '../use-now';
import { CORR_SCALE_TEXT, pnlScaleText } from './scale-labels';

/** The engine recomputes every 10 s; three missed recomputes make the figures stale. */
export const STALE_AFTER_MS = 35_000;

export interface RiskView {
  risk: RiskSnapshot | undefined;
  ageMs: number;
  stale: boolean;
  disconnected: boolean;
}

export function useRisk(): RiskView {
  const risk = useApp((s) => s.risk);
  const connection = useApp((s) => s.connection);
  const now = useNow(1000);
  const ageMs = risk ? Math.max(0, now - risk.ts) : 0;
  return { risk, ageMs, stale: risk !== undefined && ageMs > STALE_AFTER_MS, disconnected: connection === 'closed' || connection === 'unauthorized' };
}

/** Loading (no snapshot yet), stale and disconnected states; renders nothing when all is live. */
export function RiskBanner({ view }: { view: RiskView }) {
  if (!view.risk)
    return (
      <div className="rk-banner rk-loading" role="status" data-testid="risk-loading">
        <span className="rk-spinner" aria-hidden="true" /> Awaiting risk engine — the first snapshot arrives a few seconds after start, then every 10 s.
      </div>
    );
  if (view.disconnected)
    return (
      <div className="rk-banner rk-bad" role="alert">
        Engine disconnected — showing the snapshot of {new Date(view.risk.ts).toISOString().slice(11, 19)} UTC.
      </div>
    );
  if (view.stale)
    return (
      <div className="rk-banner rk-warn" role="status" data-testid="risk-stale">
        Stale — last risk snapshot {Math.round(view.ageMs / 1000)} s old (expected every 10 s).
      </div>
    );
  return null;
}

/** "as of hh:mm:ss · 123 ms" line for panel heads. */
export function AsOf({ risk }: { risk: RiskSnapshot }) {
  return (
    <span className="rk-asof num" title="Time of the risk snapshot (UTC) and how long its recompute took">
      {new Date(risk.ts).toISOString().slice(11, 19)} UTC · {risk.computeMs.toFixed(0)} ms
    </span>
  );
}

export interface MetricProps {
  label: string;
  value: ReactNode;
  sub?: ReactNode;
  /** The convention behind the number (shown as the tooltip). */
  title: string;
  testId?: string;
  tone?: 'pos' | 'neg' | 'warn' | '';
}

export function Metric({ label, value, sub, title, testId, tone = '' }: MetricProps) {
  return (
    <div className="kpi rk-kpi" title={title}>
      <div className="kpi-label">{label}</div>
      <div className={`kpi-value num ${tone}`} data-testid={testId}>
        {value}
      </div>
      {sub !== undefined && <div className="kpi-sub num">{sub}</div>}
    </div>
  );
}

export function Panel({ title, children, aside, className = '', label }: { title: string; children: ReactNode; aside?: ReactNode; className?: string; label?: string }) {
  return (
    <section className={`panel rk-panel ${className}`} aria-label={label ?? title}>
      <div className="panel-head">
        <h2>{title}</h2>
        <div className="spacer" />
        {aside}
      </div>
      {children}
    </section>
  );
}

export function EmptyNote({ children }: { children: ReactNode }) {
  return <div className="rk-empty">{children}</div>;
}

export interface Palette extends ChartTheme {
  neutral: string;
  bg2: string;
}

function palette(): Palette {
  const cs = getComputedStyle(document.documentElement);
  const v = (n: string, f: string): string => cs.getPropertyValue(n).trim() || f;
  return { ...chartTheme(), neutral: v('--bg-3', '#1c2330'), bg2: v('--bg-2', '#151a23') };
}

/** The chart palette, re-read when Settings switches `data-theme` on <html>. */
export function usePalette(): Palette {
  const [p, setP] = useState<Palette>(palette);
  useEffect(() => {
    const mo = new MutationObserver(() => setP(palette()));
    mo.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    return () => mo.disconnect();
  }, []);
  return p;
}

/**
 * `value` from the render where `key` (a serialisation of what the caller shows of it) last changed.
 * Every 10 s snapshot is a new object even where its content is unchanged; a chart option memoised
 * on the stable value is rebuilt, and the chart redrawn, only when what it shows changed.
 */
export function useStable<T>(value: T, key: string): T {
  const [held, setHeld] = useState({ key, value });
  if (held.key !== key) {
    // React's "state from the previous render" pattern: re-renders this component at once.
    setHeld({ key, value });
    return value;
  }
  return held.value;
}

/** USD for axes and tight cells: 1.23M, 45.6k, 812. */
export function usdShort(n: number): string {
  if (!Number.isFinite(n)) return '—';
  const a = Math.abs(n);
  const s = n < 0 ? '−' : '';
  if (a >= 1e9) return `${s}${(a / 1e9).toFixed(2)}B`;
  if (a >= 1e6) return `${s}${(a / 1e6).toFixed(2)}M`;
  if (a >= 1e4) return `${s}${(a / 1e3).toFixed(1)}k`;
  return `${s}${a.toFixed(0)}`;
}

/** Visual map for P&L: red below 0, neutral at 0, green above, symmetric so 0 sits mid-scale; the
 *  bar's ends are labelled ±max (USD). */
export function pnlVisualMap(p: Palette, maxAbs: number, show = true): Record<string, unknown> {
  const m = maxAbs > 0 ? maxAbs : 1;
  return {
    type: 'continuous', min: -m, max: m, calculable: false, orient: 'vertical', right: 0, top: 'middle', itemHeight: 140, itemWidth: 10, show,
    text: pnlScaleText(m), textGap: 4,
    inRange: { color: [p.bad, p.neutral, p.ok] }, textStyle: { color: p.text3, fontFamily: p.mono, fontSize: 10 }, formatter: (v: number) => usdShort(v),
  };
}

/** Visual map for correlation: −1 (blue, diversifying) … 0 (neutral) … +1 (red, concentrated); the
 *  bar's ends are labelled ρ −1 and ρ +1. */
export function corrVisualMap(p: Palette): Record<string, unknown> {
  return {
    type: 'continuous', min: -1, max: 1, calculable: false, orient: 'vertical', right: 0, top: 'middle', itemHeight: 160, itemWidth: 10,
    text: CORR_SCALE_TEXT, textGap: 4,
    inRange: { color: [p.accent, p.neutral, p.bad] }, textStyle: { color: p.text3, fontFamily: p.mono, fontSize: 10 }, formatter: (v: number) => v.toFixed(1),
  };
}

/** Axis and tooltip styling every page chart shares. */
export function axisStyle(p: Palette): Record<string, unknown> {
  return {
    axisLine: { lineStyle: { color: p.line } },
    axisTick: { show: false },
    axisLabel: { color: p.text2, fontFamily: p.mono, fontSize: 10 },
    splitLine: { lineStyle: { color: p.line } },
  };
}

export function tooltipStyle(p: Palette): Record<string, unknown> {
  return { backgroundColor: p.bg1, borderColor: p.line, textStyle: { color: p.text, fontFamily: p.mono, fontSize: 11 }, confine: true };
}

/** Signed → css class for P&L colouring. */
export const tone = (n: number): 'pos' | 'neg' | '' => (n > 0 ? 'pos' : n < 0 ? 'neg' : '');
