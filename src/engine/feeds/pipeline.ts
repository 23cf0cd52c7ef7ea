/**
 * The socket-free ingest path: raw frame → adapter.parse → sequence check → validation →
 * staleness → onTick. The connection manager feeds it from a WebSocket; benches and tests feed
 * it recorded frames directly. Nothing here throws on bad input: every rejected frame or tick is
 * counted by reason in `validator.dropped`.
 */
import type { VenueAdapter } from './adapter';
import { SequenceTracker } from './sequence';
import { StalenessMonitor } from './staleness';
import type { ControlEvent, Tick, TickKind } from './tick';
import { Validator, type ValidationOptions } from './validate';

export interface GapInfo {
  symbol: string;
  kind: TickKind;
  /** Last accepted sequence number before the gap. */
  after: number | undefined;
  seq: number;
}

export interface PipelineOptions {
  onTick: (t: Tick) => void;
  onControl?: (e: ControlEvent) => void;
  onStale?: (symbol: string, stale: boolean) => void;
  onGap?: (g: GapInfo) => void;
  /** No accepted tick for this long → stale (default 5000 ms). */
  staleMs?: number;
  validation?: Partial<ValidationOptions>;
}

export class FeedPipeline {
  readonly validator: Validator;
  readonly sequences = new SequenceTracker();
  readonly staleness: StalenessMonitor;
  /** Frames handed to ingest (including ones that were dropped). */
  frames = 0;
  /** Exceptions thrown by consumer callbacks (caught so a consumer bug cannot kill the feed). */
  callbackErrors = 0;
  private readonly onTick: (t: Tick) => void;
  private readonly onControl: (e: ControlEvent) => void;
  private readonly onGap: ((g: GapInfo) => void) | undefined;

  constructor(
    readonly adapter: VenueAdapter,
    opts: PipelineOptions,
  ) {
    this.validator = new Validator(opts.validation);
    this.onTick = opts.onTick;
    this.onControl = opts.onControl ?? (() => {});
    this.onGap = opts.onGap;
    const onStale = opts.onStale;
    this.staleness = new StalenessMonitor(opts.staleMs ?? 5000, (s, stale) => {
      if (onStale) this.guard(() => onStale(s, stale));
    });
  }

  ingest(raw: string, recvTs: number): void {
    this.frames++;
    let r;
    try {
      r = this.adapter.parse(raw, recvTs);
    } catch {
      // Adapters are written not to throw; this is the belt to their braces.
      this.validator.count('malformed');
      return;
    }
    if (r.kind === 'ticks') {
      const list = r.ticks;
      for (let i = 0; i < list.length; i++) this.tick(list[i], recvTs);
    } else if (r.kind === 'control') {
      const ev = r.event;
      this.guard(() => this.onControl(ev));
    } else {
      this.validator.count(r.reason);
    }
  }

  /** Session boundary (reconnect): sequences and adapter state restart, prices are kept. */
  resetSession(): void {
    this.sequences.reset();
    this.adapter.reset();
  }

  private tick(t: Tick, now: number): void {
    const mode = this.adapter.seqMode(t.kind);
    const verdict = this.sequences.verdict(t.kind, t.symbol, t.seq, mode);
    if (verdict === 'duplicate' || verdict === 'out_of_order') {
      this.validator.count(verdict);
      return;
    }
    const bad = this.validator.check(t);
    if (bad !== null) {
      this.validator.count(bad);
      return;
    }
    if (verdict === 'gap' && this.onGap) {
      const g: GapInfo = {
        symbol: t.symbol,
        kind: t.kind,
        after: this.sequences.lastSeq(t.kind, t.symbol),
        seq: t.seq!,
      };
      this.guard(() => this.onGap!(g));
    }
    this.sequences.commit(t.kind, t.symbol, t.seq, verdict);
    this.validator.accept(t);
    this.staleness.touch(t.symbol, now);
    try {
      this.onTick(t);
    } catch {
      this.callbackErrors++;
    }
  }

  private guard(fn: () => void): void {
    try {
      fn();
    } catch {
      this.callbackErrors++;
    }
  }
}
