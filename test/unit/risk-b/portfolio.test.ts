import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { BookPosition } from '../../../src/engine/risk/book';
import { clusterByCorrelation, correlationDistance } from '../../../src/engine/risk/cluster';
import {
  covarianceToCorrelation,
  ledoitWolf,
  sampleCorrelation,
  sampleCovariance,
} from '../../../src/engine/risk/covariance';
import { matrixFromRows, matrixToRows } from '../../../src/engine/risk/linalg';
import { optionGreeks } from '../../../src/engine/risk/options';
import { diversification, exposures, herfindahl } from '../../../src/engine/risk/portfolio';

const f = (xs: number[]): Float64Array => Float64Array.from(xs);

describe('sample covariance / correlation', () => {
  it('ddof = 1 like numpy.cov; ddof = 0 is the MLE', () => {
    const x = f([1, 2, 3, 4]);
    const y = f([2, 4, 5, 9]);
    const c = sampleCovariance([x, y]);
    // mean x 2.5, y 5; Σ(dx)² = 5, Σ(dy)² = 26, Σdx·dy = 11
    expect(matrixToRows(c)).toEqual([
      [5 / 3, 11 / 3],
      [11 / 3, 26 / 3],
    ]);
    expect(sampleCovariance([x, y], 0).data[1]).toBeCloseTo(11 / 4, 15);
    expect(sampleCorrelation([x, y]).data[1]).toBeCloseTo(11 / Math.sqrt(5 * 26), 14);
  });
  it('zero-variance asset: correlation 0 off-diagonal', () => {
    const c = covarianceToCorrelation(sampleCovariance([f([1, 1, 1]), f([1, 2, 4])]));
    expect(matrixToRows(c)).toEqual([
      [1, 0],
      [0, 1],
    ]);
  });
  it('names ragged or non-finite input', () => {
    expect(() => sampleCovariance([f([1, 2, 3]), f([1, 2])])).toThrow(/series\[1\] has 2/);
    expect(() => sampleCovariance([f([1, Number.NaN, 3])])).toThrow(/series\[0\]\[1\]/);
    expect(() => sampleCovariance([f([1])])).toThrow(/at least 2/);
  });
});

describe('Ledoit-Wolf (sklearn-compatible, scaled-identity target)', () => {
  // 10 observations × 3 assets; reference computed by hand in exact rational arithmetic:
  // S (ddof 0) = [[2.01, 1.19, 1.11], [1.19, 3.21, 1.79], [1.11, 1.79, 2.01]], μ = tr(S)/3 = 2.41,
  // b̄² = (Σ‖xₖ‖⁴/T − ‖S‖²)/(T·p), d² = ‖S − μI‖²/p  →  δ = b̄²/d² = 169876/316615.
  const rows = [
    [1, 2, 0],
    [3, 1, 1],
    [2, 5, 2],
    [0, 0, 1],
    [4, 3, 3],
    [2, 2, -1],
    [1, 4, 2],
    [3, 1, 0],
    [5, 6, 4],
    [2, 3, 1],
  ];
  const series = [0, 1, 2].map((j) => f(rows.map((r) => r[j])));
  it('shrinkage and shrunk covariance match the reference', () => {
    const r = ledoitWolf(series);
    expect(r.target).toBe('scaled-identity');
    expect(r.mu).toBeCloseTo(2.41, 14);
    expect(r.shrinkage).toBeCloseTo(169876 / 316615, 14);
    const expected = [
      [2.224615226694882, 0.5515197005827267, 0.514442745921703],
      [0.5515197005827267, 2.7807695466102365, 0.8295968605404039],
      [0.514442745921703, 0.8295968605404039, 2.224615226694882],
    ];
    const got = matrixToRows(r.covariance);
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) expect(got[i][j]).toBeCloseTo(expected[i][j], 13);
  });
  it('tiny samples shrink fully; one asset does not shrink', () => {
    const r = ledoitWolf([f([1, 3, 2, 0]), f([2, 1, 5, 0])]);
    expect(r.shrinkage).toBe(1);
    expect(matrixToRows(r.covariance)).toEqual([
      [2.375, 0],
      [0, 2.375],
    ]);
    expect(ledoitWolf([f([1, 2, 4])]).shrinkage).toBe(0);
  });
  it('property: the shrunk matrix is a convex combination with δ in [0, 1]', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 12, maxLength: 12 }), {
          minLength: 2,
          maxLength: 5,
        }),
        (cols) => {
          const s = cols.map(f);
          const r = ledoitWolf(s);
          expect(r.shrinkage).toBeGreaterThanOrEqual(0);
          expect(r.shrinkage).toBeLessThanOrEqual(1);
          const emp = sampleCovariance(s, 0);
          const n = s.length;
          for (let i = 0; i < n; i++) {
            for (let j = 0; j < n; j++) {
              const want = (1 - r.shrinkage) * emp.data[i * n + j] + (i === j ? r.shrinkage * r.mu : 0);
              expect(r.covariance.data[i * n + j]).toBeCloseTo(want, 12);
            }
          }
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('clustering', () => {
  const corr = matrixFromRows([
    [1, 0.9, 0.1, 0.2],
    [0.9, 1, 0.15, 0.1],
    [0.1, 0.15, 1, 0.8],
    [0.2, 0.1, 0.8, 1],
  ]);
  it('distance √(½(1 − ρ))', () => {
    expect(correlationDistance(1)).toBe(0);
    expect(correlationDistance(0)).toBeCloseTo(Math.SQRT1_2, 15);
    expect(correlationDistance(-1)).toBe(1);
  });
  it('average linkage merges the tight pairs first and cuts at ρ = 0.7', () => {
    const r = clusterByCorrelation(corr);
    expect(r.merges[0]).toEqual({ a: 0, b: 1, distance: correlationDistance(0.9), size: 2 });
    expect(r.merges[1]).toEqual({ a: 2, b: 3, distance: correlationDistance(0.8), size: 2 });
    // UPGMA: mean of the four cross distances.
    const cross = [0.1, 0.2, 0.15, 0.1].map(correlationDistance).reduce((a, b) => a + b) / 4;
    expect(r.merges[2].distance).toBeCloseTo(cross, 14);
    expect(r.order).toEqual([0, 1, 2, 3]);
    expect(r.labels).toEqual([0, 0, 1, 1]);
    expect(r.groups).toEqual([
      [0, 1],
      [2, 3],
    ]);
  });
  it('single linkage uses the nearest cross pair; a loose cut makes one group', () => {
    const r = clusterByCorrelation(corr, { linkage: 'single', minCorrelation: 0 });
    expect(r.merges[2].distance).toBeCloseTo(correlationDistance(0.2), 14);
    expect(r.groups).toEqual([[0, 1, 2, 3]]);
    expect(clusterByCorrelation(corr, { threshold: 0 }).groups).toEqual([]);
  });
  it('heatmap order puts each correlated block together whatever the input order', () => {
    // Two blocks {0, 2, 4} (ρ = 0.8) and {1, 3, 5} (ρ = 0.6), ρ = 0.05 across, interleaved.
    const n = 6;
    const rows = Array.from({ length: n }, (_, i) =>
      Array.from({ length: n }, (_, j) => (i === j ? 1 : i % 2 === j % 2 ? (i % 2 === 0 ? 0.8 : 0.6) : 0.05)),
    );
    const r = clusterByCorrelation(matrixFromRows(rows), { minCorrelation: 0.5 });
    const first = r.order.slice(0, 3).map((i) => i % 2);
    const second = r.order.slice(3).map((i) => i % 2);
    expect(new Set(first).size).toBe(1);
    expect(new Set(second).size).toBe(1);
    expect(r.groups.map((g) => [...g].sort())).toEqual([
      [0, 2, 4],
      [1, 3, 5],
    ]);
    expect(r.labels[0]).toBe(r.labels[2]);
    expect(r.labels[0]).not.toBe(r.labels[1]);
  });

  it('rejects a non-correlation matrix', () => {
    expect(() =>
      clusterByCorrelation(
        matrixFromRows([
          [2, 0],
          [0, 1],
        ]),
      ),
    ).toThrow(/corr\[0\]\[0\] must be 1/);
  });
});

describe('diversification, HHI, exposure', () => {
  it('two independent equal bets: DR = √2, score 50', () => {
    const d = diversification(
      f([0.5, 0.5]),
      matrixFromRows([
        [0.04, 0],
        [0, 0.04],
      ]),
    );
    expect(d.ratio).toBeCloseTo(Math.SQRT2, 14);
    expect(d.score).toBeCloseTo(50, 10);
  });
  it('perfect correlation: DR = 1, score 0', () => {
    const d = diversification(
      f([0.3, 0.7]),
      matrixFromRows([
        [0.04, 0.06],
        [0.06, 0.09],
      ]),
    );
    expect(d.ratio).toBeCloseTo(1, 12);
    expect(d.score).toBeCloseTo(0, 9);
  });
  it('HHI', () => {
    const h = herfindahl(f([0.5, -0.3, 0.2]));
    expect(h.hhi).toBeCloseTo(0.38, 15);
    expect(h.hhi10k).toBeCloseTo(3800, 10);
    expect(h.effectiveN).toBeCloseTo(1 / 0.38, 12);
    expect(h.normalized).toBeCloseTo((0.38 - 1 / 3) / (2 / 3), 12);
    expect(herfindahl(f([1, 1, 1, 1])).normalized).toBeCloseTo(0, 15);
    expect(() => herfindahl(f([0, 0]))).toThrow(/all 0/);
  });
  it('gross/net/long/short with delta-adjusted options, by sector and asset class', () => {
    const book: BookPosition[] = [
      { id: 'a', underlying: 'A', qty: 100, spot: 10, sector: 'tech', assetClass: 'equity' },
      { id: 'b', underlying: 'B', qty: -50, spot: 20, sector: 'energy', assetClass: 'equity' },
      { id: 'c', underlying: 'BTC', qty: 0.1, spot: 50_000, assetClass: 'crypto' },
      {
        id: 'o',
        underlying: 'A',
        qty: -1,
        multiplier: 100,
        spot: 10,
        sector: 'tech',
        option: { type: 'put', strike: 10, expiryYears: 0.25, vol: 0.3, rate: 0.02 },
      },
    ];
    const putDelta = optionGreeks({
      type: 'put',
      spot: 10,
      strike: 10,
      expiryYears: 0.25,
      vol: 0.3,
      rate: 0.02,
    }).delta;
    const oVal = -100 * putDelta * 10; // short put: positive delta
    const r = exposures(book, 10_000);
    expect(r.values.o).toBeCloseTo(oVal, 12);
    expect(r.total.long).toBeCloseTo(1000 + 5000 + oVal, 9);
    expect(r.total.short).toBeCloseTo(1000, 9);
    expect(r.total.net).toBeCloseTo(r.total.long - r.total.short, 9);
    expect(r.total.gross).toBeCloseTo(r.total.long + r.total.short, 9);
    expect(r.total.grossPctEquity).toBeCloseTo(r.total.gross / 10_000, 12);
    expect(r.bySector.tech.count).toBe(2);
    expect(r.bySector.unclassified.gross).toBeCloseTo(5000, 9);
    expect(r.byAssetClass.equity.short).toBeCloseTo(1000, 9);
    expect(() => exposures(book, -1)).toThrow(/equity/);
  });
});
