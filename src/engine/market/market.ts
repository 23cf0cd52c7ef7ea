/**
 * Market data in the engine: the built-in simulator (a loopback Binance-protocol server, started
 * by default so a new user sees live prices at once) and the feed connections that turn frames into
 * validated prices for the portfolio. Every endpoint is configurable; `binance` pointed at another
 * URL replaces the simulator as the source.
 */
import { RpcFailure } from '../../shared/contract/errors';
import type { FeedHealthView } from '../../shared/contract/market';
import { FeedConnection } from '../feeds/connection';
import { createBinanceSpotAdapter } from '../feeds/adapters/index';
import type { Tick } from '../feeds/tick';
import { startSimulator, type FaultKind, type ScenarioName, type SimulatorHandle } from '../sim/index';

export interface MarketOptions {
  /** Run the built-in simulator (default true unless a binance URL is configured). */
  simulator?: boolean;
  /** Simulator messages per second across all symbols (default 400: lively, cheap). */
  simRate?: number;
  simSeed?: number;
  /** Venue → endpoint URL overrides (`--feed binance=ws://…`). */
  feeds?: Record<string, string>;
  staleMs?: number;
  onPrice: (symbol: string, bid: number, ask: number, mark: number, ts: number) => void;
  onStale: (symbol: string, stale: boolean) => void;
}

interface Book {
  bid: number;
  ask: number;
  last: number;
}

export class Market {
  private sim: SimulatorHandle | undefined;
  private feed: FeedConnection | undefined;
  private url = '';
  private readonly books = new Map<string, Book>();

  constructor(private readonly opts: MarketOptions) {}

  async start(symbols: readonly string[]): Promise<void> {
    const configured = this.opts.feeds?.binance;
    if (this.opts.simulator ?? !configured) {
      this.sim = await startSimulator({ port: 0, host: '127.0.0.1', rate: this.opts.simRate ?? 400, ...(this.opts.simSeed !== undefined ? { seed: this.opts.simSeed } : {}) });
    }
    const url = configured ?? this.sim?.url;
    if (!url) return; // no simulator and no venue configured: market data is off
    this.url = url;
    this.feed = new FeedConnection({
      adapter: createBinanceSpotAdapter(),
      url: this.url,
      subscriptions: symbols.flatMap((symbol) => [
        { symbol, channel: 'bookTicker' },
        { symbol, channel: 'trade' },
      ]),
      staleMs: this.opts.staleMs ?? 5000,
      onTick: (t) => this.onTick(t),
      onStale: (s, stale) => this.opts.onStale(s, stale),
    });
    this.feed.start();
  }

  /** Mark = mid when both sides are quoted (steadier than the last print), else the last trade. */
  private onTick(t: Tick): void {
    let b = this.books.get(t.symbol);
    if (!b) {
      b = { bid: NaN, ask: NaN, last: NaN };
      this.books.set(t.symbol, b);
    }
    if (t.bid !== undefined) b.bid = t.bid;
    if (t.ask !== undefined) b.ask = t.ask;
    if (t.last !== undefined) b.last = t.last;
    const quoted = b.bid > 0 && b.ask > 0;
    const mark = quoted ? (b.bid + b.ask) / 2 : b.last;
    if (!(mark > 0)) return;
    this.opts.onPrice(t.symbol, quoted ? b.bid : mark, quoted ? b.ask : mark, mark, t.recvTs);
  }

  subscribe(symbols: readonly string[]): void {
    this.feed?.subscribe(symbols.flatMap((symbol) => [{ symbol, channel: 'bookTicker' }, { symbol, channel: 'trade' }]));
  }

  health(): FeedHealthView[] {
    if (!this.feed) return [];
    const h = this.feed.health();
    return [
      {
        venue: this.sim && !this.opts.feeds?.binance ? 'sim (binance protocol)' : h.venue,
        url: this.url,
        state: h.state,
        msgsPerSec: h.msgsPerSec,
        lastMessageAgeMs: h.lastMessageAgeMs,
        reconnects: h.reconnects,
        dropped: { ...h.dropped },
        accepted: h.accepted,
        gaps: h.gaps,
        staleSymbols: h.staleSymbols,
        subscriptions: h.subscriptions,
      },
    ];
  }

  private simulator(): SimulatorHandle {
    if (!this.sim) throw new RpcFailure('CONFLICT', 'the built-in simulator is not running (a live feed is configured)');
    return this.sim;
  }

  scenario(name: ScenarioName): void {
    this.simulator().scenario(name);
  }

  fault(kind: FaultKind, durationMs?: number): void {
    this.simulator().fault(kind, durationMs !== undefined ? { durationMs } : {});
  }

  async stop(): Promise<void> {
    await this.feed?.stop();
    await this.sim?.close();
  }
}
