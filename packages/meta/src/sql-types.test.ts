import { describe, expect, it } from 'vitest';

import { FIELD_TYPES, type Field } from './fields';
import { columnType, defaultExpression, sqlLiteral } from './sql-types';

const sample: Record<Field['type'], object> = {
  string: { length: 80 },
  text: {},
  integer: {},
  bigint: {},
  decimal: { precision: 12, scale: 2 },
  float: {},
  boolean: {},
  date: {},
  datetime: {},
  time: {},
  uuid: {},
  json: {},
  enum: { options: ['a'] },
  'enum-multi': { options: ['a'] },
  email: {},
  url: {},
  computed: { expression: '1', resultType: 'integer' },
};

describe('column types', () => {
  it('supports every field type the platform promises', () => {
    expect([...FIELD_TYPES].sort()).toEqual(Object.keys(sample).sort());
  });

  it('maps each type to a PostgreSQL column type', () => {
    const types = Object.fromEntries(
      FIELD_TYPES.map((type) => [type, columnType({ code: 'x', type, ...sample[type] } as Field)]),
    );
    expect(types).toEqual({
      string: 'varchar(80)',
      text: 'text',
      integer: 'integer',
      bigint: 'bigint',
      decimal: 'numeric(12,2)',
      float: 'double precision',
      boolean: 'boolean',
      date: 'date',
      datetime: 'timestamptz',
      time: 'time',
      uuid: 'uuid',
      json: 'jsonb',
      enum: 'text',
      'enum-multi': 'text[]',
      email: 'varchar(254)',
      url: 'varchar(2048)',
      computed: 'integer',
    });
  });
});

describe('literals and defaults', () => {
  it('quotes text safely', () => {
    expect(sqlLiteral("O'Brien; DROP TABLE x; --")).toBe("'O''Brien; DROP TABLE x; --'");
    expect(sqlLiteral(['a', "b'c"])).toBe("ARRAY['a', 'b''c']::text[]");
    expect(() => sqlLiteral('a\0b')).toThrow();
    expect(() => sqlLiteral(Number.NaN)).toThrow();
  });

  it('renders typed defaults and database functions', () => {
    expect(defaultExpression({ code: 'n', type: 'integer', default: 3 })).toBe('3::integer');
    expect(defaultExpression({ code: 's', type: 'enum', options: ['new'], default: 'new' })).toBe(
      "'new'::text",
    );
    expect(defaultExpression({ code: 'j', type: 'json', default: { a: "it's" } })).toBe(
      `'{"a":"it''s"}'::jsonb`,
    );
    expect(defaultExpression({ code: 't', type: 'datetime', default: { fn: 'now' } })).toBe(
      'CURRENT_TIMESTAMP',
    );
    expect(defaultExpression({ code: 'u', type: 'uuid', default: { fn: 'uuid' } })).toBe(
      'gen_random_uuid()',
    );
    expect(defaultExpression({ code: 'x', type: 'text' })).toBeNull();
  });
});
