/**
 * Markdown tables of an ExperimentReport — the text pasted into docs/controls.md ("Measured
 * effect"), so the docs show exactly what the script printed.
 */
import type { BookReport, ExperimentReport } from './experiment';
import type { Performance } from './metrics';

const pct = (x: number | null | undefined, d = 1): string =>
  x === null || x === undefined || !Number.isFinite(x) ? 'n/a' : `${(x * 100).toFixed(d)} %`;
const num = (x: number | null | undefined, d = 2): string =>
  x === null || x === undefined || !Number.isFinite(x) ? 'n/a' : x.toFixed(d);
const signed = (x: number, d = 2): string => `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(d)}`;
const signedPct = (x: number, d = 1): string => `${x >= 0 ? '+' : '−'}${Math.abs(x * 100).toFixed(d)} %`;
const usd = (x: number): string => Math.round(x).toLocaleString('en-US');

function table(head: string[], rows: string[][]): string {
  const line = (cells: string[]): string => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

function perfRow(book: string, run: string, p: Performance): string[] {
  return [
    book,
    run,
    pct(p.cagr, 2),
    pct(p.annualVol),
    num(p.sharpe),
    num(p.calmar, 3),
    pct(p.maxDrawdown),
    `${p.peakDate ?? '?'} → ${p.troughDate ?? '?'}`,
    num(p.avgExposure),
    usd(p.finalEquity),
  ];
}

export function performanceTable(r: ExperimentReport): string {
  const rows: string[][] = [];
  for (const b of r.books) {
    rows.push(perfRow(b.book, 'controls OFF', b.off), perfRow(b.book, 'controls ON', b.on));
    rows.push(
      perfRow(b.book, `static at ON's exposure (×${num(b.exposureMatched.scale)})`, b.exposureMatched),
    );
  }
  return table(
    [
      'book',
      'run',
      'CAGR',
      'vol',
      'Sharpe',
      'Calmar',
      'max DD',
      'DD peak → trough',
      'avg exposure',
      'final equity (USD)',
    ],
    rows,
  );
}

export function goalsTable(r: ExperimentReport): string {
  const rows = r.books.map((b) => {
    const all = b.falsePositives.find((f) => f.key === 'all events');
    const brk = b.falsePositives.find((f) => f.key === 'all breakers');
    const any = b.breaches.find((x) => x.limit === 'any');
    return [
      b.book,
      pct(b.change.drawdownReduction),
      signed(b.change.sharpeDelta),
      signedPct(b.change.cagrDelta, 2),
      `${pct(brk?.rate)} / ${pct(all?.rate)}`,
      pct(any?.share),
    ];
  });
  return table(
    [
      'book',
      'max DD reduction (plan ≥ 30 %)',
      'Δ Sharpe',
      'Δ CAGR',
      'false positives: breakers / all events (plan < 5 %)',
      'breach-days prevented (plan ≥ 95 %)',
    ],
    rows,
  );
}

export function falsePositiveTable(r: ExperimentReport): string {
  const keys: string[] = [];
  for (const b of r.books) for (const f of b.falsePositives) if (!keys.includes(f.key)) keys.push(f.key);
  const cell = (b: BookReport, k: string): string => {
    const f = b.falsePositives.find((x) => x.key === k);
    return f ? `${f.events} / ${f.falsePositives} / ${pct(f.rate, 0)}` : '0';
  };
  return table(
    ['event', ...r.books.map((b) => `${b.book}: events / FP / rate`)],
    keys.map((k) => [k, ...r.books.map((b) => cell(b, k))]),
  );
}

export function ruleGridTable(r: ExperimentReport): string {
  const rows = r.baseRates.map((br, i) => {
    const rule = `≥ ${pct(br.rule.fall, 0)} within ${br.rule.horizon} d`;
    const cells = r.books.map((b) => {
      const g = b.falsePositiveGrid[i];
      return `${pct(g.breakers, 0)} / ${pct(g.preservation, 0)} / ${pct(g.all, 0)}`;
    });
    return [rule, pct(br.rate, 0), pct(1 - br.rate, 0), ...cells];
  });
  return table(
    [
      'further fall',
      'base rate (any day)',
      'FP of a random trigger',
      ...r.books.map((b) => `${b.book}: breakers / preservation / all`),
    ],
    rows,
  );
}

export function breachTable(r: ExperimentReport): string {
  const rows: string[][] = [];
  for (const b of r.books)
    for (const x of b.breaches)
      rows.push([
        b.book,
        x.limit,
        String(x.offDays),
        String(x.onDays),
        `${x.prevented} (${pct(x.share)})`,
        String(x.onlyOn),
        `${x.offEpisodes} / ${x.onEpisodes}`,
        String(x.preventedEpisodes),
      ]);
  return table(
    [
      'book',
      'limit',
      'OFF breach-days',
      'ON breach-days',
      'prevented days (share)',
      'ON-only days',
      'episodes OFF / ON',
      'OFF episodes prevented',
    ],
    rows,
  );
}

export function activityTable(r: ExperimentReport): string {
  const rows = r.books.map((b) => {
    const m = (k: string): string => pct(b.timeInMode[k] ?? 0);
    const l = (k: string): string => pct(b.timeInLevel[k] ?? 0);
    const src = Object.entries(b.trades.on.bySource)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
    return [
      b.book,
      `${m('ACTIVE')} / ${m('REDUCING')} / ${m('HALTED')}`,
      `${l('0')} / ${l('1')} / ${l('2')} / ${l('3')}`,
      `${b.trades.off.fills} / ${b.trades.on.fills}`,
      src,
      `${usd(b.trades.off.costs)} / ${usd(b.trades.on.costs)}`,
      `${num(b.trades.off.annualTurnover)} / ${num(b.trades.on.annualTurnover)}`,
    ];
  });
  return table(
    [
      'book',
      'ON time ACTIVE / REDUCING / HALTED',
      'ON time at L0 / L1 / L2 / L3',
      'fills OFF / ON',
      'ON fills by source',
      'costs OFF / ON (USD)',
      'turnover ×equity/yr OFF / ON',
    ],
    rows,
  );
}

export function orderCheckTable(r: ExperimentReport): string {
  const codes: string[] = [];
  for (const b of r.books) for (const c of Object.keys(b.orderChecks)) if (!codes.includes(c)) codes.push(c);
  codes.sort();
  return table(
    ['pre-trade reason (ON, denied or cut orders)', ...r.books.map((b) => b.book)],
    codes.map((c) => [c, ...r.books.map((b) => String(b.orderChecks[c] ?? 0))]),
  );
}

export function yearlyTable(r: ExperimentReport): string {
  const years = r.books[0]?.yearly.map((y) => y.year) ?? [];
  const rows = years.map((y, i) => [
    y,
    ...r.books.flatMap((b) => [pct(b.yearly[i].off), pct(b.yearly[i].on)]),
  ]);
  return table(['year', ...r.books.flatMap((b) => [`${b.book} OFF`, `${b.book} ON`])], rows);
}

export function sensitivityTable(r: ExperimentReport): string {
  const rows = r.sensitivity.map((s) => [
    s.book,
    s.variant,
    `${pct(s.ddOff)} → ${pct(s.ddOn)}`,
    pct(s.drawdownReduction),
    `${num(s.sharpeOff)} → ${num(s.sharpeOn)} (${signed(s.sharpeDelta)})`,
    `${pct(s.cagrOff, 2)} → ${pct(s.cagrOn, 2)}`,
    num(s.avgExposureOn),
    pct(s.falsePositiveRate),
    pct(s.breachesPrevented),
    String(s.events),
  ]);
  return table(
    [
      'book',
      'variant',
      'max DD OFF → ON',
      'DD reduction',
      'Sharpe OFF → ON (Δ)',
      'CAGR OFF → ON',
      'avg exposure ON',
      'FP (all)',
      'breach-days prevented',
      'events',
    ],
    rows,
  );
}

export function robustnessTable(r: ExperimentReport): string {
  const rows = r.robustness.map((x) => [
    x.book,
    `${x.start} (+${x.offset})`,
    pct(x.drawdownReduction),
    signed(x.sharpeDelta),
    signedPct(x.cagrDelta, 2),
    pct(x.falsePositiveRate),
    pct(x.breachesPrevented),
  ]);
  return table(
    [
      'book',
      'first day (+ days dropped)',
      'DD reduction',
      'Δ Sharpe',
      'Δ CAGR',
      'FP (all)',
      'breach-days prevented',
    ],
    rows,
  );
}

/** Every table, with headings, as printed by scripts/controls-effect.ts. */
export function renderMarkdown(r: ExperimentReport): string {
  const parts: string[] = [
    `Data: ${r.data.first} .. ${r.data.last}, ${r.data.days} trading days. False positive: no close ≥ ${pct(r.rule.fall, 0)} below the trip price within ${r.rule.horizon} trading days.`,
    '#### Against the plan',
    goalsTable(r),
    '#### Performance',
    performanceTable(r),
    '#### False positives by event',
    falsePositiveTable(r),
    '#### False-positive rule and base rate',
    ruleGridTable(r),
    '#### Limit breaches',
    breachTable(r),
    '#### Activity and costs',
    activityTable(r),
    '#### Pre-trade check on ON orders',
    orderCheckTable(r),
    '#### Calendar years',
    yearlyTable(r),
  ];
  for (const b of r.books)
    parts.push(
      `Drawdown-breaker trips (${b.book}): ${b.drawdownTrips.join(', ') || 'none'}. HWM re-bases: ${b.rebases.join(', ') || 'none'}.`,
    );
  if (r.sensitivity.length) parts.push('#### Sensitivity', sensitivityTable(r));
  if (r.robustness.length) parts.push('#### Start-date robustness', robustnessTable(r));
  return parts.join('\n\n');
}
