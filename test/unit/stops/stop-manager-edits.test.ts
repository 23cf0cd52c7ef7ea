// StopManager edits and lifecycle: manual stops, position changes, positionRisk, restart.
import { describe, expect, it } from 'vitest';
import { StopManager, type StopOptions } from '../../../src/engine/stops/stop-manager';

const NOW = 1_700_000_000_000;
const pos = (qty: number, avgCost = 100, mark: number | null = avgCost, symbol = 'BTC-USDT') => ({
  symbol,
  qty,
  avgCost,
  mark,
});

function manager(qty: number, opts: StopOptions = { atr: 5 }, avgCost = 100): StopManager {
  const m = new StopManager();
  m.setForPosition(pos(qty, avgCost), opts, NOW);
  return m;
}

describe('manual stops', () => {
  it('validates against the mark, naming the field, and changes nothing on error', () => {
    const m = manager(2, { atr: 5, trailing: { distance: { kind: 'atr', multiple: 1 } } });
    m.onPrice('BTC-USDT', 104, NOW);
    expect(() => m.setManual('BTC-USDT', { stop: 105 }, NOW)).toThrow(
      /stop must be below the mark 104 for a long, got 105/,
    );
    expect(() => m.setManual('BTC-USDT', { takeProfit: 103 }, NOW)).toThrow(
      /takeProfit must be above the mark 104/,
    );
    expect(() => m.setManual('BTC-USDT', { stop: 97, takeProfit: 104 }, NOW)).toThrow(/takeProfit/);
    expect(() => m.setManual('BTC-USDT', { stop: -1 }, NOW)).toThrow(/stop must be a finite number > 0/);
    expect(() => m.setManual('BTC-USDT', {}, NOW)).toThrow(/patch/);
    expect(() => m.setManual('ETH-USDT', { stop: 1 }, NOW)).toThrow(/symbol/);
    expect(m.get('BTC-USDT')).toMatchObject({ stop: 90, takeProfit: 120, source: 'atr' });
  });

  it('sets the levels, turns trailing off, and null clears the take-profit', () => {
    const m = manager(2, { atr: 5, trailing: { activationR: 0, distance: { kind: 'atr', multiple: 1 } } });
    const r = m.setManual('BTC-USDT', { stop: 85, takeProfit: 130 }, NOW + 1);
    expect(r).toMatchObject({
      stop: 85,
      takeProfit: 130,
      source: 'manual',
      trailing: null,
      updatedAt: NOW + 1,
    });
    m.onPrice('BTC-USDT', 129, NOW + 2);
    expect(m.get('BTC-USDT')!.stop).toBe(85); // no trailing any more
    expect(m.setManual('BTC-USDT', { takeProfit: null }, NOW).takeProfit).toBeNull();
    expect(m.onPrice('BTC-USDT', 85, NOW)!.record).toMatchObject({
      kind: 'stop',
      source: 'manual',
      trailed: false,
    });
  });

  it("a short's stop must be above the mark and its take-profit below", () => {
    const m = manager(-1);
    expect(() => m.setManual('BTC-USDT', { stop: 99 }, NOW)).toThrow(
      /stop must be above the mark 100 for a short/,
    );
    expect(() => m.setManual('BTC-USDT', { takeProfit: 101 }, NOW)).toThrow(/takeProfit must be below/);
    expect(m.setManual('BTC-USDT', { stop: 101, takeProfit: 50 }, NOW)).toMatchObject({
      stop: 101,
      takeProfit: 50,
    });
  });
});

describe('position changes', () => {
  it('a flat position cancels its stop', () => {
    const m = manager(2);
    expect(m.onPositionChange('BTC-USDT', 0, 100, NOW + 1)).toMatchObject({
      status: 'cancelled',
      closeReason: 'flat',
      closedAt: NOW + 1,
    });
    expect(m.onPrice('BTC-USDT', 50, NOW + 2)).toBeNull();
    expect(m.positionRisk().size).toBe(0);
  });

  it('a flip cancels; a resize keeps the levels and closes the new quantity', () => {
    const flip = manager(2);
    expect(flip.onPositionChange('BTC-USDT', -1, 95, NOW)).toMatchObject({
      status: 'cancelled',
      closeReason: 'flipped',
    });
    const m = manager(2);
    expect(m.onPositionChange('BTC-USDT', 5, 104, NOW)).toMatchObject({
      qty: 5,
      avgCost: 104,
      entry: 100,
      stop: 90,
    });
    expect(m.onPrice('BTC-USDT', 90, NOW)!.intent.qty).toBe(5);
    // After a hit, the closing fill does not turn 'hit' into 'cancelled'.
    expect(m.onPositionChange('BTC-USDT', 0, 100, NOW)).toBeNull();
    expect(m.get('BTC-USDT')!.status).toBe('hit');
    expect(() => m.onPositionChange('BTC-USDT', NaN, 100, NOW)).toThrow(/qty/);
  });

  it('setForPosition re-arms a stop that was hit', () => {
    const m = manager(2);
    m.onPrice('BTC-USDT', 90, NOW);
    m.setForPosition(pos(1, 90), { atr: 5 }, NOW + 1);
    expect(m.get('BTC-USDT')).toMatchObject({ status: 'active', stop: 80, qty: 1 });
    expect(m.list()).toHaveLength(1);
  });

  it('positionRisk = |qty|·multiplier·(mark − stop) per active stop', () => {
    const m = manager(2, { atr: 5, multiplier: 10 });
    m.setForPosition(pos(-1, 50, 50, 'ETH-USDT'), { atr: 1 }, NOW);
    m.onPrice('BTC-USDT', 104, NOW);
    expect(m.positionRisk()).toEqual(
      new Map([
        ['BTC-USDT', 280],
        ['ETH-USDT', 2],
      ]),
    );
  });
});

describe('restart', () => {
  it('toJSON/fromJSON round-trips every state and keeps behaving the same', () => {
    const m = new StopManager();
    m.setForPosition(
      pos(2),
      { atr: 5, trailing: { activationR: 1, distance: { kind: 'atr', multiple: 1 } } },
      NOW,
    );
    m.setForPosition(pos(-1, 50, 50, 'ETH-USDT'), { dailyVol: 0.02, multiplier: 10 }, NOW);
    m.setForPosition(pos(1, 20, 20, 'SOL-USDT'), {}, NOW);
    m.setForPosition(pos(1, 20, 20, 'XRP-USDT'), {}, NOW);
    m.onPrice('BTC-USDT', 112, NOW + 1);
    m.onPrice('ETH-USDT', 60, NOW + 1); // hit
    m.onPositionChange('SOL-USDT', 0, 20, NOW + 2); // cancelled
    const r = StopManager.fromJSON(JSON.parse(JSON.stringify(m.toJSON())));
    expect(r.toJSON()).toEqual(m.toJSON());
    expect(r.list().map((x) => x.status)).toEqual(['active', 'hit', 'cancelled', 'active']);
    for (const p of [115, 110])
      expect(r.onPrice('BTC-USDT', p, NOW + 3)).toEqual(m.onPrice('BTC-USDT', p, NOW + 3));
    expect(r.get('BTC-USDT')!.status).toBe('hit');
  });

  it('fromJSON names the bad field', () => {
    const json = manager(2).toJSON();
    expect(() => StopManager.fromJSON({ ...json, records: [{ ...json.records[0], stop: 'x' }] })).toThrow(
      /records\.0\.stop/,
    );
    expect(() => StopManager.fromJSON({ ...json, records: [{ ...json.records[0], qty: -2 }] })).toThrow(
      /records\.0\.qty/,
    );
    expect(() => StopManager.fromJSON({ ...json, records: [json.records[0], json.records[0]] })).toThrow(
      /records\.1\.symbol/,
    );
    expect(() => StopManager.fromJSON({ version: 2, records: [] })).toThrow(/version/);
  });
});
