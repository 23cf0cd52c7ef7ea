// Which rows of a fixed-row-height list to render: the rows that intersect the viewport plus an
// overscan on each side, and the heights of the spacers that stand in for the rows left out so the
// scroll height stays that of the whole list. Pure (no DOM), so it is unit-tested on its own.

export interface RowWindow {
  /** Index of the first rendered row. */
  first: number;
  /** One past the last rendered row (first === end: nothing to render). */
  end: number;
  /** Height (px) of the spacer above the first rendered row: first × rowHeight. */
  padTop: number;
  /** Height (px) of the spacer below the last rendered row: (count − end) × rowHeight. */
  padBottom: number;
}

export interface WindowInput {
  /** Scroll offset of the list body (px from its first row; the sticky header already subtracted). */
  offset: number;
  /** Visible height of the list body (px). */
  viewport: number;
  rowHeight: number;
  count: number;
  /** Extra rows rendered above and below the visible ones. */
  overscan: number;
}

function need(name: keyof WindowInput, v: number, min: number): void {
  if (!Number.isFinite(v) || v < min) throw new RangeError(`rowWindow: ${name} must be a finite number ≥ ${min}, got ${v}`);
}

export function rowWindow({ offset, viewport, rowHeight, count, overscan }: WindowInput): RowWindow {
  need('rowHeight', rowHeight, Number.MIN_VALUE);
  need('count', count, 0);
  need('overscan', overscan, 0);
  if (!Number.isInteger(count)) throw new RangeError(`rowWindow: count must be an integer, got ${count}`);
  // Offsets and viewports come from the DOM: negative (overscroll) or not-yet-laid-out values
  // are clamped rather than refused.
  const top = Number.isFinite(offset) ? Math.max(0, offset) : 0;
  const height = Number.isFinite(viewport) ? Math.max(0, viewport) : 0;
  const o = Math.floor(overscan);
  const firstVisible = Math.min(count, Math.floor(top / rowHeight));
  const endVisible = Math.min(count, Math.ceil((top + height) / rowHeight));
  const first = Math.max(0, firstVisible - o);
  const end = Math.min(count, Math.max(endVisible, firstVisible) + o);
  return { first, end, padTop: first * rowHeight, padBottom: (count - end) * rowHeight };
}

/** Scroll offset that brings row `i` fully into view with the least movement (unchanged if it is). */
export function scrollToRow(i: number, offset: number, viewport: number, rowHeight: number): number {
  const top = i * rowHeight;
  if (top < offset) return top;
  if (top + rowHeight > offset + viewport) return Math.max(0, top + rowHeight - viewport);
  return offset;
}
