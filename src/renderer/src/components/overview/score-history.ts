// The last risk scores seen by this window, kept from app start (not only while the Overview is open)
// so the sparkline has a trend at once. A tiny zustand slice of its own: the main store stays lean.
import { create } from 'zustand';
import { useApp } from '../../store';

/** ~10 minutes of the 10 s recompute. */
export const SCORE_HISTORY = 60;

interface ScoreHistory {
  points: { ts: number; score: number }[];
}

export const useScoreHistory = create<ScoreHistory>(() => ({ points: [] }));

useApp.subscribe((s, prev) => {
  const r = s.risk;
  if (!r || r === prev.risk) return;
  const pts = useScoreHistory.getState().points;
  // A pushed snapshot and a refresh reply can carry the same ts: keep one point per snapshot.
  if (pts.length > 0 && pts[pts.length - 1].ts >= r.ts) return;
  useScoreHistory.setState({ points: [...pts, { ts: r.ts, score: r.riskScore.score }].slice(-SCORE_HISTORY) });
});
