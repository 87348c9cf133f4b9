import { csvCell } from './csv-cell';

describe('csvCell', () => {
  it.each<[unknown, string]>([
    // formulas in text are neutralised (OWASP: prefix ')
    [
      '=HYPERLINK("http://evil.example","click")',
      `"'=HYPERLINK(""http://evil.example"",""click"")"`,
    ],
    ['@SUM(A1:A9)', "'@SUM(A1:A9)"],
    ["+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"],
    ['-2+3', "'-2+3"],
    ['\tTab', "'\tTab"],
    ['\rReturn', `"'\rReturn"`],
    ['=1;=2', `"'=1;=2"`],
    // ordinary text, quoting only where needed
    ['Acme', 'Acme'],
    ['Acme, Inc.', '"Acme, Inc."'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['a=b', 'a=b'],
    ['', ''],
    // numbers, dates and nulls are not text: left intact
    [-0.25, '-0.25'],
    [0, '0'],
    [12, '12'],
    [new Date('2024-01-01T00:00:00Z'), '2024-01-01T00:00:00.000Z'],
    [null, ''],
    [undefined, ''],
  ])('%j → %s', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });
});
