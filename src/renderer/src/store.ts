import { create } from 'zustand';
import type { EventRecord, FeedHealthView, Heartbeat, PortfolioSummary, PositionView } from '../../shared/contract/index';
import type { ConnectionState } from './transport';

export const PAGES = [
  { id: 'overview', label: 'Overview', key: '1' },
  { id: 'positions', label: 'Positions', key: '2' },
  { id: 'risk', label: 'Risk', key: '3' },
  { id: 'stress', label: 'Stress', key: '4' },
  { id: 'greeks', label: 'Greeks', key: '5' },
  { id: 'controls', label: 'Controls', key: '6' },
  { id: 'hedging', label: 'Hedging', key: '7' },
  { id: 'alerts', label: 'Alerts', key: '8' },
  { id: 'history', label: 'History', key: '9' },
  { id: 'events', label: 'Events', key: 'E' },
  { id: 'reports', label: 'Reports', key: 'R' },
  { id: 'settings', label: 'Settings', key: ',' },
] as const;
export type PageId = (typeof PAGES)[number]['id'];
export const isPage = (p: string): p is PageId => PAGES.some((x) => x.id === p);

interface AppState {
  page: PageId;
  connection: ConnectionState;
  heartbeat: Heartbeat | undefined;
  /** Local receive time of the last heartbeat, to show staleness. */
  heartbeatAt: number;
  lastEvent: EventRecord | undefined;
  summary: PortfolioSummary | undefined;
  positions: PositionView[];
  feeds: FeedHealthView[];
  setPage: (p: PageId) => void;
  setConnection: (s: ConnectionState) => void;
  setHeartbeat: (h: Heartbeat) => void;
  setLastEvent: (e: EventRecord) => void;
  setSummary: (s: PortfolioSummary) => void;
  setPositions: (p: PositionView[]) => void;
  setFeeds: (f: FeedHealthView[]) => void;
}

export const useApp = create<AppState>((set) => ({
  page: 'overview',
  connection: 'connecting',
  heartbeat: undefined,
  heartbeatAt: 0,
  lastEvent: undefined,
  summary: undefined,
  positions: [],
  feeds: [],
  setPage: (page) => set({ page }),
  setConnection: (connection) => set({ connection }),
  setHeartbeat: (heartbeat) => set({ heartbeat, heartbeatAt: Date.now() }),
  setLastEvent: (lastEvent) => set({ lastEvent }),
  setSummary: (summary) => set({ summary }),
  setPositions: (positions) => set({ positions }),
  setFeeds: (feeds) => set({ feeds }),
}));
