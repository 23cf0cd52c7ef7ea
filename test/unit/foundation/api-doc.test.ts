import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { requests, topics } from '../../../src/shared/contract/index';

// docs/api.md is the reference users read: every method and topic of the contract must be in it.
const doc = readFileSync(new URL('../../../docs/api.md', import.meta.url), 'utf8');

describe('docs/api.md', () => {
  it('documents every request method', () => {
    expect(Object.keys(requests).filter((m) => !doc.includes(`\`${m}\``))).toEqual([]);
  });
  it('documents every pushed topic', () => {
    expect(Object.keys(topics).filter((t) => !doc.includes(`\`${t}\``))).toEqual([]);
  });
});
