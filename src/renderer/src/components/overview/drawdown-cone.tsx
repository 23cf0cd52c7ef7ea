// Drawdown trajectory (stored equity snapshots) followed by the predictive cone of the risk engine's
// 20-day GARCH Monte Carlo (risk.drawdownForecast.cone: p05…p95 of the drawdown on each day ahead).
// Drawdowns are drawn as negative percentages of the high-water mark so "down" is down.
import { useEffect, useMemo, useState } from 'react';
import type { EquityHistory, RiskSnapshot } from '../../../../shared/contract/index';
import { call } from '../../api';
import { errText } from '../controls-ui';
import { fmtAge, fmtDateTime, fmtPct, MINUS } from '../../format';
import { LwChart, mix, alpha, useChartTheme, type LwSeries, type Time, type UTCTimestamp } from '../../charts/lw-chart';
import type { ChartOptions, DeepPartial } from 'lightweight-charts';

/** History points requested: the cone's 20 daily points then take about a quarter of the width. */
const HISTORY_POINTS = 60;

// One relative axis for both parts: the history (seconds to days of snapshots) is compressed into
// "today" and labelled by its age ("−30m"), the forecast by its day ahead ("+5d"). lightweight-charts
// spaces points by index and picks tick labels by the calendar boundary each time crosses, so the
// points get synthetic times chosen for their boundaries: "now" on a year start (always labelled),
// every 5th forecast day on a month start (labelled before other days), history points 3 min apart
// so every 10th sits on a half hour. The labels come from the map built with the points.
const BASE = Date.UTC(2001, 0, 1) / 1000;
const HIST_STEP_S = 180;
const histTime = (i: number, n: number): UTCTimestamp => (BASE - (n - 1 - i) * HIST_STEP_S) as UTCTimestamp;
const dayTime = (d: number): UTCTimestamp => (Date.UTC(2001, Math.floor(d / 5), 1 + (d % 5)) / 1000) as UTCTimestamp;

interface AxisLabel {
  tick: string;
  full: string;
}

const BASE_OPTIONS: DeepPartial<ChartOptions> = {
  rightPriceScale: { scaleMargins: { top: 0.08, bottom: 0.06 } },
  handleScroll: false,
  handleScale: false,
};

function useEquityHistory(riskTs: number | undefined): { data: EquityHistory | undefined; error: string | undefined } {
  const [data, setData] = useState<EquityHistory | undefined>();
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    let alive = true;
    const load = (): void => {
      call('portfolio.equityHistory', { maxPoints: HISTORY_POINTS }).then(
        (h) => {
          if (!alive) return;
          setData(h);
          setError(undefined);
        },
        (e: unknown) => alive && setError(errText(e)),
      );
    };
    load();
    const t = setInterval(load, 5_000);
    return () => {
      alive = false;
      clearInterval(t);
    };
  }, [riskTs]);
  return { data, error };
}

export function DrawdownCone({ risk, drawdown }: { risk: RiskSnapshot | undefined; drawdown: number | undefined }) {
  const t = useChartTheme();
  const { data, error } = useEquityHistory(risk?.ts);
  const fc = risk?.drawdownForecast;

  const { series, labels } = useMemo((): { series: LwSeries[]; labels: Map<number, AxisLabel> } => {
    const labels = new Map<number, AxisLabel>();
    const pts = data?.points ?? [];
    if (pts.length === 0 && !risk) return { series: [], labels };
    const lastTs = pts.length > 0 ? pts[pts.length - 1].ts : undefined;
    const hist = pts.map((p, i) => {
      const time = histTime(i, pts.length);
      const age = (lastTs ?? p.ts) - p.ts;
      labels.set(time, { tick: i === pts.length - 1 ? 'now' : `${MINUS}${fmtAge(age)}`, full: `${fmtDateTime(p.ts)} UTC` });
      return { time, value: -p.drawdown * 100 };
    });
    const t0 = BASE as UTCTimestamp;
    if (pts.length === 0) labels.set(t0, { tick: 'now', full: 'now' });
    const now = hist.length > 0 ? hist[hist.length - 1].value : -(drawdown ?? 0) * 100;
    const limitLine = fc ? [{ price: -fc.limit * 100, color: t.bad, lineWidth: 1 as const, lineStyle: 2, axisLabelVisible: true, title: `limit ${fmtPct(fc.limit, 0)}` }] : [];
    const out: LwSeries[] = [];
    if (fc && fc.cone.days.length > 0) {
      // Day 0 is "now" itself; the cone's days are 1…horizon.
      const ahead = fc.cone.days.map((d, i) => ({ d, i })).filter((x) => x.d >= 1);
      for (const { d } of ahead) labels.set(dayTime(d), { tick: `+${d}d`, full: `day +${d} (forecast)` });
      const q = (arr: number[]) => [{ time: t0, value: now }, ...ahead.map(({ d, i }) => ({ time: dayTime(d), value: -arr[i] * 100 }))];
      // Opaque layers from 0 down to each quantile: p95 band, p75 darker, p25 restores the band colour,
      // p05 erases with the background. The result is the 5-95 % band with the 25-75 % core, no alpha build-up.
      // No value tags on the price axis for the cone (they covered its labels): the header reads them out.
      const band = mix(t.bad, t.bg1, 0.16);
      const core = mix(t.bad, t.bg1, 0.34);
      const layer = (id: string, arr: number[], fill: string, line: string): LwSeries => ({
        id,
        kind: 'Baseline',
        data: q(arr),
        options: {
          baseValue: { type: 'price', price: 0 },
          bottomFillColor1: fill,
          bottomFillColor2: fill,
          bottomLineColor: line,
          topFillColor1: 'transparent',
          topFillColor2: 'transparent',
          topLineColor: line,
          lineWidth: 1,
          priceLineVisible: false,
          lastValueVisible: false,
          crosshairMarkerVisible: false,
        },
      });
      out.push(layer('p95', fc.cone.p95, band, alpha(t.bad, 0.55)));
      out.push(layer('p75', fc.cone.p75, core, 'transparent'));
      out.push(layer('p25', fc.cone.p25, band, 'transparent'));
      out.push(layer('p05', fc.cone.p05, t.bg1, alpha(t.bad, 0.35)));
      out.push({ id: 'p50', kind: 'Line', data: q(fc.cone.p50), options: { color: t.bad, lineWidth: 1, lineStyle: 2, priceLineVisible: false, lastValueVisible: false, crosshairMarkerVisible: false } });
    }
    out.push({
      id: 'history',
      kind: 'Baseline',
      data: hist.length > 0 ? hist : [{ time: t0, value: now }],
      priceLines: limitLine,
      options: {
        baseValue: { type: 'price', price: 0 },
        bottomFillColor1: alpha(t.accent, 0.05),
        bottomFillColor2: alpha(t.accent, 0.3),
        bottomLineColor: t.accent,
        topLineColor: t.accent,
        topFillColor1: 'transparent',
        topFillColor2: 'transparent',
        lineWidth: 2,
        priceLineVisible: false,
        lastValueVisible: true,
        title: 'now',
      },
    });
    return { series: out, labels };
  }, [data, risk, fc, drawdown, t]);

  const options = useMemo((): DeepPartial<ChartOptions> => {
    const label = (time: Time): AxisLabel | undefined => (typeof time === 'number' ? labels.get(time) : undefined);
    return {
      ...BASE_OPTIONS,
      localization: { priceFormatter: (p: number) => fmtPct(p / 100, 1), timeFormatter: (time: Time) => label(time)?.full ?? '' },
      timeScale: { tickMarkFormatter: (time: Time) => label(time)?.tick ?? '', tickMarkMaxCharacterLength: 5 },
    };
  }, [labels]);

  const last = fc ? fc.cone.days.length - 1 : -1;
  return (
    <section className="panel ov-chart" aria-label="Drawdown trajectory and forecast">
      <div className="panel-head">
        <h2 title="Drawdown = 1 − equity / high-water mark, from the stored equity snapshots (each plotted point keeps the deepest drawdown of its time bucket). Cone: 5-95 % and 25-75 % bands and median of the drawdown on each of the next 20 days, from 2,000 GARCH(1,1) Monte Carlo paths of the book's returns starting at today's drawdown.">
          Drawdown &amp; 20-day cone
        </h2>
        <span className="muted">
          {data ? `${data.rows > 0 ? `${data.resolution} snapshots` : 'collecting snapshots…'}` : error ? '' : 'loading…'}
        </span>
        <div className="spacer" />
        {fc && (
          <span className="ov-legend num" data-testid="cone-prob" title="Share of the Monte Carlo paths whose drawdown reaches the limit within the horizon">
            P(hit {fmtPct(fc.limit, 0)} in {fc.horizonDays}d) <b className={fc.probHitLimit >= 0.2 ? 'neg' : ''}>{fmtPct(fc.probHitLimit, 1)}</b>
            {last >= 0 && (
              <>
                {' '}
                · +{fc.cone.days[last]}d median <b>{fmtPct(-fc.cone.p50[last], 1)}</b> p95 <b>{fmtPct(-fc.cone.p95[last], 1)}</b>
              </>
            )}
          </span>
        )}
      </div>
      {error && <div className="form-error" role="alert">Equity history unavailable: {error}</div>}
      {!risk && !data ? (
        <div className="ov-empty" style={{ height: 350 }}>Awaiting the first risk snapshot…</div>
      ) : (
        <LwChart series={series} height={350} options={options} label={`Drawdown trajectory with a ${fc?.horizonDays ?? 20}-day predictive cone`} testId="drawdown-cone" />
      )}
    </section>
  );
}
