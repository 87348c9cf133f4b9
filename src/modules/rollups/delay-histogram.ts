/**
 * First-response delays rolled up as a log-scale histogram (sparse jsonb:
 * bucket → count). Bucket 0 holds delays under one second; bucket b ≥ 1
 * holds [1.05^(b−1), 1.05^b) seconds, up to bucket 500 (far beyond any delay).
 * A bucket stands for its geometric middle 1.05^(b−½) s, within 2.5 % of
 * every delay in it; bucket 0 stands for 0 (absolute error under 1 s).
 * Percentiles interpolate between bucket values like percentile_cont, so
 * they inherit that bound: relative error ≤ 2.5 % for delays of a second or more.
 */
export const GROWTH = 1.05;
export const MAX_BUCKET = 500;

/** The SQL expression of a delay's bucket (`minutes` ≥ 0). */
export function bucketSql(minutes: string): string {
  return `CASE WHEN ${minutes} * 60 < 1 THEN 0 ELSE least(1 + floor(ln(${minutes} * 60) / ln(${GROWTH}))::int, ${MAX_BUCKET}) END`;
}

/** The delay in minutes a bucket stands for. */
export function bucketValue(bucket: number): number {
  return bucket === 0 ? 0 : GROWTH ** (bucket - 0.5) / 60;
}

/** A percentile (0–1) of a histogram, interpolated between bucket values like percentile_cont; null when empty. */
export function histogramPercentile(histogram: Record<string, number>, q: number): number | null {
  const buckets = Object.entries(histogram)
    .map(([b, n]) => [Number(b), n] as const)
    .filter(([, n]) => n > 0)
    .sort((a, b) => a[0] - b[0]);
  const total = buckets.reduce((s, [, n]) => s + n, 0);
  if (total === 0) return null;
  const valueAt = (rank: number) => {
    let seen = 0;
    for (const [b, n] of buckets) {
      seen += n;
      if (rank < seen) return bucketValue(b);
    }
    return bucketValue(buckets[buckets.length - 1]![0]);
  };
  const position = q * (total - 1);
  const lo = Math.floor(position);
  const below = valueAt(lo);
  return below + (position - lo) * (valueAt(Math.min(lo + 1, total - 1)) - below);
}
