import { useEffect } from 'react';
import type {
  AlertView,
  BreakerViewSchema,
  EventRecord,
  FeedHealthView,
  Heartbeat,
  LimitsView,
  PortfolioSummary,
  PositionView,
  RiskSnapshot,
  TradingStateView,
} from '../../shared/contract/index';
import { getTransport } from './api';
import { isPage, useApp } from './store';

/** Wires pushed topics and the connection state into the store; one subscription for the app. */
export function useEngineLink(): void {
  useEffect(() => {
    const t = getTransport();
    const { setHeartbeat, setLastEvent, setConnection, setPage, setSummary, setPositions, setFeeds } = useApp.getState();
    const { setTradingState, setBreakers, setAlerts, setLimitsView, pushNotice } = useApp.getState();
    const offPush = t.onPush((topic, data) => {
      if (topic === 'system.heartbeat') setHeartbeat(data as Heartbeat);
      else if (topic === 'events.appended') setLastEvent(data as EventRecord);
      else if (topic === 'portfolio.summary') setSummary(data as PortfolioSummary);
      else if (topic === 'positions.snapshot') setPositions(data as PositionView[]);
      else if (topic === 'feeds.health') setFeeds(data as FeedHealthView[]);
      else if (topic === 'risk.snapshot') useApp.getState().setRisk(data as RiskSnapshot);
      else if (topic === 'trading.state') setTradingState(data as TradingStateView);
      else if (topic === 'breakers.list') setBreakers(data as BreakerViewSchema[]);
      else if (topic === 'alerts.list') setAlerts(data as AlertView[]);
      else if (topic === 'limits.view') setLimitsView(data as LimitsView);
      else if (topic === 'alerts.notify') pushNotice(data as { id: string; level: AlertView['level']; message: string; mitigation: string });
    });
    const offState = t.onState(setConnection);
    const offNav = window.bulwark?.onNavigate((p) => isPage(p) && setPage(p));
    return () => {
      offPush();
      offState();
      offNav?.();
    };
  }, []);
}

/** Keeps the page in the URL hash so a reload (or a shared link) lands on the same page. */
export function useHashRoute(): void {
  useEffect(() => {
    const fromHash = (): void => {
      const p = window.location.hash.replace(/^#\/?/, '');
      if (isPage(p)) useApp.getState().setPage(p);
    };
    fromHash();
    const unsub = useApp.subscribe((s, prev) => {
      if (s.page !== prev.page && window.location.hash !== `#/${s.page}`) window.history.replaceState(null, '', `#/${s.page}`);
    });
    window.addEventListener('hashchange', fromHash);
    return () => {
      unsub();
      window.removeEventListener('hashchange', fromHash);
    };
  }, []);
}
