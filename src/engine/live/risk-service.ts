/**
 * The heavy risk recompute in the live engine: on a schedule (every 10 s by default) and on demand,
 * never on the tick path. Each recompute is stored (headline figures in risk_snapshots, each named
 * scenario in stress_results), pushed to the UI and handed to the controls.
 */
import type { Database, Statement } from 'better-sqlite3';
import type { RiskSnapshot } from '../../shared/contract/risk';
import type { NewEvent } from '../db/journal';
import type { PortfolioService } from '../portfolio/service';
import { readFileSync } from 'node:fs';
import { earlyWarningFromCoefficients, type EarlyWarningCoefficients, type EarlyWarningModel } from '../risk/ml/early-warning';
import { computeRiskSnapshot, loadDemoHistory, type ReturnHistory } from '../risk-engine/index';
import type { RiskInputs } from './controls-service';

export interface RiskServiceDeps {
  db: Database;
  portfolio: PortfolioService;
  append: (e: NewEvent) => void;
  now: () => number;
  push: (topic: string, data: unknown) => void;
  onRisk: (r: RiskInputs) => void;
  /** Hears every full snapshot after the controls (the hedging service's tail score). */
  onSnapshot?: (s: RiskSnapshot) => void;
  /** Where resources/data/sp500-2000.csv is looked for, in order. */
  historyPaths: string[];
  /** The shipped early-warning coefficients (resources/models/early-warning.json). */
  modelPath?: string;
  limits: () => { varLimit: number; maxDrawdown: number };
}

export class RiskService {
  private history: ReturnHistory | undefined;
  private model: EarlyWarningModel | undefined;
  private modelTried = false;
  private historyFailed = false;
  private last: RiskSnapshot | null = null;
  private readonly scores: number[] = [];
  private readonly insSnap: Statement;
  private readonly insStress: Statement;
  private lastJournaled: { score: number; regime: string } | undefined;

  constructor(private readonly d: RiskServiceDeps) {
    this.insSnap = d.db.prepare(
      'INSERT OR REPLACE INTO risk_snapshots (ts, equity, var95, cvar95, var99, cvar99, risk_score, regime, avg_corr, greeks, stress_worst) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.insStress = d.db.prepare('INSERT OR REPLACE INTO stress_results (ts, scenario, pnl) VALUES (?, ?, ?)');
  }

  /** Daily return volatility (sample, last 60 days) of a price symbol, from the risk history. */
  dailyVol(symbol: string): number | undefined {
    const h = this.ensureHistory();
    const r = h?.has(symbol) ? h.get(symbol) : undefined;
    if (!r || r.length < 20) return undefined;
    const w = r.subarray(Math.max(0, r.length - 60));
    let m = 0;
    for (const x of w) m += x;
    m /= w.length;
    let v = 0;
    for (const x of w) v += (x - m) ** 2;
    return Math.sqrt(v / (w.length - 1));
  }

  /** A symbol's daily simple returns (oldest first; its tail is aligned with a snapshot's pnlHistory), synthesised as the recompute does when missing. */
  returns(symbol: string): Float64Array | undefined {
    return this.ensureHistory()?.ensure(symbol);
  }

  latest(): RiskSnapshot | null {
    return this.last;
  }

  private ensureHistory(): ReturnHistory | undefined {
    if (this.history || this.historyFailed) return this.history;
    try {
      this.history = loadDemoHistory(this.d.historyPaths);
    } catch (err) {
      this.historyFailed = true;
      this.d.append({ kind: 'risk.history_unavailable', severity: 'critical', source: 'risk', payload: { message: (err as Error).message } });
    }
    return this.history;
  }

  /** Loads the shipped model once; without it the risk score and sizing simply leave ML out. */
  private ensureModel(): EarlyWarningModel | undefined {
    if (this.modelTried || !this.d.modelPath) return this.model;
    this.modelTried = true;
    try {
      this.model = earlyWarningFromCoefficients(JSON.parse(readFileSync(this.d.modelPath, 'utf8')) as EarlyWarningCoefficients);
    } catch (err) {
      this.d.append({ kind: 'risk.model_unavailable', severity: 'warning', source: 'risk', payload: { path: this.d.modelPath, message: (err as Error).message } });
    }
    return this.model;
  }

  recompute(): RiskSnapshot | null {
    const history = this.ensureHistory();
    const model = this.ensureModel();
    if (!history) return null;
    const pf = this.d.portfolio;
    const ledger = pf.ledger;
    const prices = new Map<string, number>();
    for (const s of pf.priceSymbols()) {
      const q = ledger.quote(s);
      if (q && q.last > 0) prices.set(s, q.last);
    }
    const quick = pf.quick();
    if (!(quick.equity > 0)) return this.last;
    const lim = this.d.limits();
    const snap = computeRiskSnapshot({
      positions: pf.positions(),
      instruments: ledger.instruments,
      prices,
      equity: quick.equity,
      history,
      now: this.d.now(),
      previousScores: this.scores,
      limits: { var99: lim.varLimit, maxDrawdown: lim.maxDrawdown },
      currentDrawdown: Math.min(quick.drawdown, 0.999),
      clock: () => performance.now(),
      ...(model ? { earlyWarning: model } : {}),
    });
    this.last = snap;
    this.scores.push(snap.riskScore.score);
    if (this.scores.length > 30) this.scores.shift();
    this.store(snap);
    this.d.push('risk.snapshot', snap);
    this.d.onRisk({
      var99: snap.var.historical['0.99'].var,
      volRatio: snap.volRatio,
      avgCorrelation: snap.correlation.avgPairwise,
      regime: snap.regime,
      correlations: correlationMap(snap),
      ...(snap.earlyWarning ? { earlyWarningP: snap.earlyWarning.probability } : {}),
    });
    this.d.onSnapshot?.(snap);
    const j = this.lastJournaled;
    if (!j || Math.abs(j.score - snap.riskScore.score) >= 5 || j.regime !== snap.regime) {
      this.lastJournaled = { score: snap.riskScore.score, regime: snap.regime };
      this.d.append({
        kind: 'risk.updated',
        severity: 'info',
        source: 'risk',
        payload: { score: snap.riskScore.score, regime: snap.regime, var99: snap.var.historical['0.99'].var, cvar99: snap.var.historical['0.99'].cvar, equity: snap.equity },
      });
    }
    return snap;
  }

  private store(s: RiskSnapshot): void {
    const h = s.var.historical;
    this.d.db.transaction(() => {
      this.insSnap.run(s.ts, s.equity, h['0.95'].var, h['0.95'].cvar, h['0.99'].var, h['0.99'].cvar, s.riskScore.score, s.regime, s.correlation.avgPairwise, JSON.stringify({ delta: s.greeks.delta, gamma: s.greeks.gamma, vega: s.greeks.vega, theta: s.greeks.theta }), s.stress.worst.pnl);
      for (const sc of s.scenarios) this.insStress.run(s.ts, sc.name, sc.pnl);
    })();
  }
}

/** ρ by underlying pair, for the pre-trade correlation check and breaker scoping. */
function correlationMap(s: RiskSnapshot): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  const { symbols, matrix } = s.correlation;
  symbols.forEach((a, i) => {
    const row = new Map<string, number>();
    symbols.forEach((b, j) => row.set(b, matrix[i][j]));
    out.set(a, row);
  });
  return out;
}
