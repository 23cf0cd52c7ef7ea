/**
 * V8 heap snapshots for the UI soak: where the renderer's heap went between two points in time.
 *
 * `Runtime.getHeapUsage().usedSize` (the soak's heap figure) counts every V8 object, compiled code
 * included. When it grows, the first question is whether the growth is the app's own objects (a leak
 * or a buffer filling) or V8's code space (functions tiering up to optimised code, which V8 manages
 * and bounds itself). A snapshot answers it: every node has a type (`code`, `object`, `closure`,
 * `string`, `array`, `native`, …) and a self size. Blink's C++ objects appear as `native` nodes
 * named `blink::…`/`HTML…`; they live outside V8's heap and are not in `usedSize`, so they are
 * summarised apart.
 */
import type { CDPSession } from '@playwright/test';

export interface HeapSnapshotJson {
  snapshot: { meta: { node_fields: string[]; node_types: unknown[] } };
  nodes: number[];
  strings: string[];
}

export interface HeapSummary {
  /** Self size by category, bytes. */
  bytes: Record<HeapCategory, number>;
  /** Count and self size by `type:constructor` (strings and numbers by type only). */
  byConstructor: Map<string, { count: number; size: number }>;
}

export type HeapCategory = 'code' | 'objects' | 'strings' | 'arrays' | 'closures' | 'v8-internal' | 'blink';
export const HEAP_CATEGORIES: readonly HeapCategory[] = ['code', 'objects', 'strings', 'arrays', 'closures', 'v8-internal', 'blink'];

/**
 * Category of one node. V8's own bookkeeping shows as `native`/`hidden` nodes named
 * `system / …` (maps, feedback, weak lists) and counts toward `usedSize`; other `native` nodes are
 * Blink's (DOM, style, font caches) and do not.
 */
export function categoryOf(type: string, name: string): HeapCategory {
  if (type === 'code') return 'code';
  if (type === 'string' || type === 'concatenated string' || type === 'sliced string') return 'strings';
  if (type === 'array') return 'arrays';
  if (type === 'closure') return 'closures';
  if (type === 'native') return name.startsWith('system /') ? 'v8-internal' : 'blink';
  if (type === 'hidden' || type === 'object shape' || type === 'synthetic') return 'v8-internal';
  return 'objects';
}

export function summariseSnapshot(s: HeapSnapshotJson): HeapSummary {
  const fields = s.snapshot.meta.node_fields;
  const types = s.snapshot.meta.node_types[0] as string[];
  const width = fields.length;
  const iType = fields.indexOf('type');
  const iName = fields.indexOf('name');
  const iSize = fields.indexOf('self_size');
  if (iType < 0 || iName < 0 || iSize < 0 || s.nodes.length % width !== 0) throw new Error('heap snapshot: unexpected node layout');
  const bytes = Object.fromEntries(HEAP_CATEGORIES.map((c) => [c, 0])) as Record<HeapCategory, number>;
  const byConstructor = new Map<string, { count: number; size: number }>();
  for (let i = 0; i < s.nodes.length; i += width) {
    const type = types[s.nodes[i + iType]] ?? 'unknown';
    const name = s.strings[s.nodes[i + iName]] ?? '';
    const size = s.nodes[i + iSize];
    bytes[categoryOf(type, name)] += size;
    // Strings and numbers are keyed by type: their "name" is their value.
    const key = type === 'object' || type === 'closure' || type === 'native' || type === 'code' || type === 'array' ? `${type}:${name.slice(0, 80)}` : type;
    const c = byConstructor.get(key);
    if (c) {
      c.count++;
      c.size += size;
    } else byConstructor.set(key, { count: 1, size });
  }
  return { bytes, byConstructor };
}

export interface HeapGrowth {
  /** Per category: bytes at the start, at the end, and the change. */
  categories: { category: HeapCategory; startBytes: number; endBytes: number; deltaBytes: number }[];
  /** The constructors that grew most (by self size). */
  top: { key: string; deltaCount: number; deltaBytes: number; endCount: number; endBytes: number }[];
}

export function heapGrowth(a: HeapSummary, b: HeapSummary, topN = 20): HeapGrowth {
  const categories = HEAP_CATEGORIES.map((c) => ({ category: c, startBytes: a.bytes[c], endBytes: b.bytes[c], deltaBytes: b.bytes[c] - a.bytes[c] }));
  const keys = new Set([...a.byConstructor.keys(), ...b.byConstructor.keys()]);
  const top = [...keys]
    .map((key) => {
      const x = a.byConstructor.get(key) ?? { count: 0, size: 0 };
      const y = b.byConstructor.get(key) ?? { count: 0, size: 0 };
      return { key, deltaCount: y.count - x.count, deltaBytes: y.size - x.size, endCount: y.count, endBytes: y.size };
    })
    .sort((p, q) => q.deltaBytes - p.deltaBytes)
    .slice(0, topN);
  return { categories, top };
}

/** Takes a snapshot over CDP (after the caller's forced GC) and returns its parsed JSON. */
export async function takeHeapSnapshot(cdp: CDPSession): Promise<HeapSnapshotJson> {
  const chunks: string[] = [];
  const on = (e: { chunk: string }): void => void chunks.push(e.chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', on);
  try {
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  } finally {
    cdp.off('HeapProfiler.addHeapSnapshotChunk', on);
  }
  return JSON.parse(chunks.join('')) as HeapSnapshotJson;
}
