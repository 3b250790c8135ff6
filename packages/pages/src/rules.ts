/**
 * The amis validation rule generated pages name for a field's pattern. The console registers
 * it with `@tessera/meta`'s linear-time matcher: amis's own `matchRegexp` would run the pattern
 * as a backtracking JavaScript RegExp in the browser. Loads in a browser.
 */
export const PATTERN_RULE = 'tesseraPattern';
export const PATTERN_MESSAGE = 'Does not match the required format';
