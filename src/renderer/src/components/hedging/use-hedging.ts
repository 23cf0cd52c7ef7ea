// The Hedging page's data: status and proposals arrive as pushes (status at ≤ 1 Hz), the monitor is
// not pushed (it revalues every hedge leg) so it is polled every 2 s while the page is open. Each
// piece keeps its local receive time so the page can say when the figures stopped moving.
import { useCallback, useEffect, useState } from 'react';
import type { HedgeMonitor, HedgeProposal, HedgingConfigView, HedgingStatus } from '../../../../shared/contract/index';
import { call, getTransport } from '../../api';
import { useApp } from '../../store';
import { errText } from '../controls-ui';
import { useNow } from '../use-now';

export const MONITOR_POLL_MS = 2000;
/** The status is pushed every second; five missed pushes make the page stale. */
export const STATUS_STALE_MS = 5000;
const MONITOR_ERR = 'hedging.monitor: ';

export interface HedgingData {
  status: HedgingStatus | undefined;
  proposals: HedgeProposal[] | undefined;
  monitor: HedgeMonitor | undefined;
  /** For the roll dates (expiry − roll-before); re-read whenever the status says the config changed. */
  config: HedgingConfigView | undefined;
  /** The last failed request (cleared by the next success of the same kind). */
  error: string | undefined;
  statusAgeMs: number;
  stale: boolean;
  disconnected: boolean;
  refresh: () => Promise<void>;
}

export function useHedging(): HedgingData {
  const [st, setSt] = useState<{ s: HedgingStatus; at: number }>();
  const [proposals, setProposals] = useState<HedgeProposal[]>();
  const [monitor, setMonitor] = useState<HedgeMonitor>();
  const [config, setConfig] = useState<HedgingConfigView>();
  const [error, setError] = useState<string>();
  const connection = useApp((s) => s.connection);
  const now = useNow(1000);

  const setStatus = useCallback((s: HedgingStatus) => setSt({ s, at: Date.now() }), []);

  const loadMonitor = useCallback(
    () =>
      call('hedging.monitor', {}).then(
        (m) => {
          setMonitor(m);
          setError((prev) => (prev?.startsWith(MONITOR_ERR) ? undefined : prev));
        },
        (e: unknown) => setError(`${MONITOR_ERR}${errText(e)}`),
      ),
    [],
  );

  const refresh = useCallback(
    () =>
      Promise.all([call('hedging.status', {}), call('hedging.proposals', { limit: 50 }), call('hedging.config.get', {})])
        .then(
          ([s, p, c]) => {
            setStatus(s);
            setProposals(p);
            setConfig(c);
            setError(undefined);
          },
          (e: unknown) => setError(errText(e)),
        )
        .then(loadMonitor),
    [loadMonitor, setStatus],
  );

  useEffect(() => {
    const off = getTransport().onPush((topic, data) => {
      if (topic === 'hedging.status') setStatus(data as HedgingStatus);
      else if (topic === 'hedging.proposals') {
        setProposals(data as HedgeProposal[]);
        // An execution changes the active hedges at once; do not wait for the next poll.
        void loadMonitor();
      }
    });
    const t = setInterval(() => void loadMonitor(), MONITOR_POLL_MS);
    return () => {
      off();
      clearInterval(t);
    };
  }, [loadMonitor, setStatus]);

  // The first load, outside the subscription effect (the lint rule wants no setState path in it).
  useEffect(() => {
    void refresh();
  }, [refresh]);

  const status = st?.s;
  const statusAgeMs = st ? Math.max(0, now - st.at) : 0;
  return {
    status,
    proposals,
    monitor,
    config,
    error,
    statusAgeMs,
    stale: status !== undefined && statusAgeMs > STATUS_STALE_MS,
    disconnected: connection === 'closed' || connection === 'unauthorized',
    refresh,
  };
}
