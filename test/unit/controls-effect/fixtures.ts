// Synthetic index paths for the replay tests (the full S&P replay stays in the script: seconds).
import { barsFromCloses, type Bar } from '../../../src/engine/backtest/data';
import { replayConfig, UNLEVERED, LEVERED, type ReplayConfig } from '../../../src/engine/backtest/config';

/**
 * 100 days rising 20 % with a ±0.3 % zig-zag (so volatility is not zero and no losing streak
 * forms), 20 days falling 30 % (−1.77 % a day: below the 2 % daily-loss limit, so the drawdown and
 * streak controls are the ones that must act), then 120 days recovering to 110 (zig-zag again).
 */
export function riseCrashRecover(): Bar[] {
  const closes: number[] = [];
  const zig = (t: number): number => 1 + 0.003 * (t % 2 === 0 ? 1 : -1);
  for (let t = 0; t <= 100; t++) closes.push(100 * 1.2 ** (t / 100) * zig(t));
  const top = closes[closes.length - 1];
  for (let t = 1; t <= 20; t++) closes.push(top * 0.7 ** (t / 20));
  const bottom = closes[closes.length - 1];
  for (let t = 1; t <= 120; t++) closes.push(bottom * (110 / bottom) ** (t / 120) * zig(t));
  return barsFromCloses(closes, '2001-01-01');
}

/** Short warm-up and re-base so a 241-day path exercises every stage. */
export function testConfig(over: Partial<ReplayConfig> = {}): ReplayConfig {
  return replayConfig({ riskWarmup: 20, rebaseAfterDays: 10, ...over });
}

export { UNLEVERED, LEVERED };
