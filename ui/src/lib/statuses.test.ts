import { describe, expect, it } from 'vitest';
import { STATUS_KEYS, STATUS_ORDER, statusForKey } from './statuses';

describe('review keys', () => {
  it('maps the documented keys to their statuses', () => {
    expect(statusForKey('v')).toBe('verified');
    expect(statusForKey('d')).toBe('disputed');
    expect(statusForKey('n')).toBe('needs_evidence');
    expect(statusForKey('u')).toBe('unreviewed');
  });

  it('leaves the navigation and evidence keys alone', () => {
    for (const key of ['j', 'k', 'e', '/', '?']) expect(statusForKey(key)).toBeNull();
  });

  it('gives every status a button and a distinct key', () => {
    expect(new Set(STATUS_ORDER).size).toBe(Object.keys(STATUS_KEYS).length);
    expect(new Set(Object.values(STATUS_KEYS)).size).toBe(STATUS_ORDER.length);
  });
});
