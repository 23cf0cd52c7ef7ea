import { describe, expect, it } from 'vitest';
import { toBookPositions, YEAR_MS } from '../../../src/engine/risk-engine/book';
import { NOW, instMap, optionInst, perpInst, spotInst, viewOf } from './fixtures';

describe('toBookPositions', () => {
  const btc = spotInst('BTC-USDT', { sector: 'store of value', beta: 1.2 });
  const perp = perpInst('BTC-USDT');
  const eth = perpInst('ETH-USDT');
  const call = optionInst('BTC-USDT', 'call', 110_000, 0.55, 0.25);
  const put = optionInst('SOL-USDT', 'put', 150, 0.9, 0.5, { multiplier: 10 });

  it('maps spot, perp and option positions onto their underlyings', () => {
    const views = [
      viewOf(btc, 2, 97_000),
      viewOf(perp, -1.5, 97_000),
      viewOf(call, 4, 2_100),
      viewOf(put, 3, 12),
    ];
    const r = toBookPositions(views, instMap(btc, perp, call, put), new Map([['SOL-USDT', 190]]), NOW);
    expect(r.skipped).toEqual([]);
    expect(r.positions).toHaveLength(4);
    const [a, b, c, d] = r.positions;
    expect(a).toMatchObject({
      id: 'BTC-USDT',
      underlying: 'BTC-USDT',
      qty: 2,
      spot: 97_000,
      beta: 1.2,
      sector: 'store of value',
      assetClass: 'crypto',
    });
    expect(a.option).toBeUndefined();
    expect(b).toMatchObject({ id: perp.symbol, underlying: 'BTC-USDT', qty: -1.5, spot: 97_000 });
    expect(b.option).toBeUndefined();
    expect(c.underlying).toBe('BTC-USDT');
    expect(c.spot).toBe(97_000); // the underlying's price, not the option's own mark
    expect(c.option).toEqual({
      type: 'call',
      strike: 110_000,
      expiryYears: (call.expiryMs! - NOW) / YEAR_MS,
      vol: 0.55,
      rate: 0,
    });
    expect(c.option!.expiryYears).toBeCloseTo(0.25, 6);
    expect(d).toMatchObject({ underlying: 'SOL-USDT', spot: 190, multiplier: 10 });
    expect(d.option!.type).toBe('put');
    expect(r.views.map((v) => v.symbol)).toEqual(r.positions.map((p) => p.id));
  });

  it('prices an underlying: own position mark, else prices, else a perp mark', () => {
    const views = [viewOf(perp, 1, 96_000), viewOf(btc, 1, 97_000), viewOf(eth, 1, 3_400)];
    const r = toBookPositions(
      views,
      instMap(btc, perp, eth),
      new Map([
        ['BTC-USDT', 95_000],
        ['ETH-USDT', 3_300],
      ]),
      NOW,
    );
    expect(r.spots.get('BTC-USDT')).toBe(97_000); // held spot wins
    expect(r.positions[0].spot).toBe(97_000); // one price per underlying, perp included
    expect(r.spots.get('ETH-USDT')).toBe(3_300); // prices beat the perp's mark
    const onlyPerp = toBookPositions([viewOf(eth, 1, 3_400)], instMap(eth), new Map(), NOW);
    expect(onlyPerp.spots.get('ETH-USDT')).toBe(3_400);
  });

  it('clamps an expired option to expiryYears 0', () => {
    const old = optionInst('BTC-USDT', 'put', 90_000, 0.5, -0.1);
    const r = toBookPositions([viewOf(old, 1, 0)], instMap(old), new Map([['BTC-USDT', 97_000]]), NOW);
    expect(r.positions[0].option!.expiryYears).toBe(0);
  });

  it('skips what cannot be valued (no price yet, zero qty) and says why', () => {
    const ethSpot = spotInst('ETH-USDT');
    const r = toBookPositions(
      [viewOf(call, 1, null), viewOf(ethSpot, 0, 3_400)],
      instMap(call, ethSpot),
      new Map(),
      NOW,
    );
    expect(r.positions).toHaveLength(0);
    expect(r.skipped).toEqual([
      { symbol: call.symbol, reason: 'no price for underlying BTC-USDT' },
      { symbol: 'ETH-USDT', reason: 'zero quantity' },
    ]);
    // A flat (zero-qty) spot position still tells us its price.
    const priced = toBookPositions(
      [viewOf(call, 1, null), viewOf(btc, 0, 97_000)],
      instMap(call, btc),
      new Map(),
      NOW,
    );
    expect(priced.positions.map((p) => p.spot)).toEqual([97_000]);
  });

  it('throws naming the field for broken option static data', () => {
    const prices = new Map([['BTC-USDT', 97_000]]);
    expect(() => toBookPositions([viewOf(call, 1, 1)], new Map(), prices, NOW)).toThrow(
      /no instrument for option/,
    );
    const noVol = { ...call, impliedVol: undefined };
    expect(() => toBookPositions([viewOf(noVol, 1, 1)], instMap(noVol), prices, NOW)).toThrow(
      /instruments.get\('BTC-USDT-X-110000-C'\).impliedVol must be a finite number >= 0/,
    );
    const noStrike = { ...call, strike: undefined };
    expect(() => toBookPositions([viewOf(noStrike, 1, 1)], instMap(noStrike), prices, NOW)).toThrow(
      /\.strike must be > 0/,
    );
    expect(() => toBookPositions([], new Map(), prices, Number.NaN)).toThrow(/now must be a finite time/);
  });
});
