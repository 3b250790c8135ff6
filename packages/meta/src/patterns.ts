/**
 * Validation patterns run in linear time, wherever they run (the runtime, the console's
 * forms, generated code): they are RE2 expressions, matched by RE2's automaton (`re2js`, which
 * also loads in a browser), never by a backtracking engine. A pattern RE2 cannot run in linear
 * time (backreferences, lookahead and lookbehind) is refused when it is saved, with a message
 * that says so. Matching is JavaScript's `test`: anywhere in the value unless anchored.
 */
import { RE2JS } from 're2js';

export const MAX_PATTERN_LENGTH = 500;

const UNSUPPORTED: [RegExp, string][] = [
  [/\(\?<?[=!]/, 'lookahead and lookbehind ((?=…), (?!…), (?<=…), (?<!…))'],
  [/\\[1-9]|\\k</, 'backreferences (\\1, \\k<name>)'],
];

/** Why `pattern` cannot be a validation pattern, or null when it can. */
export function patternProblem(pattern: string): string | null {
  if (pattern.length > MAX_PATTERN_LENGTH)
    return `A pattern has at most ${MAX_PATTERN_LENGTH} characters`;
  try {
    compiled(pattern);
    return null;
  } catch (error) {
    const unsupported = UNSUPPORTED.find(([shape]) => shape.test(pattern));
    if (unsupported)
      return `Patterns run in linear time (RE2 syntax), which has no ${unsupported[1]}`;
    const detail =
      error instanceof Error ? error.message.replace(/^error parsing regexp: /, '') : '';
    return `Not a valid pattern${detail ? `: ${detail}` : ''}`;
  }
}

const cache = new Map<string, RE2JS>();
const MAX_CACHED = 1000;

function compiled(pattern: string): RE2JS {
  let re = cache.get(pattern);
  if (!re) {
    re = RE2JS.compile(pattern);
    if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
    cache.set(pattern, re);
  }
  return re;
}

/**
 * Whether `value` matches `pattern` somewhere (as `RegExp.prototype.test` would), in time
 * linear in the value. A pattern that does not compile matches nothing.
 */
export function matchesPattern(pattern: string, value: string): boolean {
  try {
    return compiled(pattern).test(value);
  } catch {
    return false;
  }
}
