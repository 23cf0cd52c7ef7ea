// Reads a Prometheus text exposition with parse-prometheus-text-format (a third-party parser, so the
// format is checked by something other than prom-client) and looks samples up by name and labels.
import parsePrometheusTextFormat, { type PromFamily } from 'parse-prometheus-text-format';

export function parseProm(text: string): Map<string, PromFamily> {
  return new Map(parsePrometheusTextFormat(text).map((f) => [f.name, f]));
}

/** The value of the sample whose labels include `labels`; throws when absent so tests fail loudly. */
export function sample(fams: Map<string, PromFamily>, name: string, labels: Record<string, string> = {}): number {
  const f = fams.get(name);
  if (!f) throw new Error(`metric ${name} missing`);
  const s = f.metrics.find((m) => Object.entries(labels).every(([k, v]) => m.labels?.[k] === v));
  if (!s || s.value === undefined) throw new Error(`metric ${name}${JSON.stringify(labels)} has no sample`);
  return Number(s.value);
}
