import { fmtMoney, fmtPct, pnlClass } from '../format';
import { useApp } from '../store';

export function SummaryStrip() {
  const s = useApp((st) => st.summary);
  const cell = (label: string, value: React.ReactNode, title: string, testId?: string) => (
    <div className="strip-cell" title={title}>
      <div className="kpi-label">{label}</div>
      <div className="strip-value num" data-testid={testId}>{value}</div>
    </div>
  );
  if (!s) return <div className="strip panel muted">Waiting for the portfolio…</div>;
  return (
    <div className="strip panel" aria-label="Portfolio summary">
      {cell('Equity', fmtMoney(s.equity), 'Cash + market value of funded positions + unrealised P&L of margined ones (USD)', 'summary-equity')}
      {cell('Daily P&L', <span className={pnlClass(s.dailyPnl)}>{fmtMoney(s.dailyPnl, { sign: true })} <small>{fmtPct(s.dailyPnlPct, 2, true)}</small></span>, 'Equity − equity at the day start (00:00 UTC)', 'summary-daily-pnl')}
      {cell('Drawdown', <span className={s.drawdown > 0 ? 'neg' : ''}>{fmtPct(-s.drawdown)}</span>, '1 − equity / high-water mark')}
      {cell('High-water', fmtMoney(s.highWaterMark, { compact: true }), 'Highest equity seen')}
      {cell('Gross exp.', fmtMoney(s.grossExposure, { compact: true }), 'Sum of |exposure| (options delta-adjusted)')}
      {cell('Net exp.', fmtMoney(s.netExposure, { compact: true }), 'Signed exposure: long − short (options delta-adjusted)')}
      {cell('Margin used', fmtMoney(s.marginUsed, { compact: true }), 'Initial margin of leveraged positions')}
      {cell('Free margin', fmtMoney(s.freeMargin, { compact: true }), 'Equity − margin used')}
      {cell('Exit cost', fmtMoney(s.exitCost), 'Estimated cost to close everything at the current half-spreads')}
    </div>
  );
}
