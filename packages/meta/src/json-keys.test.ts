import { describe, expect, it } from 'vitest';

import { duplicateJsonKey } from './json-keys';
import { parseDocument } from './serialize';

describe('duplicateJsonKey', () => {
  it('finds a key repeated in one object, at any depth, however it is escaped', () => {
    expect(duplicateJsonKey('{"a":1,"b":2}')).toBeNull();
    expect(duplicateJsonKey('{"a":1,"a":2}')).toBe('a');
    expect(duplicateJsonKey('{"x":[{"a":1},{"a":2}]}')).toBeNull();
    expect(duplicateJsonKey('{"x":{"k":1,"y":{"k":2},"k":3}}')).toBe('k');
    expect(duplicateJsonKey('{"a":1,"\\u0061":2}')).toBe('a');
    expect(duplicateJsonKey('{"s":"a\\",\\"s\\":1","t":["s","s"]}')).toBeNull();
  });

  it('keeps JSON documents to the YAML reader’s rule: no key twice', () => {
    const doc = (project: string) =>
      `{"project":"${project}","entities":[],"relations":[]${project === 'twice' ? ',"project":"other"' : ''}}`;
    expect(parseDocument(doc('shop')).ok).toBe(true);
    const twice = parseDocument(doc('twice'));
    expect(twice.ok).toBe(false);
    expect(!twice.ok && twice.issues[0]!.message).toMatch(/"project" appears twice/);
  });
});
