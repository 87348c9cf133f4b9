import type { ImportProgress, ImportSummary, RejectionReason } from './importer';

const n = (x: number) => x.toLocaleString('en-US');

/** A progress line for terminals: items, items/s. */
export function progressLine(p: ImportProgress): string {
  const rate = p.seconds > 0 ? Math.round(p.items / p.seconds) : 0;
  return `  ${n(p.items)} items read, ${n(p.rejected)} rejected, ${n(rate)} items/s`;
}

/** The end-of-import summary, one line per brand, then the reasons for rejections. */
export function summaryText(summary: ImportSummary): string {
  const lines: string[] = [];
  const rows = summary.brands.map(
    (b) => [b.slug, b.inserted, b.updated, b.unchanged, b.rejected] as const,
  );
  const width = Math.max(5, ...rows.map((r) => r[0].length));
  lines.push(
    `${'brand'.padEnd(width)}  ${['inserted', 'updated', 'unchanged', 'rejected'].map((h) => h.padStart(9)).join(' ')}`,
  );
  for (const [slug, ...counts] of rows)
    lines.push(`${slug.padEnd(width)}  ${counts.map((c) => n(c).padStart(9)).join(' ')}`);
  const total = (k: 'inserted' | 'updated' | 'unchanged' | 'rejected') =>
    summary.brands.reduce((s, b) => s + b[k], 0);
  lines.push(
    `${'total'.padEnd(width)}  ${[total('inserted'), total('updated'), total('unchanged'), total('rejected')].map((c) => n(c).padStart(9)).join(' ')}`,
  );
  const reasons = (label: string, list: RejectionReason[]) => {
    for (const r of list)
      lines.push(
        `  ${label}: ${n(r.count)} × ${r.reason} (lines ${r.lines.join(', ')}${r.count > r.lines.length ? ', …' : ''})`,
      );
  };
  for (const b of summary.brands) reasons(`rejected in ${b.slug}`, b.reasons);
  if (summary.unmapped.count) {
    lines.push(`${n(summary.unmapped.count)} line(s) mapped to no brand:`);
    reasons('unmapped', summary.unmapped.reasons);
  }
  lines.push(`${n(summary.items)} items read in ${summary.seconds.toFixed(1)} s`);
  return lines.join('\n');
}
