import type { ImportProgress, ImportSummary, RejectionReason } from './importer';

const n = (x: number) => x.toLocaleString('en-US');
/** `1 line`, `2 lines`. */
const count = (x: number, noun: string) => `${n(x)} ${noun}${x === 1 ? '' : 's'}`;

/** A progress line for terminals: items, items/s. */
export function progressLine(p: ImportProgress): string {
  const rate = p.seconds > 0 ? Math.round(p.items / p.seconds) : 0;
  return `  ${count(p.items, 'item')} read, ${n(p.rejected)} rejected, ${n(rate)} items/s`;
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
    for (const r of list) {
      const more = r.count > r.lines.length ? ', …' : '';
      const which = `${r.count === 1 ? 'line' : 'lines'} ${r.lines.join(', ')}${more}`;
      lines.push(`  ${label}: ${n(r.count)} × ${r.reason} (${which})`);
    }
  };
  for (const b of summary.brands) reasons(`rejected in ${b.slug}`, b.reasons);
  if (summary.bad.count) {
    lines.push(`${count(summary.bad.count, 'bad line')} (could not be read):`);
    reasons('bad', summary.bad.reasons);
  }
  if (summary.unmapped.count) {
    lines.push(`${count(summary.unmapped.count, 'line')} mapped to no brand:`);
    reasons('unmapped', summary.unmapped.reasons);
  }
  lines.push(`${count(summary.items, 'item')} read in ${summary.seconds.toFixed(1)} s`);
  return lines.join('\n');
}

/** How an import went, for the exit status: every line in, some rejected, or none in. */
export function importOutcome(summaries: ImportSummary[]): 'complete' | 'partial' | 'nothing' {
  let written = 0;
  let refused = 0;
  for (const s of summaries) {
    for (const b of s.brands) {
      written += b.inserted + b.updated + b.unchanged;
      refused += b.rejected;
    }
    refused += s.unmapped.count + s.bad.count;
  }
  if (refused === 0) return 'complete';
  return written === 0 ? 'nothing' : 'partial';
}

/** Exit statuses, for scripts (README "Real data: seed and import"). */
export const IMPORT_EXIT = {
  /** Every line went in (inserted, updated or unchanged). */
  complete: 0,
  /** The import could not run: configuration, database, an unexpected error. */
  failed: 1,
  usage: 2,
  /** Some lines were rejected; the rest went in (the summary lists them). */
  partial: 3,
  /** Nothing went in: the file or the workspace was refused, or every line was rejected. */
  nothing: 4,
} as const;
