import { PAGES, useApp } from '../store';
import { AlertsPill, PreservationPill, TradingPill } from './trading-pill';

export function TopBar() {
  const page = useApp((s) => s.page);
  const label = PAGES.find((p) => p.id === page)?.label ?? '';
  return (
    <header className="topbar">
      <div className="brand" aria-label="Bulwark">
        <svg width="18" height="18" viewBox="0 0 16 16" aria-hidden="true">
          <path d="M8 1 14.5 3.6v4.2c0 3.7-2.8 6.2-6.5 7.2-3.7-1-6.5-3.5-6.5-7.2V3.6z" fill="var(--accent)" opacity="0.9" />
          <path d="M5 8.2 7.2 10.3 11 5.8" stroke="#0b0e13" strokeWidth="1.6" fill="none" strokeLinecap="round" />
        </svg>
        <span>BULWARK</span>
      </div>
      <h1 className="page-title">{label}</h1>
      <div className="topbar-slots">
        <AlertsPill />
        <PreservationPill />
        <TradingPill />
      </div>
    </header>
  );
}
