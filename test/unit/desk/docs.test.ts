// The desk docs are configuration people copy: the Grafana dashboard must only query metrics the
// registry really exports, and the Prometheus example must have the fields the docs describe.
import { readFileSync } from 'node:fs';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { DeskMetrics } from '../../../src/server/desk/metrics';
import { FakeSource } from './fake-source';

const doc = (name: string): string => readFileSync(new URL(`../../../docs/${name}`, import.meta.url), 'utf8');

function registeredNames(): Set<string> {
  const m = new DeskMetrics({ source: new FakeSource() });
  const names = new Set(m.registry.getMetricsAsArray().map((x) => x.name));
  m.close();
  return names;
}

describe('desk monitoring docs', () => {
  it('the Grafana dashboard parses, is templated by instance, and queries only exported metrics', () => {
    const dash = JSON.parse(doc('grafana-dashboard.json')) as { templating: { list: { name: string; query: unknown }[] }; panels: { title: string; targets: { expr: string }[] }[] };
    const vars = dash.templating.list.map((v) => v.name);
    expect(vars).toContain('instance');
    const names = registeredNames();
    const exprs = dash.panels.flatMap((p) => p.targets.map((t) => t.expr));
    expect(exprs.length).toBeGreaterThanOrEqual(14);
    const used = new Set<string>();
    for (const e of exprs) {
      expect(e, e).toContain('instance=~"$instance"');
      for (const [n] of e.matchAll(/\bbulwark_[a-z0-9_]+/g)) {
        // Histogram series (_bucket, _sum, _count) belong to the registered base name.
        const base = n.replace(/_(bucket|sum|count)$/, '');
        used.add(names.has(n) ? n : base);
      }
    }
    const missing = [...used].filter((n) => !names.has(n));
    expect(missing).toEqual([]);
    // The headline figures of the issue each have a panel.
    for (const n of ['bulwark_equity_usd', 'bulwark_pnl_daily_usd', 'bulwark_drawdown_ratio', 'bulwark_var_usd', 'bulwark_cvar_usd', 'bulwark_limit_utilisation_ratio', 'bulwark_breaker_state', 'bulwark_alerts', 'bulwark_feed_up', 'bulwark_feed_ticks_accepted_total', 'bulwark_tick_to_mark_latency_seconds']) expect(used, n).toContain(n);
  });

  it('the Prometheus example scrapes /metrics of several workstations with a bearer token file', () => {
    const cfg = load(doc('prometheus.yml')) as { scrape_configs: { job_name: string; metrics_path: string; scheme: string; authorization: { type: string; credentials_file: string }; static_configs: { targets: string[] }[] }[] };
    expect(cfg.scrape_configs).toHaveLength(1);
    const job = cfg.scrape_configs[0];
    expect(job.job_name).toBe('bulwark');
    expect(job.metrics_path).toBe('/metrics');
    expect(job.scheme).toBe('http');
    expect(job.authorization).toEqual({ type: 'Bearer', credentials_file: '/etc/prometheus/secrets/bulwark-desk-token' });
    const targets = job.static_configs.flatMap((s) => s.targets);
    expect(targets.length).toBeGreaterThanOrEqual(3);
    for (const t of targets) expect(t).toMatch(/^[a-z0-9.-]+:9090$/);
  });
});
