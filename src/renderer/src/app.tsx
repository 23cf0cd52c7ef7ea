import { useEffect } from 'react';
import { NavRail } from './components/nav-rail';
import { StatusBar } from './components/status-bar';
import { TopBar } from './components/top-bar';
import { EmergencyDialogHost } from './components/confirm-dialog';
import { NoticeToasts } from './components/notice-toasts';
import { AlertsPage } from './pages/alerts-page';
import { ControlsPage } from './pages/controls-page';
import { EventsPage } from './pages/events-page';
import { HistoryPage } from './pages/history-page';
import { OverviewPage } from './pages/overview-page';
import { PendingPage } from './pages/pending-page';
import { PositionsPage } from './pages/positions-page';
import { SettingsPage, applyTheme } from './pages/settings-page';
import { call } from './api';
import { PAGES, useApp } from './store';
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
        {page === 'overview' ? (
          <OverviewPage />
        ) : page === 'positions' ? (
          <PositionsPage />
        ) : page === 'controls' ? (
          <ControlsPage />
        ) : page === 'alerts' ? (
          <AlertsPage />
        ) : page === 'history' ? (
          <HistoryPage />
        ) : page === 'events' ? (
          <EventsPage />
        ) : page === 'settings' ? (
          <SettingsPage />
        ) : (
          <PendingPage page={page} />
        )}
      </main>
      <StatusBar />
      <NoticeToasts />
      <EmergencyDialogHost />
    </div>
  );
}
