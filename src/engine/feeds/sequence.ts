/**
 * Per-(kind, symbol) sequence tracking: duplicates and out-of-order messages are dropped (an
 * older price must never overwrite a newer mark), gaps are counted and reported but the message
 * is kept (the newest price is still the best one we have).
 *
 * `verdict` does not mutate; `commit` records a sequence once the tick also passed validation,
 * so a corrupt frame with an absurd sequence number cannot poison the tracker.
 */
import type { SeqMode } from './adapter';
import type { TickKind } from './tick';

export type SeqVerdict = 'ok' | 'gap' | 'duplicate' | 'out_of_order';

export class SequenceTracker {
  gaps = 0;
  /** Messages missing inside detected gaps (contiguous mode only). */
  missing = 0;
  // One map per kind avoids building a "symbol|kind" key string per message.
  private readonly last: Record<TickKind, Map<string, number>> = {
    trade: new Map(),
    quote: new Map(),
    mark: new Map(),
  };

  verdict(kind: TickKind, symbol: string, seq: number | undefined, mode: SeqMode): SeqVerdict {
    if (mode === 'none' || seq === undefined || seq !== seq) return 'ok';
    const prev = this.last[kind].get(symbol);
    if (prev === undefined) return 'ok';
    if (seq < prev) return 'out_of_order';
    if (seq === prev) return mode === 'nondecreasing' ? 'ok' : 'duplicate';
    if (mode === 'contiguous' && seq !== prev + 1) return 'gap';
    return 'ok';
  }

  commit(kind: TickKind, symbol: string, seq: number | undefined, verdict: SeqVerdict): void {
    if (seq === undefined || seq !== seq) return;
    if (verdict === 'gap') {
      const prev = this.last[kind].get(symbol);
      this.gaps++;
      if (prev !== undefined) this.missing += seq - prev - 1;
    }
    this.last[kind].set(symbol, seq);
  }

  lastSeq(kind: TickKind, symbol: string): number | undefined {
    return this.last[kind].get(symbol);
  }

  /**
   * Forget all sequences. Called after a reconnect: venues may restart sequences on a new
   * session (Bybit, Coinbase), and a permanent "out of order" verdict would freeze the symbol.
   */
  reset(): void {
    this.last.trade.clear();
    this.last.quote.clear();
    this.last.mark.clear();
  }
}
