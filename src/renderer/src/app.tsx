import { useEffect } from 'react';
import { NavRail } from './components/nav-rail';
import { StatusBar } from './components/status-bar';
import { TopBar } from './components/top-bar';
import { EmergencyDialogHost } from './components/confirm-dialog';
import { NoticeToasts } from './components/notice-toasts';
import { CommandPalette } from './components/command-palette';
import { AlertsPage } from './pages/alerts-page';
import { ControlsPage } from './pages/controls-page';
import { EventsPage } from './pages/events-page';
import { HistoryPage } from './pages/history-page';
import { OverviewPage } from './pages/overview-page';
import { GreeksPage } from './pages/greeks-page';
import { HedgingPage } from './pages/hedging-page';
import { ReportsPage } from './pages/reports-page';
import { RiskPage } from './pages/risk-page';
import { StressPage } from './pages/stress-page';
import { PositionsPage } from './pages/positions-page';
import { SettingsPage, applyTheme } from './pages/settings-page';
import { call } from './api';
import { PAGES, useApp, type PageId } from './store';
import { useEngineLink, useHashRoute } from './use-engine-link';

export function App() {
  useEngineLink();
  useHashRoute();
  const page = useApp((s) => s.page);

  useEffect(() => {
    call('settings.get', {}).then((s) => applyTheme(s.ui.theme), () => undefined);
  }, []);

  useEffect(() => {
    // Ctrl+Shift+H (Cmd+Shift+H on macOS) opens the Halt dialog from any page, even while typing.
    const onKey = (e: KeyboardEvent): void => {
      if ((e.ctrlKey || e.metaKey) && e.shiftKey && !e.altKey && (e.code === 'KeyH' || e.key.toLowerCase() === 'h')) {
        e.preventDefault();
        useApp.getState().openEmergency('halt');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  useEffect(() => {
    // Alt+1..9 / Alt+E / Alt+R / Alt+, switch pages (the desktop menu maps Ctrl+1..9 to the same).
    const onKey = (e: KeyboardEvent): void => {
      if (!e.altKey || e.ctrlKey || e.metaKey) return;
      const key = e.key.length === 1 ? e.key.toUpperCase() : e.key;
      const target = PAGES.find((p) => p.key === key) ?? PAGES.find((p) => e.code === `Digit${p.key}`);
      if (target) {
        e.preventDefault();
        useApp.getState().setPage(target.id);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <div className="shell">
      <TopBar />
      <NavRail />
      <main className="content" aria-label={`${page} page`}>
        <PageView page={page} />
      </main>
      <StatusBar />
      <NoticeToasts />
      <EmergencyDialogHost />
      <CommandPalette />
    </div>
  );
}

// One component per page, each in its own file under pages/.
const VIEWS: Record<PageId, () => React.JSX.Element> = {
  overview: OverviewPage,
  positions: PositionsPage,
  risk: RiskPage,
  stress: StressPage,
  greeks: GreeksPage,
  controls: ControlsPage,
  hedging: HedgingPage,
  alerts: AlertsPage,
  history: HistoryPage,
  events: EventsPage,
  reports: ReportsPage,
  settings: SettingsPage,
};

function PageView({ page }: { page: PageId }) {
  const View = VIEWS[page];
  return <View />;
}
