import { describe, expect, it } from 'vitest';
import { categoryOf, heapGrowth, summariseSnapshot, type HeapSnapshotJson } from '../../support/heap-snapshot';

// V8's node type list, in V8's order (the snapshot refers to types by index).
const TYPES = ['hidden', 'array', 'string', 'object', 'code', 'closure', 'regexp', 'number', 'native', 'synthetic', 'concatenated string', 'sliced string', 'symbol', 'bigint', 'object shape'];
const t = (name: string): number => TYPES.indexOf(name);

/** A snapshot from [type, name, self_size] rows (ids and edge counts filled in). */
function snap(rows: [string, string, number][]): HeapSnapshotJson {
  const strings: string[] = [];
  const str = (s: string): number => (strings.includes(s) ? strings.indexOf(s) : strings.push(s) - 1);
  const nodes = rows.flatMap(([type, name, size], i) => [t(type), str(name), 2 * i + 1, size, 0]);
  return { snapshot: { meta: { node_fields: ['type', 'name', 'id', 'self_size', 'edge_count'], node_types: [TYPES, 'string', 'number', 'number', 'number'] } }, nodes, strings };
}

describe('heap snapshot summary', () => {
  it('puts each node in its category: V8 bookkeeping apart from Blink objects', () => {
    expect(categoryOf('code', 'system / InstructionStream')).toBe('code');
    expect(categoryOf('native', 'system / WeakArrayList')).toBe('v8-internal');
    expect(categoryOf('native', 'blink::PlainTextNode')).toBe('blink');
    expect(categoryOf('concatenated string', 'ab')).toBe('strings');
    expect(categoryOf('number', 'heap number')).toBe('objects');
    expect(categoryOf('object shape', 'system / Map')).toBe('v8-internal');
  });

  it('sums self sizes by category and by constructor, strings by type only', () => {
    const s = summariseSnapshot(
      snap([
        ['object', 'Array', 16],
        ['object', 'Array', 16],
        ['array', '(object elements)', 40],
        ['string', 'BTC-USDT', 24],
        ['string', 'ETH-USDT', 28],
        ['code', 'system / InstructionStream', 1000],
        ['native', 'blink::ShapeResult', 64],
        ['native', 'system / WeakArrayList', 12],
        ['closure', 'render', 32],
      ]),
    );
    expect(s.bytes).toEqual({ code: 1000, objects: 32, strings: 52, arrays: 40, closures: 32, 'v8-internal': 12, blink: 64 });
    expect(s.byConstructor.get('object:Array')).toEqual({ count: 2, size: 32 });
    expect(s.byConstructor.get('string')).toEqual({ count: 2, size: 52 });
    expect(s.byConstructor.has('string:BTC-USDT')).toBe(false);
  });

  it('ranks the constructors that grew, with appeared and vanished ones', () => {
    const a = summariseSnapshot(snap([['object', 'Array', 16], ['code', 'system / Code', 72], ['object', 'Old', 100]]));
    const b = summariseSnapshot(snap([['object', 'Array', 16], ['object', 'Array', 16], ['object', 'Array', 16], ['code', 'system / Code', 72], ['code', 'system / Code', 72], ['object', 'New', 8]]));
    const g = heapGrowth(a, b, 3);
    expect(g.top.map((x) => [x.key, x.deltaCount, x.deltaBytes])).toEqual([
      ['code:system / Code', 1, 72],
      ['object:Array', 2, 32],
      ['object:New', 1, 8],
    ]);
    expect(g.categories.find((c) => c.category === 'objects')).toEqual({ category: 'objects', startBytes: 116, endBytes: 56, deltaBytes: -60 });
    expect(g.categories.find((c) => c.category === 'code')?.deltaBytes).toBe(72);
  });

  it('refuses a snapshot whose node layout it does not know', () => {
    const bad = snap([['object', 'Array', 16]]);
    bad.snapshot.meta.node_fields = ['type', 'name', 'id'];
    expect(() => summariseSnapshot(bad)).toThrow(/unexpected node layout/);
  });
});
