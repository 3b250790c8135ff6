/**
 * Computed fields are SQL expressions over the entity's own fields, stored as generated
 * columns. An expression is tokenised against a whitelist (field references, literals,
 * operators, a few immutable functions and key words) and rebuilt with every field reference
 * quoted, so nothing but an expression can reach the DDL.
 */
const FUNCTIONS = new Set(
  `lower upper btrim trim ltrim rtrim length char_length coalesce nullif round trunc floor ceil
   ceiling abs sign greatest least left right replace substr md5 sqrt power mod split_part lpad
   rpad reverse initcap`.split(/\s+/),
);
const KEYWORDS = new Set([
  'and',
  'or',
  'not',
  'null',
  'true',
  'false',
  'case',
  'when',
  'then',
  'else',
  'end',
  'is',
  'in',
  'between',
]);
const OPERATORS = [
  '<=',
  '>=',
  '<>',
  '!=',
  '||',
  '+',
  '-',
  '*',
  '/',
  '%',
  '=',
  '<',
  '>',
  '(',
  ')',
  ',',
];

export type ComputedCheck =
  { ok: true; sql: string; references: string[] } | { ok: false; message: string };

export function compileComputed(
  expression: string,
  fieldCodes: ReadonlySet<string>,
): ComputedCheck {
  const out: string[] = [];
  const references = new Set<string>();
  let depth = 0;
  let i = 0;
  let pendingCall = false;
  const fail = (message: string): ComputedCheck => ({ ok: false, message });
  while (i < expression.length) {
    const rest = expression.slice(i);
    const space = /^\s+/.exec(rest);
    if (space) {
      i += space[0].length;
      continue;
    }
    const number = /^\d+(\.\d+)?/.exec(rest);
    if (number) {
      out.push(number[0]);
      i += number[0].length;
      continue;
    }
    if (rest.startsWith("'")) {
      const literal = /^'(?:[^'\\]|'')*'/.exec(rest);
      if (!literal)
        return fail(
          "Unterminated or unsupported text literal (use '' for a quote, no backslashes)",
        );
      out.push(literal[0]);
      i += literal[0].length;
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(rest);
    if (word) {
      const lower = word[0].toLowerCase();
      const next = expression.slice(i + word[0].length).trimStart();
      if (next.startsWith('(') && FUNCTIONS.has(lower)) {
        out.push(`${lower}(`);
        pendingCall = true;
      } else if (KEYWORDS.has(lower)) out.push(lower.toUpperCase());
      else if (fieldCodes.has(word[0])) {
        references.add(word[0]);
        out.push(`"${word[0]}"`);
      } else if (next.startsWith('('))
        return fail(`Function '${word[0]}' is not allowed in a computed field`);
      else return fail(`Unknown field '${word[0]}' in the expression`);
      i += word[0].length;
      continue;
    }
    const op = OPERATORS.find((o) => rest.startsWith(o));
    if (op && !rest.startsWith('--')) {
      if (op === '(') depth++;
      // A function name already carries its opening parenthesis.
      if (op === '(' && pendingCall) {
        pendingCall = false;
        i += 1;
        continue;
      }
      if (op === ')' && --depth < 0) return fail('Unbalanced parentheses');
      out.push(op === '!=' ? '<>' : op);
      i += op.length;
      continue;
    }
    return fail(`Unexpected '${rest[0]}' at position ${i + 1}`);
  }
  if (depth !== 0) return fail('Unbalanced parentheses');
  if (out.length === 0) return fail('The expression is empty');
  return {
    ok: true,
    sql: out.join(' ').replace(/\( /g, '(').replace(/ \)/g, ')').replace(/ ,/g, ','),
    references: [...references],
  };
}
