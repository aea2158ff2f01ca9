import { describe, expect, it } from 'vitest';
import { csvField } from '../../http/csvField.js';

describe('csvField: spreadsheet formulas are shown as text (OWASP CSV injection)', () => {
  it.each([
    ['=1+1', `'=1+1`],
    ['+1', `'+1`],
    ['-1', `'-1`],
    ['@SUM(A1)', `'@SUM(A1)`],
    ['|calc', `'|calc`],
    [' =1+1', `' =1+1`],
    ['   @x', `'   @x`],
    ['\u00A0=1+1', `'\u00A0=1+1`],
    ['\uFEFF=1+1', `'\uFEFF=1+1`],
    ['\t=1+1', `'\t=1+1`],
    ['\tplain', `'\tplain`],
    ['\r=1+1', `"'\r=1+1"`],
    ['\n=1+1', `"'\n=1+1"`],
    ['\uFF1D1+1', `'\uFF1D1+1`],
    ['\uFF0B1', `'\uFF0B1`],
    ['\uFF0D1', `'\uFF0D1`],
    ['\uFF20x', `'\uFF20x`],
    ['\uFF5Ccalc', `'\uFF5Ccalc`],
    ['=HYPERLINK("http://evil.test","x")', `"'=HYPERLINK(""http://evil.test"",""x"")"`],
  ])('%j becomes %j', (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });

  it('leaves ordinary values alone and quotes per RFC 4180', () => {
    expect(csvField('ada@example.test')).toBe('ada@example.test');
    expect(csvField('Ada Lovelace')).toBe('Ada Lovelace');
    expect(csvField('a-b=c')).toBe('a-b=c');
    expect(csvField('Acme, Inc.')).toBe('"Acme, Inc."');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField(null)).toBe('');
    expect(csvField('')).toBe('');
  });
});
