import { useEffect } from 'react';
import { useApp } from '../store';

const LIFETIME_MS = { info: 6000, warning: 8000, critical: 12000, emergency: 20000 } as const;

/**
 * Toasts for `alerts.notify` (the engine decides when an alert should notify: new, escalated, or a
 * repeat after its cool-down). Click-through except for the dismiss button, so they never block work.
 */
export function NoticeToasts() {
  const all = useApp((s) => s.notices);
  const alerts = useApp((s) => s.alerts);
  // An alert acknowledged anywhere (this page, another client) takes its toast with it.
  const acked = new Set(alerts?.filter((a) => a.acknowledged).map((a) => a.id));
  const notices = all.filter((n) => !acked.has(n.id));
  const dismiss = useApp((s) => s.dismissNotice);
  useEffect(() => {
    if (all.length === 0) return;
    const t = setInterval(() => {
      const now = Date.now();
      for (const n of useApp.getState().notices) if (now - n.at > LIFETIME_MS[n.level]) dismiss(n.id);
    }, 1000);
    return () => clearInterval(t);
  }, [all.length, dismiss]);
  return (
    <div className="toasts" role="log" aria-live="polite" aria-label="Alert notifications">
      {notices.map((n) => (
        <div key={n.id} className={`toast toast-${n.level}`}>
          <div className="toast-head">
            <span className={`sev sev-${n.level}`}>{n.level}</span>
            <span className="toast-msg" title={n.message}>
              {n.message}
            </span>
            <button type="button" className="toast-x" aria-label={`Dismiss notification: ${n.message}`} title="Dismiss" onClick={() => dismiss(n.id)}>
              ×
            </button>
          </div>
          <div className="toast-body" title={n.mitigation}>
            {n.mitigation}
          </div>
        </div>
      ))}
    </div>
  );
}
