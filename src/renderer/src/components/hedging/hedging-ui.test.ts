import { describe, expect, it } from 'vitest';
import type { HedgingConfigView } from '../../../../shared/contract/index';
import { buildPatch } from '../hedging-settings';
import { fmtMs } from './monitor-panel';
import { fmtScore, gaugeMax } from './score-panel';

const CFG: HedgingConfigView = {
  enabled: true,
  mode: 'propose',
  tailRiskThreshold: 0.05,
  maxHedgeCost: 0.02,
  hedgeTypes: ['put_options', 'futures_short', 'inverse_etf'],
  rehedgeFrequencyMs: 3_600_000,
  minHedgeSize: 10_000,
  proposalTtlMs: 900_000,
  rollBeforeMs: 604_800_000,
  skewPremium: 0.05,
  tailShock: -0.2,
  cppiFloor: 0.8,
  cppiMultiplier: 3,
  narrative: { enabled: false, baseUrl: '', model: '', timeoutMs: 5000, apiKeySet: false },
};

const draft = {
  enabled: true,
  mode: 'propose' as const,
  threshold: '0.05',
  maxCostPct: '2',
  hedgeTypes: ['put_options', 'futures_short', 'inverse_etf'] as HedgingConfigView['hedgeTypes'],
  rehedgeMin: '60',
  minSize: '10000',
  nEnabled: false,
  nBaseUrl: '',
  nModel: '',
  nApiKey: '',
  nTimeout: '5000',
};

describe('hedging UI helpers', () => {
  it('gauge maximum: a round number ≥ 2 × threshold and ≥ 1.15 × score', () => {
    expect(gaugeMax(0.034, 0.017)).toBe(0.05); // want max(0.034, 0.0391) = 0.0391 → 0.05
    expect(gaugeMax(0.015, 0.008)).toBe(0.02); // want max(0.016, 0.01725) → 0.02
    expect(gaugeMax(0.01, 0.05)).toBe(0.1); // want 0.1 exactly
    expect(gaugeMax(0.3, 0.05)).toBeCloseTo(0.5, 12); // want 0.345 → 0.5
    expect(gaugeMax(0, 0.001)).toBe(0.01); // floor 0.01
  });

  it('formats the score to 3 decimals and durations by magnitude', () => {
    expect(fmtScore(0.03449)).toBe('0.034');
    expect(fmtScore(null)).toBe('—');
    expect(fmtMs(741.4)).toBe('741 ms');
    expect(fmtMs(1234)).toBe('1.2 s');
    expect(fmtMs(185_000)).toBe('3m 05s');
    expect(fmtMs(null)).toBe('—');
  });

  it('builds a patch of the changed fields only, in contract units', () => {
    expect(buildPatch(draft, CFG)).toEqual({ patch: {} });
    const r = buildPatch({ ...draft, maxCostPct: '3.5', rehedgeMin: '30', hedgeTypes: ['put_options'], nModel: ' llama3 ' }, CFG);
    expect(r).toEqual({ patch: { maxHedgeCost: 0.035, rehedgeFrequencyMs: 1_800_000, hedgeTypes: ['put_options'], narrative: { model: 'llama3' } } });
  });

  it('names the bad field', () => {
    expect(buildPatch({ ...draft, threshold: '2' }, CFG)).toEqual({ field: 'tailRiskThreshold', message: 'tailRiskThreshold: must be a number above 0 and at most 1' });
    expect(buildPatch({ ...draft, threshold: '' }, CFG)).toMatchObject({ field: 'tailRiskThreshold' });
    expect(buildPatch({ ...draft, maxCostPct: '51' }, CFG)).toMatchObject({ field: 'maxHedgeCost' });
    expect(buildPatch({ ...draft, hedgeTypes: [] }, CFG)).toMatchObject({ field: 'hedgeTypes' });
    expect(buildPatch({ ...draft, rehedgeMin: '0' }, CFG)).toMatchObject({ field: 'rehedgeFrequencyMs' });
    expect(buildPatch({ ...draft, minSize: '-1' }, CFG)).toMatchObject({ field: 'minHedgeSize' });
    expect(buildPatch({ ...draft, nTimeout: '50' }, CFG)).toMatchObject({ field: 'narrative.timeoutMs' });
    expect(buildPatch({ ...draft, nBaseUrl: 'ftp://x' }, CFG)).toMatchObject({ field: 'narrative.baseUrl' });
    expect(buildPatch({ ...draft, nEnabled: true }, CFG)).toEqual({ field: 'narrative.baseUrl', message: 'narrative.baseUrl: required when the narrative is enabled' });
  });
});
