/**
 * The `stress.replay` request: today's live book (converted exactly as the risk recompute does,
 * book.ts) replayed through a named S&P 500 window by `replayBook` (replay.ts), with
 * `stress.progress` pushed after every chunk. One replay at a time; the S&P file is read once.
 */
import { readFileSync } from 'node:fs';
import { RpcFailure } from '../../shared/contract/errors';
import type { ReplayProgress, ReplayResult, ReplayScenarioId } from '../../shared/contract/stress';
import type { PortfolioService } from '../portfolio/service';
import { findWindow } from '../risk/historical-replay';
import { toBookPositions } from './book';
import { parseDailyCloses, type DailyCloses } from './demo-history';
import { replayBook } from './replay';

/** Contract scenario id → the library's named window (historical-replay.ts HISTORICAL_WINDOWS). */
export const REPLAY_WINDOWS: Record<ReplayScenarioId, string> = { '2000-2002': 'dot-com', '2008': 'gfc-2008', '2020': 'covid-2020' };

export interface ReplayRunnerDeps {
  portfolio: PortfolioService;
  push: (topic: string, data: unknown) => void;
  now: () => number;
  /** Candidate paths of resources/data/sp500-2000.csv, first readable wins. */
  csvPaths: readonly string[];
}

export class ReplayRunner {
  private series: DailyCloses | undefined;
  private running: string | undefined;
  private seq = 0;

  constructor(private readonly d: ReplayRunnerDeps) {}

  async run(p: { scenario: ReplayScenarioId; id?: string | undefined }): Promise<ReplayResult> {
    if (this.running !== undefined) throw new RpcFailure('CONFLICT', `stress.replay: replay '${this.running}' is still running; wait for it to finish`);
    const id = p.id ?? `replay-${++this.seq}`;
    this.running = id;
    try {
      return await this.replay(id, p.scenario);
    } finally {
      this.running = undefined;
    }
  }

  private async replay(id: string, scenario: ReplayScenarioId): Promise<ReplayResult> {
    const t0 = performance.now();
    const series = this.load();
    const w = findWindow(REPLAY_WINDOWS[scenario]);
    const pf = this.d.portfolio;
    const prices = new Map<string, number>();
    for (const s of pf.priceSymbols()) {
      const q = pf.ledger.quote(s);
      if (q && q.last > 0) prices.set(s, q.last);
    }
    const equity = pf.quick().equity;
    if (!(equity > 0)) throw new RpcFailure('UNAVAILABLE', `stress.replay: equity is ${equity}; a replay needs a positive equity`);
    const book = toBookPositions(pf.positions(), pf.ledger.instruments, prices, this.d.now());
    if (book.positions.length === 0) throw new RpcFailure('UNAVAILABLE', 'stress.replay: no position can be valued yet (empty book or no prices)');
    const progress = (done: number, total: number): void => {
      const msg: ReplayProgress = { id, scenario, pct: (100 * done) / total, day: done, days: total };
      this.d.push('stress.progress', msg);
    };
    const r = await replayBook(book.positions, { dates: series.dates, closes: series.closes }, w, { equity, onProgress: progress });
    return {
      id,
      scenario,
      name: w.name,
      start: w.start,
      end: w.end,
      equity,
      positions: book.positions.length,
      dates: r.dates,
      pnl: Array.from(r.pnl),
      equityPath: Array.from(r.equityPath),
      benchmark: Array.from(r.benchmark),
      worstDay: r.worstDay,
      maxDrawdown: r.maxDrawdown,
      maxLoss: r.maxLoss,
      recovery: r.recovery,
      computeMs: performance.now() - t0,
    };
  }

  private load(): DailyCloses {
    if (this.series) return this.series;
    const tried: string[] = [];
    for (const path of this.d.csvPaths) {
      let text: string;
      try {
        text = readFileSync(path, 'utf8');
      } catch (e) {
        tried.push(`${path}: ${e instanceof Error ? e.message : String(e)}`);
        continue;
      }
      this.series = parseDailyCloses(text);
      return this.series;
    }
    throw new RpcFailure('UNAVAILABLE', `stress.replay: cannot read the S&P 500 file; tried ${tried.join('; ')}`);
  }
}
