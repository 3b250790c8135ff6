import { describe, expect, it } from 'vitest';

import { validateAmisPage } from './validate';

const validatePage = (page: unknown) => validateAmisPage(page).ok;

describe('validateAmisPage', () => {
  it('refuses what amis would not render (the validator is not a no-op)', () => {
    expect(validatePage({ type: 'page', body: [{ type: 'crud', columns: 'nope' }] })).toBe(false);
    expect(
      validatePage({ type: 'page', body: [{ type: 'input-number', name: 'x', precision: 'two' }] }),
    ).toBe(false);
    expect(
      validatePage({ type: 'page', body: [{ type: 'select', name: 'x', multiple: 'yes' }] }),
    ).toBe(false);
  });
});
