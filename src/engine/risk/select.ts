/**
 * In-place selection of the k-th smallest element (0-based) — O(n) expected, versus O(n log n) for
 * a sort. Used for VaR tails of large Monte Carlo samples, where only one order statistic and the
 * elements beyond it are needed.
 *
 * Algorithm: Numerical Recipes' `select` (Press et al., 3rd ed., §8.5) — median-of-three pivot,
 * Hoare partition that stops on keys equal to the pivot, so long runs of ties (a book with no
 * risk: every P&L is 0) do not degrade it.
 */

/**
 * Rearranges `a` so that a[k] is the value it would have after an ascending sort, every element
 * before it is <= a[k] and every element after it is >= a[k]. Returns a[k].
 * @throws RangeError if k is not an integer index into a, or a contains NaN.
 */
export function selectKth(a: Float64Array, k: number): number {
  const n = a.length;
  if (!Number.isInteger(k) || k < 0 || k >= n)
    throw new RangeError(`selectKth: k must be an integer in [0, ${n - 1}], got ${k}`);
  let l = 0;
  let ir = n - 1;
  for (;;) {
    if (ir <= l + 1) {
      if (ir === l + 1 && a[ir] < a[l]) swap(a, l, ir);
      break;
    }
    const mid = (l + ir) >>> 1;
    swap(a, mid, l + 1);
    if (a[l] > a[ir]) swap(a, l, ir);
    if (a[l + 1] > a[ir]) swap(a, l + 1, ir);
    if (a[l] > a[l + 1]) swap(a, l, l + 1);
    let i = l + 1;
    let j = ir;
    const pivot = a[l + 1];
    for (;;) {
      do i++;
      while (a[i] < pivot);
      do j--;
      while (a[j] > pivot);
      if (j < i) break;
      swap(a, i, j);
    }
    a[l + 1] = a[j];
    a[j] = pivot;
    if (j >= k) ir = j - 1;
    if (j <= k) l = i;
  }
  const v = a[k];
  if (Number.isNaN(v)) throw new RangeError('selectKth: array contains NaN');
  return v;
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}
