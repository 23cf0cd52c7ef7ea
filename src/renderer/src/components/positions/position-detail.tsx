// The position detail: a right-hand drawer (role="dialog", labelled by the symbol, Esc or the close
// button closes it, Tab stays inside, focus returns to what opened it). Live figures come from the
// 4 Hz positions push; the price path, fills, stop and risk contribution from `positions.detail`
// (refetched every 3 s); the sizing suggestion from `orders.check` with a hypothetical entry.
import { useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react';
import type {
  OrderCheckView,
  PositionDetail as Detail,
  PositionView,
} from '../../../../shared/contract/index';
import { call } from '../../api';
import { fmtDateTime, fmtMoney, fmtPct, fmtPrice, fmtQty, pnlClass } from '../../format';
import { useApp } from '../../store';
import { CONVENTIONS } from './conventions';
import { PriceChart } from './price-chart';
import { SizingPanel } from './sizing-panel';

const FOCUSABLE =
  'a[href], input:not([disabled]), select:not([disabled]), button:not([disabled]), [tabindex="0"]';
const REFRESH_MS = 3000;

type Load<T> = { state: 'loading' } | { state: 'ok'; value: T } | { state: 'error'; message: string };

export interface PositionDetailProps {
  symbol: string;
  onClose: () => void;
  /** Where focus goes on close when nothing focusable opened the drawer (a canvas tile). */
  fallbackFocus?: () => HTMLElement | null;
}

export function PositionDetail({ symbol, onClose, fallbackFocus }: PositionDetailProps) {
  const titleId = useId();
  const box = useRef<HTMLDivElement>(null);
  const position = useApp((s) => s.positions.find((p) => p.symbol === symbol));
  const [detail, setDetail] = useState<Load<Detail>>({ state: 'loading' });
  const [sizing, setSizing] = useState<Load<OrderCheckView>>({ state: 'loading' });
  const fallback = useRef(fallbackFocus);

  useEffect(() => {
    const prev =
      document.activeElement instanceof HTMLElement && document.activeElement !== document.body
        ? document.activeElement
        : null;
    box.current?.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    const back = fallback.current;
    return () => (prev?.isConnected ? prev : back?.())?.focus();
  }, []);

  useEffect(() => {
    let alive = true;
    const load = (): void => {
      call('positions.detail', { symbol }).then(
        (value) => alive && setDetail({ state: 'ok', value }),
        (e: unknown) =>
          alive && setDetail({ state: 'error', message: e instanceof Error ? e.message : String(e) }),
      );
    };
    load();
    const t = setInterval(load, REFRESH_MS);
    return () => {
      alive = false;
      clearInterval(t);
    };
  }, [symbol]);

  // The sizer's suggestion for a new entry in the position's direction (long if flat): a small probe
  // order (~100 USD) gets the sizer's target quantity, then that quantity is checked against every
  // limit, so the panel says what size to trade and whether the limits would let it through now.
  const side = position && position.qty < 0 ? 'sell' : 'buy';
  useEffect(() => {
    let alive = true;
    const load = async (): Promise<void> => {
      try {
        const mark = useApp.getState().positions.find((p) => p.symbol === symbol)?.mark ?? null;
        const probe = mark && mark > 0 ? Number((100 / mark).toPrecision(3)) : 1;
        const first = await call('orders.check', {
          symbol,
          side,
          qty: probe,
          type: 'market',
          strategy: 'trend_following',
        });
        const target = first.sizing?.targetQty ?? 0;
        const value =
          target > 0
            ? await call('orders.check', {
                symbol,
                side,
                qty: Number(target.toPrecision(8)),
                type: 'market',
                strategy: 'trend_following',
              })
            : first;
        if (alive) setSizing({ state: 'ok', value: { ...value, sizing: value.sizing ?? first.sizing } });
      } catch (e) {
        if (alive) setSizing({ state: 'error', message: e instanceof Error ? e.message : String(e) });
      }
    };
    void load();
    const t = setInterval(() => void load(), 15_000);
    return () => {
      alive = false;
      clearInterval(t);
    };
  }, [symbol, side]);

  const onKeyDown = (e: React.KeyboardEvent): void => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      onClose();
      return;
    }
    if (e.key !== 'Tab' || !box.current) return;
    const items = [...box.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
    if (items.length === 0) return;
    const first = items[0];
    const last = items[items.length - 1];
    if (e.shiftKey && (document.activeElement === first || document.activeElement === box.current)) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  };

  const d = detail.state === 'ok' ? detail.value : undefined;
  const priceSymbol = d?.priceSymbol ?? symbol;
  const underlyingView = useApp((s) =>
    priceSymbol !== symbol ? s.positions.find((p) => p.symbol === priceSymbol) : undefined,
  );
  const live = useMemo(
    () => liveMark(position, underlyingView, symbol, priceSymbol),
    [position, underlyingView, symbol, priceSymbol],
  );
  const path = useMemo(() => d?.path ?? { ts: [], price: [] }, [d?.path]);

  return (
    <div className="drawer-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div
        ref={box}
        className="drawer"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        onKeyDown={onKeyDown}
        data-testid="position-detail"
        tabIndex={-1}
      >
        <div className="drawer-head">
          <h2 id={titleId} className="mono">
            {symbol}
          </h2>
          {position && <span className={`tag tag-${position.kind}`}>{position.kind}</span>}
          {position && position.qty !== 0 && (
            <span className={position.qty > 0 ? 'side-tag long' : 'side-tag short'}>
              {position.qty > 0 ? 'LONG' : 'SHORT'}
            </span>
          )}
          {position?.stale && (
            <span
              className="stale-badge"
              title="No price update within the staleness window: figures are as of the last mark"
            >
              STALE
            </span>
          )}
          <div className="spacer" />
          <button
            type="button"
            className="btn btn-icon"
            aria-label="Close position detail"
            title="Close (Esc)"
            onClick={onClose}
            data-autofocus
          >
            ×
          </button>
        </div>
        <div className="drawer-body">
          {position ? (
            <Figures
              p={position}
              contribution={d?.contribution ?? null}
              loading={detail.state === 'loading'}
            />
          ) : (
            <p className="muted">Not held. {d ? 'Fills and prices below.' : ''}</p>
          )}
          <section className="drawer-section" aria-label="Price chart">
            <div className="drawer-section-head">
              <h3>Price · {priceSymbol}</h3>
              <span className="muted">
                last hour, 1 s ·{' '}
                <span title={CONVENTIONS.stop}>
                  {d?.stop
                    ? `stop ${fmtPrice(d.stop.stop)}${d.stop.trailingActive ? ' (trailing)' : ''}`
                    : 'no active stop'}
                </span>{' '}
                · fills as arrows
              </span>
            </div>
            {detail.state === 'error' && (
              <div className="form-err" role="alert">
                Could not load the detail: {detail.message}
              </div>
            )}
            <div className="pos-chart-wrap">
              <PriceChart
                path={path}
                live={live}
                fills={d?.fills ?? []}
                stop={d?.stop?.stop ?? null}
                takeProfit={d?.stop?.takeProfit ?? null}
                avgCost={position && position.kind !== 'option' ? position.avgCost : null}
                height={240}
                label={`${priceSymbol} price over the last hour with stop and fills`}
              />
              {detail.state === 'loading' && <div className="chart-overlay">Loading prices…</div>}
              {d && d.path.ts.length === 0 && (
                <div className="chart-overlay">
                  No prices recorded yet: the engine keeps the last hour since it started.
                </div>
              )}
            </div>
          </section>
          <SizingPanel check={sizing} />
          <FillsTable fills={d?.fills} />
        </div>
      </div>
    </div>
  );
}

/** The newest mark of the chart's price symbol from the live push (linear positions carry it). */
function liveMark(
  p: PositionView | undefined,
  u: PositionView | undefined,
  symbol: string,
  priceSymbol: string,
): { ts: number; price: number } | null {
  const src = priceSymbol === symbol ? p : (u ?? (p && p.kind !== 'option' ? p : undefined));
  if (!src || src.mark === null || src.lastUpdateTs === null) return null;
  return { ts: src.lastUpdateTs, price: src.mark };
}

function Metric({
  label,
  title,
  children,
  testId,
}: {
  label: string;
  title: string;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <div className="metric" title={title}>
      <div className="metric-label">{label}</div>
      <div className="metric-value num" data-testid={testId}>
        {children}
      </div>
    </div>
  );
}

function Figures({
  p,
  contribution,
  loading,
}: {
  p: PositionView;
  contribution: Detail['contribution'];
  loading: boolean;
}) {
  return (
    <div className="metric-grid">
      <Metric label="Unrealised P&L · USD" title={CONVENTIONS.unrealized} testId="detail-upnl">
        <span className={pnlClass(p.unrealizedPnl)}>{fmtMoney(p.unrealizedPnl, { sign: true })}</span>
      </Metric>
      <Metric label="P&L %" title={CONVENTIONS.pnlPct} testId="detail-pnl-pct">
        <span className={pnlClass(p.pnlPct)}>{fmtPct(p.pnlPct, 2, true)}</span>
      </Metric>
      <Metric label="Realised · USD" title={CONVENTIONS.realized} testId="detail-realized">
        <span className={pnlClass(p.realizedPnl)}>{fmtMoney(p.realizedPnl, { sign: true })}</span>
      </Metric>
      <Metric label="Mark" title={CONVENTIONS.mark} testId="detail-mark">
        {fmtPrice(p.mark)}
      </Metric>
      <Metric
        label="Qty @ avg cost"
        title="Signed quantity (negative = short) and the weighted average cost of the fills that opened it."
      >
        <span className={p.qty < 0 ? 'neg' : ''}>{fmtQty(p.qty)}</span>{' '}
        <span className="muted">@ {fmtPrice(p.avgCost)}</span>
      </Metric>
      <Metric label="Exposure · USD" title={CONVENTIONS.exposure} testId="detail-exposure">
        {fmtMoney(p.exposure, { compact: true })}
      </Metric>
      <Metric label="Risk contrib. · VaR 99" title={CONVENTIONS.contribution} testId="detail-contribution">
        {contribution ? (
          <>
            {fmtMoney(contribution.componentVar)} <span className="muted">{fmtPct(contribution.pct, 1)}</span>
          </>
        ) : (
          <span className="muted">{loading ? '…' : 'not computed yet'}</span>
        )}
      </Metric>
      <Metric label="To liquidation" title={CONVENTIONS.liquidation} testId="detail-liq">
        {p.liquidationDistance === null ? (
          <span className="muted">not leveraged</span>
        ) : (
          fmtPct(p.liquidationDistance, 1)
        )}
      </Metric>
      <Metric label="Exit cost · USD" title={CONVENTIONS.exitCost} testId="detail-exit">
        {fmtMoney(p.exitCost)}
      </Metric>
    </div>
  );
}

function FillsTable({ fills }: { fills: Detail['fills'] | undefined }) {
  const recent = fills ? fills.slice(-8).reverse() : [];
  return (
    <section className="drawer-section" aria-label="Fills">
      <div className="drawer-section-head">
        <h3>Fills</h3>
        <span className="muted">{fills ? `${fills.length} in the last 1,000 of the book` : '…'}</span>
      </div>
      {fills && fills.length === 0 ? (
        <p className="muted">No fills for this symbol (imported positions have none).</p>
      ) : (
        <table className="grid grid-compact" aria-label="Fills for this symbol">
          <thead>
            <tr>
              <th>Time (UTC)</th>
              <th>Side</th>
              <th className="num">Qty</th>
              <th className="num">Price</th>
              <th className="num" title="Fee in USD">
                Fee
              </th>
            </tr>
          </thead>
          <tbody>
            {recent.map((f) => (
              <tr key={f.id}>
                <td>{fmtDateTime(f.ts)}</td>
                <td className={f.side === 'buy' ? 'pos' : 'neg'}>{f.side}</td>
                <td className="num">{fmtQty(f.qty)}</td>
                <td className="num">{fmtPrice(f.price)}</td>
                <td className="num">{fmtMoney(f.fee)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
