const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** UTC time from calendar fields, or null when a field is out of range (no Feb 30 → Mar 1). */
function utc(
  year: number,
  month: number,
  day: number,
  h: number,
  m: number,
  s: number,
): number | null {
  const t = Date.UTC(year, month, day, h, m, s);
  const d = new Date(t);
  const same =
    d.getUTCFullYear() === year &&
    d.getUTCMonth() === month &&
    d.getUTCDate() === day &&
    d.getUTCHours() === h &&
    d.getUTCMinutes() === m &&
    d.getUTCSeconds() === s;
  return same ? t : null;
}

/** Twitter's `Tue Oct 31 22:10:47 +0000 2017`. */
export function parseTwitterDate(text: string): Date | null {
  const m = /^\w{3} (\w{3}) (\d{1,2}) (\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2}) (\d{4})$/.exec(
    text.trim(),
  );
  if (!m) return null;
  const month = MONTHS.indexOf(m[1]!);
  const t = month < 0 ? null : utc(+m[9]!, month, +m[2]!, +m[3]!, +m[4]!, +m[5]!);
  if (t === null) return null;
  const offsetMinutes = (m[6] === '-' ? -1 : 1) * (+m[7]! * 60 + +m[8]!);
  return new Date(t - offsetMinutes * 60_000);
}

/** `2024-07-27 19:33:32`, read as UTC. */
export function parseUtcDateTime(text: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const t = utc(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
  return t === null ? null : new Date(t);
}
