/** Formula guards on exported cells, taken off again on import. */
import { describe, expect, it } from 'vitest';

import { csvCell, csvText } from './csv-cell';

describe('csvCell', () => {
  it('keeps a spreadsheet from running a text cell as a formula', () => {
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe('\'=HYPERLINK("http://x","y")');
    expect(csvCell('+1+2')).toBe("'+1+2");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\t=1')).toBe("'\t=1");
    expect(csvCell("'=1")).toBe("''=1");
  });

  it('writes numbers, plain text and values as they are', () => {
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell('-12.50')).toBe('-12.50');
    expect(csvCell('Ada')).toBe('Ada');
    expect(csvCell("'quoted")).toBe("'quoted");
    expect(csvCell(true)).toBe('true');
    expect(csvCell(null)).toBe('');
    expect(csvCell(['a', 'b'])).toBe('["a","b"]');
  });

  it('gives back on import exactly what was exported', () => {
    for (const value of [
      '=1+1',
      '+x',
      '-2+3',
      '-5',
      '@me',
      '\ttab',
      '\rcr',
      "'=1",
      "''+x",
      "'plain",
      'plain',
      "'",
      '',
    ])
      expect(csvText(csvCell(value))).toBe(value);
  });
});
