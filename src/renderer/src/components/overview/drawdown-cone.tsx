// Drawdown trajectory (stored equity snapshots) followed by the predictive cone of the risk engine's
// 20-day GARCH Monte Carlo (risk.drawdownForecast.cone: p05…p95 of the drawdown on each day ahead).
// Drawdowns are drawn as negative percentages of the high-water mark so "down" is down.
import { useEffect, useMemo, useState } from 'react';
import type { EquityHistory, RiskSnapshot } from '../../../../shared/contract/index';
import { call } from '../../api';
import { errText } from '../controls-ui';
import { fmtPct } from '../../format';
import { LwChart, mix, alpha, useChartTheme, type LwSeries, type UTCTimestamp } from '../../charts/lw-chart';
import type { ChartOptions, DeepPartial } from 'lightweight-charts';

const DAY_S = 86_400;
/** History points requested: the cone's 20 daily points then take about a fifth of the width. */
const HISTORY_POINTS = 80;

const OPTIONS: DeepPartial<ChartOptions> = {
  localization: { priceFormatter: (p: number) => `${p.toFixed(1)}%` },
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

  const series = useMemo((): LwSeries[] => {
    const hist = (data?.points ?? []).map((p) => ({ time: Math.floor(p.ts / 1000) as UTCTimestamp, value: -p.drawdown * 100 }));
    const t0 = hist.length > 0 ? hist[hist.length - 1].time : risk ? (Math.floor(risk.ts / 1000) as UTCTimestamp) : undefined;
    if (t0 === undefined) return [];
    const now = hist.length > 0 ? hist[hist.length - 1].value : -(drawdown ?? 0) * 100;
    const limitLine = fc ? [{ price: -fc.limit * 100, color: t.bad, lineWidth: 1 as const, lineStyle: 2, axisLabelVisible: true, title: `limit ${fmtPct(fc.limit, 0)}` }] : [];
    const out: LwSeries[] = [];
    if (fc && fc.cone.days.length > 0) {
      const q = (arr: number[]) => [{ time: t0, value: now }, ...fc.cone.days.map((d, i) => ({ time: (t0 + d * DAY_S) as UTCTimestamp, value: -arr[i] * 100 }))];
      // Opaque layers from 0 down to each quantile: p95 band, p75 darker, p25 restores the band colour,
      // p05 erases with the background. The result is the 5-95 % band with the 25-75 % core, no alpha build-up.
      const band = mix(t.bad, t.bg1, 0.16);
      const core = mix(t.bad, t.bg1, 0.34);
      const layer = (id: string, arr: number[], fill: string, line: string, lastValue: boolean): LwSeries => ({
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
          lastValueVisible: lastValue,
          crosshairMarkerVisible: false,
          title: lastValue ? id : '',
        },
      });
      out.push(layer('p95', fc.cone.p95, band, alpha(t.bad, 0.55), true));
      out.push(layer('p75', fc.cone.p75, core, 'transparent', false));
      out.push(layer('p25', fc.cone.p25, band, 'transparent', false));
      out.push(layer('p05', fc.cone.p05, t.bg1, alpha(t.bad, 0.35), false));
      out.push({ id: 'p50', kind: 'Line', data: q(fc.cone.p50), options: { color: t.bad, lineWidth: 1, lineStyle: 2, priceLineVisible: false, lastValueVisible: true, title: 'median', crosshairMarkerVisible: false } });
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
    return out;
  }, [data, risk, fc, drawdown, t]);

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
            {last >= 0 && <> · p95 day {fc.cone.days[last]} {fmtPct(-fc.cone.p95[last], 1)}</>}
          </span>
        )}
      </div>
      {error && <div className="form-error" role="alert">Equity history unavailable: {error}</div>}
      {!risk && !data ? (
        <div className="ov-empty" style={{ height: 350 }}>Awaiting the first risk snapshot…</div>
      ) : (
        <LwChart series={series} height={350} options={OPTIONS} label={`Drawdown trajectory with a ${fc?.horizonDays ?? 20}-day predictive cone`} testId="drawdown-cone" />
      )}
    </section>
  );
}
