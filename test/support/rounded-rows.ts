/**
 * Rows made comparable across two computations of the same sums: numbers to 9
 * decimals (counts stay exact), because a double-precision sum taken over the
 * same rows in another order may differ in its last bit (CI met
 * 1.6285317629153722 against 1.628531762915372).
 */
export const roundedRow = (row: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(
    Object.entries(row).map(([k, v]) => [k, typeof v === 'number' ? Number(v.toFixed(9)) : v]),
  );

export const rounded = (rows: Record<string, unknown>[]) => rows.map(roundedRow);
