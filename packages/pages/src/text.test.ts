import { describe, expect, it } from 'vitest';

import { htmlText, plainText, shownText } from './text';

const HOSTILE = `a\\b $x \${1+1} <%= probe() %> <img src=x onerror="probe()"> & "q" 's {y} 50%`;

describe('model text for amis', () => {
  it('leaves plain names as they are', () => {
    expect(htmlText('Order line')).toBe('Order line');
    expect(plainText('New Order line')).toBe('New Order line');
  });

  it('writes everything a template or markup needs as entities where amis renders HTML', () => {
    const html = htmlText(HOSTILE);
    for (const c of ['<', '>', '$', '{', '}', '%', '\\', '"', "'"]) expect(html).not.toContain(c);
    expect(shownText(html)).toBe(HOSTILE);
  });

  it('escapes formulas where amis renders text, and keeps lodash from reading it', () => {
    const text = plainText(HOSTILE);
    // Every dollar and backslash of the text escaped; the one formula is the empty one at the end.
    expect(text.endsWith("${''}")).toBe(true);
    expect(text.slice(0, -"${''}".length)).toBe(
      'a\\\\b \\$x \\${1+1} <%= probe() %> <img src=x onerror="probe()"> & "q" \'s {y} 50%',
    );
    expect(plainText('Price in $')).toBe('Price in \\$');
  });

  it('decodes only what it encodes, and never past the last code point', () => {
    expect(shownText('&#60;b&#62; &lt;i&gt; &amp;amp; &#99999999;')).toBe(
      '<b> <i> &amp; &#99999999;',
    );
  });
});
