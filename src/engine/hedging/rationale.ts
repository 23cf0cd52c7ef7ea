/** Plain-language explanation of a proposal, built only from its numbers (never from the narrative). */
import type { HedgeLeg } from '../../shared/contract/index';

export interface RationaleInput {
  trigger: 'score' | 'preservation_l2' | 'review' | 'manual';
  score: number;
  threshold: number;
  scoreAfter: number;
  components: { cvar: number; shape: number; regime: number; stress: number };
  equity: number;
  shock: number;
  tailLossBefore: number;
  tailLossAfter: number;
  totalCost: number;
  budget: number;
  adequate: boolean;
  legs: readonly HedgeLeg[];
  dollarBeta: number;
  ref: string;
}

const pct = (x: number, d = 1): string => `${(x * 100).toFixed(d)}%`;
const usd = (x: number): string => `$${Math.round(x).toLocaleString('en-US')}`;

export function rationale(r: RationaleInput): string {
  const why =
    r.trigger === 'preservation_l2'
      ? `Capital preservation reached level 2, which requests hedges (tail-risk score ${r.score.toFixed(3)}, threshold ${r.threshold.toFixed(3)}).`
      : r.trigger === 'review'
        ? `Scheduled review: the hedges were re-sized or rolled (score ${r.score.toFixed(3)}, threshold ${r.threshold.toFixed(3)}).`
        : `The tail-risk score is ${r.score.toFixed(3)}, above the ${r.threshold.toFixed(3)} threshold.`;
  const drivers = `Drivers: CVaR99 ${pct(r.components.cvar, 2)} of equity, worst stress loss ${pct(r.components.stress)}, left-tail shape ${r.components.shape.toFixed(2)}, volatility regime ${r.components.regime.toFixed(2)}.`;
  const exposure = `The book moves like ${usd(r.dollarBeta)} of ${r.ref} (regression beta); a ${pct(r.shock, 0)} tail move in ${r.ref} would lose ${usd(r.tailLossBefore)} (${pct(r.tailLossBefore / r.equity)} of equity).`;
  if (r.legs.length === 0) return `${why} ${drivers} ${exposure} No hedge within the ${usd(r.budget)} budget adds protection.`;
  const legs = r.legs.map((l) => `${l.type.replace('_', ' ')}: ${l.note}; costs ${usd(l.cost)}, protects ${usd(l.protection)}`).join('. ');
  const outcome = `With the hedges the tail loss is ${usd(r.tailLossAfter)} and the score ${r.scoreAfter.toFixed(3)}, for ${usd(r.totalCost)} (${pct(r.totalCost / r.equity, 2)} of equity; budget ${usd(r.budget)}).`;
  const caveat = r.adequate ? '' : ' The budget does not buy enough protection to reach the threshold: this is the most protection it buys.';
  return `${why} ${drivers} ${exposure} Proposed: ${legs}. ${outcome}${caveat}`;
}
