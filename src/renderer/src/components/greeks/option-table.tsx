// The option positions of the Greeks page: one row per option with its Greeks in USD.
// A 500-position book holds ~480 options. Rendering every row made each risk snapshot a 50-110 ms
// frame on this page (the 30-minute UI soak's only long tasks), so the table scrolls in its own
// box and renders only the rows in view (use-row-window.tsx, as the Positions table), and it is memoised:
// the page re-renders every second for its "as of" age, the rows change once per snapshot.
import { memo } from 'react';
import type { RiskSnapshot } from '../../../../shared/contract/index';
import { fmtMoney, fmtQty } from '../../format';
import { useRowWindow, VtSpacer } from '../positions/use-row-window';
import { tone, usdShort } from '../risk/shared';
import { GREEK_UNITS, fmtStrike } from './greeks-heatmap';

export const GREEK_COLS = ['delta', 'gamma', 'vega', 'theta'] as const;
const cols = GREEK_COLS;
type Col = (typeof cols)[number];
export const OPTION_ROW_H = 25;
const OVERSCAN = 10;

/** Delta, gamma and vega are exposures (neutral colour, the sign is in the number); theta is P&L per day. */
export const greekTone = (g: Col, v: number): ReturnType<typeof tone> => (g === 'theta' ? tone(v) : '');

type OptionRow = RiskSnapshot['optionGreeks'][number];

/** The four Greek column headers, each with its unit convention as the tooltip. */
export function GreekHeads() {
  return cols.map((g) => (
    <th key={g} className="num" title={GREEK_UNITS[g].title}>
      {GREEK_UNITS[g].label}
    </th>
  ));
}

const Row = memo(function Row({ o, index }: { o: OptionRow; index: number }) {
  return (
    <tr className="opt-row" aria-rowindex={index + 2}>
      <td className="mono">{o.symbol}</td>
      <td>{o.type}</td>
      <td className="num">{fmtStrike(o.strike)}</td>
      <td className="num">{new Date(o.expiryMs).toISOString().slice(0, 10)}</td>
      <td className="num">{fmtQty(o.qty)}</td>
      {cols.map((c) => (
        <td key={c} className={`num ${greekTone(c, o[c])}`} title={usdShort(o[c])}>
          {fmtMoney(o[c], { sign: true })}
        </td>
      ))}
    </tr>
  );
});

export const OptionTable = memo(function OptionTable({ rows }: { rows: RiskSnapshot['optionGreeks'] }) {
  const { wrap, head, measure, win } = useRowWindow({ count: rows.length, rowHeight: OPTION_ROW_H, overscan: OVERSCAN });
  const span = 5 + cols.length;
  return (
    <div className="table-wrap opt-vt-wrap" ref={wrap} onScroll={measure} tabIndex={0} role="region" aria-label="Option positions, scrollable">
      <table className="grid rk-table opt-vt" aria-label="Option positions" aria-rowcount={rows.length + 1}>
        <thead ref={head}>
          <tr aria-rowindex={1}>
            <th>Symbol</th>
            <th>Type</th>
            <th className="num">Strike</th>
            <th className="num">Expiry (UTC)</th>
            <th className="num" title="Contracts; negative = short">
              Qty
            </th>
            <GreekHeads />
          </tr>
        </thead>
        <tbody>
          <VtSpacer height={win.padTop} span={span} />
          {rows.slice(win.first, win.end).map((o, k) => (
            <Row key={o.symbol} o={o} index={win.first + k} />
          ))}
          <VtSpacer height={win.padBottom} span={span} />
        </tbody>
      </table>
    </div>
  );
});
