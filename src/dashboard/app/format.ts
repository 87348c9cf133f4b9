/** Numbers for people: one decimal for scores and percentages, durations as "2.8 h". */
const DASH = '—';
const missing = (x: number | null | undefined): x is null | undefined =>
  x === null || x === undefined || !Number.isFinite(x);

export function score(x: number | null | undefined): string {
  return missing(x) ? DASH : x.toFixed(1);
}

/** A share in [0, 1] as a percentage. */
export function percent(x: number | null | undefined): string {
  return missing(x) ? DASH : `${(x * 100).toFixed(1)} %`;
}

export function count(x: number | null | undefined): string {
  return missing(x) ? DASH : Math.round(x).toLocaleString('en-US');
}

/** A signed change, "+2.4" / "−1.0" / "±0.0"; a dash without a previous value. */
export function change(now: number | null | undefined, before: number | null | undefined): string {
  if (missing(now) || missing(before)) return DASH;
  const d = Math.round((now - before) * 10) / 10;
  if (d === 0) return '±0.0';
  return `${d > 0 ? '+' : '−'}${Math.abs(d).toFixed(1)}`;
}

const UNITS: [number, string][] = [
  [525_600, 'y'],
  [1_440, 'd'],
  [60, 'h'],
  [1, 'min'],
];

/** Minutes as "45 min", "2.8 h", "3.1 d", "1.2 y" (the largest unit reaching 1; below 1 min: "< 1 min"). */
export function duration(minutes: number | null | undefined): string {
  if (missing(minutes)) return DASH;
  if (minutes < 1) return minutes <= 0 ? '0 min' : '< 1 min';
  const [size, unit] = UNITS.find(([s]) => minutes >= s)!;
  const v = minutes / size;
  return unit === 'min' ? `${Math.round(v)} min` : `${v.toFixed(1)} ${unit}`;
}

/** The raw value for a hover title. */
export function raw(x: number | null | undefined): string {
  return missing(x) ? 'no value' : String(x);
}

const NAMES: Record<string, string> = {
  PRESS_AGENTRY: 'Press agentry',
  PUBLIC_INFORMATION: 'Public information',
  TWO_WAY_ASYMMETRICAL: 'Two-way asymmetrical',
  TWO_WAY_SYMMETRICAL: 'Two-way symmetrical',
  LISTENING: 'Listening',
  PROCESSING: 'Processing',
  INTERACTING: 'Interacting',
  BROADCASTING: 'Broadcasting',
  BROADCAST: 'Broadcast',
  INTERACTION: 'Interaction',
  ENGAGEMENT: 'Engagement',
};

/** An enum value as words ("TWO_WAY_SYMMETRICAL" → "Two-way symmetrical"). */
export function label(value: string | null | undefined): string {
  if (!value) return DASH;
  return NAMES[value] ?? value.charAt(0) + value.slice(1).toLowerCase().replace(/_/g, ' ');
}

/** A component name as words ("responseRate" → "response rate"). */
export function words(name: string): string {
  return name.replace(/([A-Z])/g, ' $1').toLowerCase();
}

/** A date-time as "2017-11-30 14:05" in a time zone. */
export function dateTime(iso: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const p = Object.fromEntries(parts.map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}
