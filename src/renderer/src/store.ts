import { create } from 'zustand';
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
  ResultOf,
  TradingStateView,
} from '../../shared/contract/index';
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
  risk: RiskSnapshot | undefined;
  setPage: (p: PageId) => void;
  setConnection: (s: ConnectionState) => void;
  setHeartbeat: (h: Heartbeat) => void;
  setLastEvent: (e: EventRecord) => void;
  setSummary: (s: PortfolioSummary) => void;
  setPositions: (p: PositionView[]) => void;
  setFeeds: (f: FeedHealthView[]) => void;
  setRisk: (r: RiskSnapshot) => void;

  // ---- controls (pushed once a second; preservation polled by the top bar) ----
  tradingState: TradingStateView | undefined;
  /** Breakers with the local receive time: countdowns run from `remainingMs` at that instant (immune to clock skew). */
  breakers: BreakerViewSchema[] | undefined;
  breakersAt: number;
  alerts: AlertView[] | undefined;
  limitsView: LimitsView | undefined;
  preservation: PreservationStatus | undefined;
  notices: Notice[];
  /** The typed-confirmation emergency dialog that is open (one at a time, reachable from any page). */
  emergency: { kind: EmergencyKind; fraction?: number } | undefined;
  /** One line describing the last emergency action's result, for the Controls page. */
  lastEmergency: string | undefined;
  setTradingState: (s: TradingStateView) => void;
  setBreakers: (b: BreakerViewSchema[]) => void;
  setAlerts: (a: AlertView[]) => void;
  setLimitsView: (l: LimitsView) => void;
  setPreservation: (p: PreservationStatus) => void;
  pushNotice: (n: Omit<Notice, 'at'>) => void;
  dismissNotice: (id: string) => void;
  openEmergency: (k: EmergencyKind, fraction?: number) => void;
  closeEmergency: () => void;
  setLastEmergency: (line: string) => void;
}

export type PreservationStatus = ResultOf<'preservation.status'>;
export type EmergencyKind = 'flatten' | 'halt' | 'reduce' | 'cancel';
export interface Notice {
  id: string;
  level: AlertView['level'];
  message: string;
  mitigation: string;
  at: number;
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
  risk: undefined,
  setPage: (page) => set({ page }),
  setConnection: (connection) => set({ connection }),
  setHeartbeat: (heartbeat) => set({ heartbeat, heartbeatAt: Date.now() }),
  setLastEvent: (lastEvent) => set({ lastEvent }),
  setSummary: (summary) => set({ summary }),
  setPositions: (positions) => set({ positions }),
  setFeeds: (feeds) => set({ feeds }),
  setRisk: (risk) => set({ risk }),
  tradingState: undefined,
  breakers: undefined,
  breakersAt: 0,
  alerts: undefined,
  limitsView: undefined,
  preservation: undefined,
  notices: [],
  emergency: undefined,
  setTradingState: (tradingState) => set({ tradingState }),
  setBreakers: (breakers) => set({ breakers, breakersAt: Date.now() }),
  setAlerts: (alerts) => set({ alerts }),
  setLimitsView: (limitsView) => set({ limitsView }),
  setPreservation: (preservation) => set({ preservation }),
  // Newest first, at most 3 on screen; a repeat of the same alert id replaces its toast.
  pushNotice: (n) => set((s) => ({ notices: [{ ...n, at: Date.now() }, ...s.notices.filter((x) => x.id !== n.id)].slice(0, 3) })),
  dismissNotice: (id) => set((s) => ({ notices: s.notices.filter((x) => x.id !== id) })),
  lastEmergency: undefined,
  openEmergency: (kind, fraction) => set({ emergency: fraction === undefined ? { kind } : { kind, fraction } }),
  closeEmergency: () => set({ emergency: undefined }),
  setLastEmergency: (lastEmergency) => set({ lastEmergency }),
}));
