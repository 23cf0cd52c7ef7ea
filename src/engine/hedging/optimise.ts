/**
 * Chooses the hedge set (docs/hedging.md, "Optimisation").
 *
 * Problem: candidates come in groups (one group per hedge type; the variants of a group are its
 * strikes × expiries × sizes). Choose at most one variant per group to
 *     minimise  Σ cost   subject to  Σ protection ≥ required  and  Σ cost ≤ budget.
 * Protection is additive because every leg is revalued under one fixed scenario (tail-shock.ts),
 * so this is a multiple-choice knapsack. With the built-in grids there are at most
 * 49 × 5 × 5 × 3 × 2 ≈ 7,400 combinations, so it is solved EXACTLY by depth-first enumeration with
 * branch-and-bound (a partial set whose cost already reaches the best adequate cost is cut): the
 * result is the cheapest adequate set on the candidate grid, not an approximation. The only gap to
 * the continuous optimum is the grid itself (sizes in steps of 25 % of the beta exposure).
 *
 * When no set within the budget is adequate, the set with the most protection within the budget is
 * returned (ties: cheaper), flagged `adequate: false`: a partial hedge beats none.
 */

export interface Choice {
  group: string;
  cost: number;
  protection: number;
}

export interface Chosen<T extends Choice> {
  legs: T[];
  cost: number;
  protection: number;
  adequate: boolean;
  /** Combinations visited (for the benchmark and the docs). */
  visited: number;
}

/**
 * `maxProtection` (default: unbounded) caps the set's total protection: the live flow passes the
 * book's remaining tail loss, so a hedge set can never turn the book into a net gainer in the crash
 * (an over-hedge is a new short bet, and the replay study showed top-ups drifting there).
 */
export function chooseHedges<T extends Choice>(candidates: readonly T[], required: number, budget: number, maxProtection = Infinity): Chosen<T> {
  if (!(budget >= 0)) throw new RangeError(`chooseHedges: budget must be a number >= 0, got ${budget}`);
  if (!Number.isFinite(required)) throw new RangeError(`chooseHedges: required must be finite, got ${required}`);
  const byGroup = new Map<string, T[]>();
  for (const c of candidates) {
    if (!(c.cost >= 0) || !Number.isFinite(c.protection) || c.cost > budget) continue;
    const g = byGroup.get(c.group) ?? [];
    g.push(c);
    byGroup.set(c.group, g);
  }
  // Cheapest variants first, so good bounds are found early.
  const groups = [...byGroup.values()].map((g) => g.sort((a, b) => a.cost - b.cost));
  // Best protection still available from groups i.. (for the "cannot reach required" cut).
  const restMax = new Array<number>(groups.length + 1).fill(0);
  for (let i = groups.length - 1; i >= 0; i--) restMax[i] = restMax[i + 1] + Math.max(0, ...groups[i].map((c) => c.protection));

  let bestAdequate: { pick: T[]; cost: number; protection: number } | null = null;
  let bestPartial: { pick: T[]; cost: number; protection: number } = { pick: [], cost: 0, protection: 0 };
  let visited = 0;
  const pick: T[] = [];
  const walk = (i: number, cost: number, prot: number): void => {
    visited++;
    if (bestAdequate && cost >= bestAdequate.cost) return;
    // A relative 1e-9 tolerance: protection is a difference of revaluations and carries float residue.
    if (prot >= required * (1 - 1e-9) && required > 0) {
      bestAdequate = { pick: [...pick], cost, protection: prot };
      return; // adding more only costs more
    }
    if (!bestAdequate && (prot > bestPartial.protection + 1e-9 || (Math.abs(prot - bestPartial.protection) <= 1e-9 && cost < bestPartial.cost))) bestPartial = { pick: [...pick], cost, protection: prot };
    if (i === groups.length) return;
    if (prot + restMax[i] < required * (1 - 1e-9) && bestAdequate) return;
    walk(i + 1, cost, prot); // nothing from this group
    for (const c of groups[i]) {
      const nc = cost + c.cost;
      if (nc > budget) break; // sorted by cost
      if (prot + c.protection > maxProtection * (1 + 1e-9)) continue; // over-hedge
      pick.push(c);
      walk(i + 1, nc, prot + c.protection);
      pick.pop();
    }
  };
  if (required > 0) walk(0, 0, 0);
  const best = bestAdequate as { pick: T[]; cost: number; protection: number } | null;
  if (best) return { legs: best.pick, cost: best.cost, protection: best.protection, adequate: true, visited };
  return { legs: bestPartial.pick, cost: bestPartial.cost, protection: bestPartial.protection, adequate: required <= 0, visited };
}

/** Protection needed to bring the score to the threshold: L × (1 − threshold/score) (tail-score.ts). */
export function requiredProtection(tailLoss: number, score: number, threshold: number, minFraction = 0): number {
  if (!(tailLoss > 0) || !(score > 0)) return 0;
  return tailLoss * Math.max(1 - threshold / score, minFraction, 0);
}
