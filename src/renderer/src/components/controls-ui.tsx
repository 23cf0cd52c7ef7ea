// Small pieces shared by the Controls, Alerts and History pages: badges, the utilisation bar, the
// live countdown and the one formatter for risk metrics (whose unit depends on the metric's name).
import type { AlertView, BreakerViewSchema, TradingStateView } from '../../../shared/contract/index';
import { ApiError } from '../api';
import { fmtDuration, fmtInt, fmtMoney, fmtPct } from '../format';
import { useNow } from './use-now';

export type Mode = TradingStateView['mode'];
export type Level = AlertView['level'];
export type BreakerStatus = BreakerViewSchema['status'];

/** The message of an ApiError (it names the field), or the text of anything else thrown. */
export const errText = (e: unknown): string => (e instanceof ApiError ? e.message : e instanceof Error ? e.message : String(e));

const PCT = new Set([
  'daily_loss',
  'drawdown',
  'maxDailyLoss',
  'maxDrawdown',
  'maxRiskPerPosition',
  'maxPortfolioRisk',
  'maxConcentration',
  'defaultSectorCap',
  'varLimit',
  'tail_risk',
  'liquidity',
  'pnl_mismatch',
]);
const COUNT = new Set(['maxPositions', 'maxOrdersPerMinute', 'loss_streak', 'data_errors', 'level']);
const RATIO = new Set(['realised_vol_ratio', 'volatility']);
const RHO = new Set(['maxCorrelation', 'avg_pairwise_correlation', 'correlation']);
const MS = new Set(['maxPriceAgeMs', 'stale_feed_ms']);

/** A metric value in its natural unit: fractions of equity as %, ratios as ×, ρ to 2 dp, counts as integers. */
export function fmtMetric(metric: string, v: number | null | undefined, pctDigits = 2): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  if (PCT.has(metric) || metric.startsWith('sectorCaps.')) return fmtPct(v, pctDigits);
  if (COUNT.has(metric)) return fmtInt(Math.round(v * 100) / 100);
  if (RATIO.has(metric)) return `${v.toFixed(2)}×`;
  if (RHO.has(metric)) return v.toFixed(2);
  if (MS.has(metric)) return v >= 10_000 ? fmtDuration(v) : `${fmtInt(Math.round(v))} ms`;
  if (metric === 'maxNotionalPerOrder') return fmtMoney(v, { compact: true });
  return Math.abs(v) >= 1000 ? fmtInt(Math.round(v)) : String(Number(v.toPrecision(4)));
}

export const MODE_HELP: Record<Mode, string> = {
  ACTIVE: 'ACTIVE: orders pass the pre-trade check normally.',
  REDUCING: 'REDUCING: exposure-adding orders are refused; orders that reduce a position pass.',
  HALTED: 'HALTED: every exposure-adding order is refused; reducing orders still pass so no position is trapped.',
};

/** The one "no value" mark of the Controls tables: a muted em dash in the text font (in the mono
 * font it drew narrower, like an en dash, next to the other cells' dashes). */
export function Nil({ title = 'none' }: { title?: string }) {
  return (
    <span className="nil" title={title}>
      —
    </span>
  );
}

export function ModeBadge({ mode, big = false, empty = '—' }: { mode: Mode | null | undefined; big?: boolean; empty?: string }) {
  // No mode: plain muted text, not an outlined chip (an empty outlined box read as an input).
  if (!mode) return <span className="mode-none">{empty}</span>;
  return (
    <span className={`mode mode-${mode}${big ? ' mode-big' : ''}`} title={MODE_HELP[mode]}>
      {mode}
    </span>
  );
}

export function LevelBadge({ level }: { level: Level }) {
  return <span className={`sev sev-${level}`}>{level}</span>;
}

const STATUS_HELP: Record<BreakerStatus, string> = {
  armed: 'Armed: watching its metric; not restricting trading.',
  tripped: 'Tripped: imposing its trading mode until it ends (see Remaining).',
  cooling_down: 'Cooling down: the condition cleared; REDUCING until the cool-down ends. Re-trips if the condition returns.',
  overridden: 'Overridden by a trader until the override expires or is revoked; then re-armed and re-evaluated.',
  disabled: 'Disabled: out of service.',
};

export function BreakerStatusBadge({ status }: { status: BreakerStatus }) {
  return (
    <span className={`bstat bstat-${status}`} title={STATUS_HELP[status]} data-status={status}>
      {status.replace('_', ' ')}
    </span>
  );
}

/** Utilisation of a limit: green below 80 %, amber 80-100 %, red at or beyond 100 %. */
export function UtilBar({ u, label }: { u: number; label: string }) {
  const pct = Number.isFinite(u) ? u * 100 : 0;
  const cls = pct >= 100 ? 'ubar-bad' : pct >= 80 ? 'ubar-warn' : 'ubar-ok';
  return (
    <div className="ubar-wrap" title="Utilisation = current value / effective limit. Green < 80 %, amber 80-100 %, red ≥ 100 %.">
      <div className={`ubar ${cls}`} role="meter" aria-label={`${label} utilisation`} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(Math.min(pct, 999))}>
        <div className="ubar-fill" style={{ width: `${Math.max(0, Math.min(100, pct))}%` }} />
      </div>
      <span className={`num ubar-pct ${cls}`}>{fmtPct(u, 0)}</span>
    </div>
  );
}

/**
 * Time left, ticking every second. `remainingMs` was true at local time `at` (when the push arrived),
 * so the countdown does not depend on the engine's clock agreeing with this machine's.
 */
export function Countdown({ remainingMs, at, testId }: { remainingMs: number | null; at: number; testId?: string }) {
  const now = useNow(1000);
  if (remainingMs === null)
    return (
      <span className="nil" title="none" data-testid={testId}>
        —
      </span>
    );
  // `now` ticks once a second, so it can lag a fresh push by up to 1 s: never show more than was pushed.
  const left = Math.max(0, Math.min(remainingMs, at + remainingMs - now));
  return (
    <span className={`num countdown${left < 60_000 ? ' countdown-soon' : ''}`} data-testid={testId} data-ms={left} aria-label={`${fmtDuration(left)} remaining`}>
      {fmtDuration(left)}
    </span>
  );
}

/** Time until an absolute engine timestamp (same machine or synced clocks), ticking every second. */
export function Until({ ts }: { ts: number | null }) {
  const now = useNow(1000);
  if (ts === null) return <span className="muted">no expiry</span>;
  return <span className="num">{fmtDuration(Math.max(0, ts - now))}</span>;
}

/** Engine reasons carry raw floats ("daily_loss 0.02000828174882362 vs 0.02"): shorten them for display. */
export const tidyReason = (text: string): string => text.replace(/-?\d+\.\d{5,}/g, (m) => String(Number(Number(m).toPrecision(4))));
