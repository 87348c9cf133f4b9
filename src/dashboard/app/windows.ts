/** Report windows: whole local days in a time zone, presets, defaults, granularity. */
export interface Span {
  from: string;
  to: string;
}

const DAY_MS = 86_400_000;

/** The zone's offset from UTC in ms at an instant. */
function offsetAt(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(instant));
  const p = Object.fromEntries(parts.map((x) => [x.type, Number(x.value)]));
  return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!) - instant;
}

/** The local date (YYYY-MM-DD) of an instant in a zone. */
export function localDate(instant: string | number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date(instant));
}

/** The instant of local midnight starting a date (YYYY-MM-DD) in a zone. */
export function midnight(date: string, timeZone: string): number {
  const [y, m, d] = date.split('-').map(Number);
  const guess = Date.UTC(y!, m! - 1, d!);
  let t = guess - offsetAt(guess, timeZone);
  t = guess - offsetAt(t, timeZone); // the offset at the result (DST days)
  return t;
}

/** A local date plus n days. */
export function addDays(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! + n)).toISOString().slice(0, 10);
}

/** The window of whole local days [first, last] (inclusive dates). */
export function days(first: string, last: string, timeZone: string): Span {
  return {
    from: new Date(midnight(first, timeZone)).toISOString(),
    to: new Date(midnight(addDays(last, 1), timeZone)).toISOString(),
  };
}

/**
 * The last `n` whole local days that end where the data ends (the data window's
 * end is a local midnight), not before the data starts when `clip` is set.
 */
export function lastDays(n: number, data: Span, timeZone: string, clip = false): Span {
  const last = addDays(localDate(Date.parse(data.to) - 1, timeZone), 0);
  let first = addDays(last, -(n - 1));
  const dataFirst = localDate(data.from, timeZone);
  if (clip && first < dataFirst) first = dataFirst;
  return days(first, last, timeZone);
}

/** The default: the latest 90 days that hold data. */
export function defaultWindow(data: Span | null, timeZone: string, now = Date.now()): Span {
  if (!data)
    return lastDays(
      90,
      { from: new Date(now).toISOString(), to: new Date(now).toISOString() },
      timeZone,
    );
  return lastDays(90, data, timeZone, true);
}

/** The window of the same length just before. */
export function previous(w: Span): Span {
  const from = Date.parse(w.from);
  const length = Date.parse(w.to) - from;
  return { from: new Date(from - length).toISOString(), to: w.from };
}

export type Granularity = 'DAY' | 'WEEK' | 'MONTH';

/** Days up to three months, weeks up to two years, months beyond. */
export function granularityFor(w: Span): Granularity {
  const d = (Date.parse(w.to) - Date.parse(w.from)) / DAY_MS;
  return d <= 93 ? 'DAY' : d <= 731 ? 'WEEK' : 'MONTH';
}

/** Whether two windows overlap. */
export function overlaps(a: Span, b: Span): boolean {
  return Date.parse(a.from) < Date.parse(b.to) && Date.parse(b.from) < Date.parse(a.to);
}

/** "2017-09-02 – 2017-11-30" (inclusive local dates). */
export function describe(w: Span, timeZone: string): string {
  return `${localDate(w.from, timeZone)} – ${localDate(Date.parse(w.to) - 1, timeZone)}`;
}
