import { it } from 'vitest';
import { barsFromCloses } from '/work/main/src/engine/backtest/data';
import { hedgingReplayConfig, runHedgingReplay } from '/work/main/src/engine/backtest/hedging-driver';
import { summarise } from '/work/main/src/engine/backtest/hedging-report';
it('x', () => {
const PATTERN = [0.01, -0.01, 0.005, -0.006, 0.012, -0.011, 0.004, -0.003];
const closes = [1000]; for (let i = 0; i < 80; i++) closes.push(closes.at(-1)! * (1 + PATTERN[i % 8]));
for (const r of [0.001, -0.001, 0.001, ...Array.from({ length: 10 }, () => 0.8 ** 0.1 - 1), ...Array.from({ length: 7 }, () => 0)]) closes.push(closes.at(-1)! * (1 + r));
const bars = barsFromCloses(closes, '2010-01-04');
const on = runHedgingReplay(bars, 80, bars.length - 1, hedgingReplayConfig({ historyDays: 60 }));
for (const p of on.proposals) console.log(p.date, p.trigger, p.score.toFixed(3), p.scoreAfter.toFixed(3), p.cost.toFixed(0), p.tailLossBefore.toFixed(0), p.tailLossAfter.toFixed(0), p.legs.join(';'));
console.log(on.score.map(x => x.toFixed(3)).join(' '), on.exposure.map(x=>x.toFixed(2)).join(' '), summarise(on, 1e6));
});
