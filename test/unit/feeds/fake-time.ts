import type { Timers } from '../../../src/engine/feeds/clock';

/** Manual clock + timers: tests advance time explicitly. */
export function fakeTime() {
  let now = 0;
  let seq = 0;
  const pending = new Map<number, { at: number; fn: () => void; every?: number }>();
  const timers: Timers = {
    setTimeout: (fn, ms) => (pending.set(++seq, { at: now + ms, fn }), seq),
    clearTimeout: (h) => void pending.delete(h as number),
    setInterval: (fn, ms) => (pending.set(++seq, { at: now + ms, fn, every: ms }), seq),
    clearInterval: (h) => void pending.delete(h as number),
  };
  const advance = (ms: number): void => {
    const end = now + ms;
    for (;;) {
      const due = [...pending.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      const [id, t] = due;
      now = t.at;
      if (t.every) t.at += t.every;
      else pending.delete(id);
      t.fn();
    }
    now = end;
  };
  return { clock: { now: () => now }, timers, advance };
}
