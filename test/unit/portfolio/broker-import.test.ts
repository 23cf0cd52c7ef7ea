import { describe, expect, it } from 'vitest';
import type { Instrument } from '../../../src/shared/contract/portfolio';
import { Ledger } from '../../../src/engine/portfolio/ledger';
import { PaperBroker } from '../../../src/engine/portfolio/paper-broker';
import { planImport } from '../../../src/engine/portfolio/csv-import';
import { parseCsv } from '../../../src/engine/portfolio/csv';

const spot: Instrument = { symbol: 'ETH-USDT', kind: 'spot', venue: 'sim', quote: 'USDT', multiplier: 1, assetClass: 'crypto', beta: 1 };

describe('paper broker', () => {
  const setup = () => {
    const l = new Ledger();
    l.addInstrument(spot);
    l.setCash('USDT', 1e6);
    l.mark('ETH-USDT', 1999, 2001, 2000, 1);
    return { l, b: new PaperBroker(l, { takerFeeBps: 5, makerFeeBps: 2, slippageBps: 1, impactBpsPerMillion: 5, optionSpreadPct: 0.01 }) };
  };

  it('fills market orders at the touch plus slippage and impact, charging the taker fee', () => {
    const { b } = setup();
    const r = b.submit({ symbol: 'ETH-USDT', side: 'buy', qty: 10, type: 'market' }, 5);
    // notional 20,010 → impact 5 × 0.02001 bps; slip = (1 + 0.10005) bps
    const slip = (1 + (5 * 20_010) / 1e6) / 1e4;
    expect(r.status).toBe('filled');
    expect(r.fill!.price).toBeCloseTo(2001 * (1 + slip), 9);
    expect(r.fill!.fee).toBeCloseTo(10 * r.fill!.price * 5e-4, 9);
    const s = b.submit({ symbol: 'ETH-USDT', side: 'sell', qty: 1, type: 'market' }, 6);
    expect(s.fill!.price).toBeLessThan(1999);
  });

  it('rests a passive limit and fills it at the limit with the maker fee once crossed', () => {
    const { l, b } = setup();
    const r = b.submit({ symbol: 'ETH-USDT', side: 'buy', qty: 2, type: 'limit', limitPrice: 1950 }, 5);
    expect(r.status).toBe('resting');
    l.mark('ETH-USDT', 1960, 1962, 1961, 6);
    expect(b.onPrice('ETH-USDT', 6)).toEqual([]);
    l.mark('ETH-USDT', 1948, 1949.5, 1949, 7);
    const [f] = b.onPrice('ETH-USDT', 7);
    expect(f).toMatchObject({ price: 1950, qty: 2, side: 'buy', fee: 2 * 1950 * 2e-4 });
    expect(b.restingOrders()).toEqual([]);
    // A marketable limit never fills beyond its limit.
    const m = b.submit({ symbol: 'ETH-USDT', side: 'buy', qty: 1, type: 'limit', limitPrice: 1949.6 }, 8);
    expect(m.fill!.price).toBeLessThanOrEqual(1949.6);
  });

  it('rejects unknown symbols and symbols without a price', () => {
    const { l, b } = setup();
    expect(b.submit({ symbol: 'NOPE', side: 'buy', qty: 1, type: 'market' }, 1)).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/unknown instrument/) });
    l.addInstrument({ ...spot, symbol: 'SOL-USDT' });
    expect(b.submit({ symbol: 'SOL-USDT', side: 'buy', qty: 1, type: 'market' }, 1)).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/no price/) });
  });
});

describe('CSV import', () => {
  it('reads quoted fields and CRLF, keeping line numbers', () => {
    const rows = parseCsv('a,b\r\n"x, y","say ""hi"""\r\n\r\n3,4\n');
    expect(rows).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['x, y', 'say "hi"'] },
      { line: 4, cells: ['3', '4'] },
    ]);
  });

  it('plans a valid file: spot, perp, option and cash rows', () => {
    const csv = [
      'symbol,kind,qty,avg_cost,leverage,underlying,option_type,strike,expiry,implied_vol,sector',
      'ETH-USDT,spot,12.5,3100,,,,,,,smart contracts',
      'BTC-USDT-PERP,perp,-0.5,97000,10,BTC-USDT,,,,,',
      'BTC-USDT-20270326-90000-P,option,2,2500,,BTC-USDT,put,90000,2027-03-26,0.6,hedge',
      'USDT,cash,250000,,,,,,,,',
    ].join('\n');
    const r = planImport(csv);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.plan.positions).toEqual([
      { symbol: 'ETH-USDT', qty: 12.5, avgCost: 3100 },
      { symbol: 'BTC-USDT-PERP', qty: -0.5, avgCost: 97000 },
      { symbol: 'BTC-USDT-20270326-90000-P', qty: 2, avgCost: 2500 },
    ]);
    expect(r.plan.instruments[2]).toMatchObject({ optionType: 'put', strike: 90000, expiryMs: Date.UTC(2027, 2, 26, 8), impliedVol: 0.6 });
    expect(r.plan.cash).toEqual([{ currency: 'USDT', amount: 250000 }]);
  });

  it('reports every bad row with its line number and imports nothing', () => {
    const csv = [
      'symbol,qty,avg_cost,kind',
      'ETH-USDT,1,3000,spot',
      'SOL-USDT,ten,150,spot',
      'BTC-USDT,1,-5,spot',
      'ETH-USDT,2,3000,spot',
      'BTC-OPT,1,100,option',
      'DOGE-USDT,1,0.3',
    ].join('\n');
    const r = planImport(csv);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual(
      expect.arrayContaining([
        { line: 3, field: 'qty', message: '"ten" is not a number' },
        { line: 4, field: 'avg_cost', message: 'must be > 0, got -5' },
        { line: 5, field: 'symbol', message: 'duplicate of line 2' },
        expect.objectContaining({ line: 6, field: 'underlying', message: 'is required for an option' }),
        { line: 7, field: 'csv', message: 'expected 4 cells, found 3' },
      ]),
    );
  });

  it('refuses unknown or missing columns', () => {
    const r = planImport('symbol,amount\nETH-USDT,1');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.message)).toEqual(['unknown column "amount"', 'missing required column "qty"']);
  });
});
