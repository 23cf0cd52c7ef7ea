/**
 * Market data in the engine: the built-in simulator (a loopback Binance-protocol server, started
 * by default so a new user sees live prices at once) and the feed connections that turn frames into
 * validated prices for the portfolio.
 *
 * Routing: an instrument's `venue` picks its feed. `binance`, `binance-usdm`, `coinbase`, `kraken`,
 * `bybit` and `okx` each get one connection (at the configured URL, else the venue's public
 * endpoint); every other venue (`sim`, `import`, …) is priced by the default source: the simulator,
 * or the configured `binance` URL when one is set (which then replaces the simulator).
 */
import { RpcFailure } from '../../shared/contract/errors';
import type { FeedHealthView } from '../../shared/contract/market';
import { FeedConnection } from '../feeds/connection';
import { createAdapter, createBinanceSpotAdapter } from '../feeds/adapters/index';
import type { Tick, Venue } from '../feeds/tick';
import { startSimulator, type FaultKind, type ScenarioName, type ScenarioOptions, type SimulatorHandle } from '../sim/index';

export interface MarketOptions {
  /** Run the built-in simulator (default true unless a binance URL is configured). */
  simulator?: boolean;
  /** Simulator messages per second across all symbols (default 400: lively, cheap). */
  simRate?: number;
  simSeed?: number;
  /** Venue → endpoint URL overrides (`--feed binance=ws://…`). */
  feeds?: Record<string, string>;
  staleMs?: number;
  /** bidSize/askSize: quantity at the touch where the venue gives it (NaN otherwise). */
  onPrice: (symbol: string, bid: number, ask: number, mark: number, ts: number, bidSize: number, askSize: number) => void;
  onStale: (symbol: string, stale: boolean) => void;
  /** Records tick → mark latency (owned by the engine so it survives a feed restart). */
  tickToMark?: LatencyHistogram;
}

/** Upper bounds (ms) of the tick → mark latency buckets exported to Prometheus. */
export const TICK_TO_MARK_BUCKETS_MS: readonly number[] = [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500];

/**
 * A fixed-bucket latency histogram (non-cumulative counts, one extra bucket above the last bound).
 * Cheap enough for the tick path: a short linear scan, no allocation.
 */
export class LatencyHistogram {
  readonly counts: number[];
  sum = 0;
  count = 0;
  constructor(readonly bounds: readonly number[]) {
    this.counts = new Array<number>(bounds.length + 1).fill(0);
  }
  record(ms: number): void {
    // A venue clock ahead of ours gives a negative figure: count it as zero rather than drop it.
    const v = ms > 0 ? ms : 0;
    let i = 0;
    while (i < this.bounds.length && v > this.bounds[i]) i++;
    this.counts[i]++;
    this.sum += v;
    this.count++;
  }
}

interface Book {
  bid: number;
  ask: number;
  last: number;
  bidSize: number;
  askSize: number;
}

const VENUES: readonly Venue[] = ['binance', 'binance-usdm', 'coinbase', 'kraken', 'bybit', 'okx'];
const isVenue = (v: string): v is Venue => (VENUES as readonly string[]).includes(v);

/** A symbol to price and the venue its instrument names. */
export interface PriceSource {
  symbol: string;
  venue: string;
}

interface Feed {
  name: string;
  url: string;
  conn: FeedConnection;
}

const subsFor = (symbols: readonly string[], channels: readonly string[]) => symbols.flatMap((symbol) => channels.map((channel) => ({ symbol, channel })));

export class Market {
  private sim: SimulatorHandle | undefined;
  private readonly feeds: Feed[] = [];
  private readonly books = new Map<string, Book>();

  constructor(private readonly opts: MarketOptions) {}

  async start(sources: readonly PriceSource[]): Promise<void> {
    const byVenue = new Map<string, string[]>();
    for (const s of sources) {
      const v = isVenue(s.venue) && s.venue !== 'binance' ? s.venue : 'default';
      const list = byVenue.get(v) ?? [];
      if (!list.includes(s.symbol)) list.push(s.symbol);
      byVenue.set(v, list);
    }
    const configured = this.opts.feeds?.binance;
    if (this.opts.simulator ?? !configured) {
      // The S&P 500 replays one trading day per wall minute in the app: accelerated, yet slow enough
      // that stops and limits sized on daily volatility mean the same thing on the index as elsewhere.
      this.sim = await startSimulator({ port: 0, host: '127.0.0.1', rate: this.opts.simRate ?? 400, replayDayMs: 60_000, ...(this.opts.simSeed !== undefined ? { seed: this.opts.simSeed } : {}) });
    }
    for (const [venue, symbols] of byVenue) {
      if (venue === 'default') {
        const url = configured ?? this.sim?.url;
        if (!url) continue; // no simulator and no venue configured: the default source is off
        this.open(this.sim && !configured ? 'sim (binance protocol)' : 'binance', createBinanceSpotAdapter(), url, symbols);
      } else if (isVenue(venue)) {
        const adapter = createAdapter(venue);
        this.open(venue, adapter, this.opts.feeds?.[venue] ?? adapter.defaultUrl, symbols);
      }
    }
  }

  private open(name: string, adapter: ReturnType<typeof createAdapter>, url: string, symbols: readonly string[]): void {
    const conn = new FeedConnection({
      adapter,
      url,
      subscriptions: subsFor(symbols, adapter.defaultChannels),
      staleMs: this.opts.staleMs ?? 5000,
      onTick: (t) => this.onTick(t),
      onStale: (s, stale) => this.opts.onStale(s, stale),
    });
    this.feeds.push({ name, url, conn });
    conn.start();
  }

  /** Mark = mid when both sides are quoted (steadier than the last print), else the last trade. */
  private onTick(t: Tick): void {
    let b = this.books.get(t.symbol);
    if (!b) {
      b = { bid: NaN, ask: NaN, last: NaN, bidSize: NaN, askSize: NaN };
      this.books.set(t.symbol, b);
    }
    if (t.bid !== undefined) b.bid = t.bid;
    if (t.ask !== undefined) b.ask = t.ask;
    if (t.last !== undefined) b.last = t.last;
    if (t.bidSize !== undefined) b.bidSize = t.bidSize;
    if (t.askSize !== undefined) b.askSize = t.askSize;
    const quoted = b.bid > 0 && b.ask > 0;
    const mark = quoted ? (b.bid + b.ask) / 2 : b.last;
    if (!(mark > 0)) return;
    this.opts.onPrice(t.symbol, quoted ? b.bid : mark, quoted ? b.ask : mark, mark, t.recvTs, b.bidSize, b.askSize);
    // Same convention as the tick_to_mark bench: mark time − the venue's event time (same clock for the
    // simulator; for a remote venue it includes network delay and clock offset).
    this.opts.tickToMark?.record(Date.now() - t.exchTs);
  }

  health(): FeedHealthView[] {
    return this.feeds.map(({ name, url, conn }) => {
      const h = conn.health();
      return {
        venue: name,
        url,
        state: h.state,
        msgsPerSec: h.msgsPerSec,
        lastMessageAgeMs: h.lastMessageAgeMs,
        reconnects: h.reconnects,
        dropped: { ...h.dropped },
        accepted: h.accepted,
        gaps: h.gaps,
        staleSymbols: h.staleSymbols,
        subscriptions: h.subscriptions,
      };
    });
  }

  private simulator(): SimulatorHandle {
    if (!this.sim) throw new RpcFailure('CONFLICT', 'the built-in simulator is not running (a live feed is configured)');
    return this.sim;
  }

  scenario(name: ScenarioName, opts: ScenarioOptions = {}): void {
    this.simulator().scenario(name, opts);
  }

  fault(kind: FaultKind, durationMs?: number): void {
    this.simulator().fault(kind, durationMs !== undefined ? { durationMs } : {});
  }

  async stop(): Promise<void> {
    await Promise.all(this.feeds.map((f) => f.conn.stop()));
    this.feeds.length = 0;
    await this.sim?.close();
  }
}
