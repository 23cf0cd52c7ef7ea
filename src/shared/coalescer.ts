/**
 * Keeps only the latest value per topic and flushes at a fixed rate, so a burst of engine updates
 * (or a slow consumer) never queues work: the consumer sees at most `rateHz` updates per topic.
 */
export interface Coalescer {
  push(topic: string, data: unknown): void;
  /** Delivers everything pending now (used on shutdown and in tests). */
  flush(): void;
  stop(): void;
}

export function createCoalescer(rateHz: number, deliver: (topic: string, data: unknown) => void): Coalescer {
  if (!(rateHz > 0 && rateHz <= 1000)) throw new RangeError(`rateHz: must be in (0, 1000], got ${rateHz}`);
  const pending = new Map<string, unknown>();
  const flush = (): void => {
    if (pending.size === 0) return;
    const items = [...pending];
    pending.clear();
    for (const [topic, data] of items) deliver(topic, data);
  };
  const timer = setInterval(flush, 1000 / rateHz);
  return {
    push(topic, data) {
      pending.set(topic, data);
    },
    flush,
    stop() {
      clearInterval(timer);
      pending.clear();
    },
  };
}
