/** Heavy-risk recompute for the engine: see docs/risk-engine.md. */
export { computeRiskSnapshot, RISK_ENGINE_DEFAULTS, type RiskComputeInput } from './compute';
export { toBookPositions, type ConvertedBook, type SkippedPosition } from './book';
export {
  ReturnHistory,
  BENCHMARK_SYMBOL,
  DEFAULT_HISTORY_DAYS,
  DEFAULT_SYNTHETIC,
  syntheticParams,
  syntheticReturns,
  type AppendResult,
  type ReturnHistoryOptions,
} from './history';
export { buildDemoHistory, loadDemoHistory, parseDailyCloses } from './demo-history';
