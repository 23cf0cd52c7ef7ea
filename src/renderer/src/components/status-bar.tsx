import { fmtBytes, fmtDuration, fmtInt, fmtTime } from '../format';
import { useApp } from '../store';
import { useNow } from './use-now';

function FeedStatus() {
  const feeds = useApp((s) => s.feeds);
  if (feeds.length === 0) {
    return (
      <span className="sb-item" data-testid="feed-status" title="Market-data feeds">
        <span className="dot dot-muted" /> FEEDS —
      </span>
    );
  }
  return (
    <>
      {feeds.map((f) => {
        const dropped = Object.values(f.dropped).reduce((a, b) => a + b, 0);
        const bad = f.state !== 'open' || (f.lastMessageAgeMs ?? Infinity) > 5000;
        const warn = f.staleSymbols.length > 0;
        const title = `${f.venue} · ${f.url}\nstate ${f.state} · reconnects ${f.reconnects} · dropped ${dropped} · gaps ${f.gaps}${warn ? `\nstale: ${f.staleSymbols.join(', ')}` : ''}`;
        return (
          <span key={f.venue} className="sb-item" data-testid="feed-status" title={title}>
            <span className={`dot ${bad ? 'dot-bad' : warn ? 'dot-warn' : 'dot-ok'}`} />
            FEED {f.venue.toUpperCase()} {f.state.toUpperCase()}
            <span className="num">{Math.round(f.msgsPerSec)}</span>
            <span className="sb-dim">msg/s</span>
            {warn && <span className="sb-warn">{f.staleSymbols.length} stale</span>}
          </span>
        );
      })}
    </>
  );
}

export function StatusBar() {
  const now = useNow(1000);
  const hb = useApp((s) => s.heartbeat);
  const hbAt = useApp((s) => s.heartbeatAt);
  const conn = useApp((s) => s.connection);
  const age = hbAt ? now - hbAt : Infinity;
  const engineState = conn !== 'open' ? conn : !hb ? 'waiting' : age > 3000 ? 'stale' : 'live';
  const dotClass = engineState === 'live' ? 'dot-ok' : engineState === 'stale' || engineState === 'connecting' || engineState === 'waiting' ? 'dot-warn' : 'dot-bad';
  return (
    <footer className="statusbar" role="status" aria-label="Status bar">
      <span className="sb-item" data-testid="engine-status" title="Engine heartbeat (pushed once a second)">
        <span className={`dot ${dotClass}`} />
        ENGINE {engineState.toUpperCase()}
        {hb && (
          <>
            <span className="sb-dim">beat</span>
            <span className="num" data-testid="heartbeat-seq">{hb.seq}</span>
            <span className="sb-dim">up</span>
            <span className="num">{fmtDuration(hb.uptimeMs)}</span>
          </>
        )}
      </span>
      <span className="sb-item" data-testid="db-status" title={hb ? `Data folder: ${hb.dataDir}` : 'Database'}>
        <span className={`dot ${hb ? 'dot-ok' : 'dot-muted'}`} />
        DB {hb ? `v${hb.schemaVersion} · WAL · ${fmtBytes(hb.dbSizeBytes)} · ${fmtInt(hb.eventCount)} events` : '—'}
      </span>
      <FeedStatus />
      <span className="sb-spacer" />
      <span className="sb-item sb-transport">{conn === 'unauthorized' ? 'TOKEN REFUSED' : ''}</span>
      <span className="sb-item num" data-testid="clock-utc">UTC {fmtTime(now, true)}</span>
      <span className="sb-item num sb-dim" data-testid="clock-local">LOCAL {fmtTime(now, false)}</span>
    </footer>
  );
}
