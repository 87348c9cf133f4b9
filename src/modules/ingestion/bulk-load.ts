import type { WriteScope } from '../../db/scope';
import { DomainError } from '../../shared/domain-error';
import type { ImportEvent } from './interchange-event';
import {
  type BulkIngestion,
  parsedProblem,
  type BulkLine,
  type LineProblem,
  type RejectedLine,
} from './bulk-ingestion';

export interface BulkLoadSummary {
  inserted: number;
  updated: number;
  unchanged: number;
  /** The rejected lines, in order (the first `maxListed`; rejectedCount has them all). */
  rejected: RejectedLine[];
  rejectedCount: number;
}

export interface BulkLoadOptions {
  /** Lines per chunk: each chunk is one transaction. */
  chunkLines: number;
  /** Called before each chunk is written with its number of lines; throws to stop (rate limit). */
  beforeChunk?: (lines: number) => Promise<void>;
  /** Rejected lines listed in the answer at most (the rest are counted). */
  maxListed?: number;
}

/** What was committed when a load stopped: lines before `nextLine` are in. */
export interface BulkProgress {
  inserted: number;
  updated: number;
  unchanged: number;
  rejectedCount: number;
  nextLine: number;
}

type Event = ImportEvent;

/**
 * One bulk load (one POST /ingest): reads events as they stream in and
 * writes them chunk by chunk, each chunk in its own transaction, so memory
 * stays that of one chunk whatever the size of the load. A chunk ends early
 * before a line that repeats the external id of a line of the same chunk:
 * the repeat is then merged as a replay, exactly as if sent later.
 */
export class BulkLoad {
  private readonly slugs = new Map<string, string | null>();
  private readonly summary: BulkLoadSummary = {
    inserted: 0,
    updated: 0,
    unchanged: 0,
    rejected: [],
    rejectedCount: 0,
  };
  private nextLine = 1;

  constructor(
    private readonly bulk: BulkIngestion,
    private readonly write: <T>(work: (scope: WriteScope) => Promise<T>) => Promise<T>,
    private readonly options: BulkLoadOptions,
  ) {}

  async run(events: AsyncIterable<Event>): Promise<BulkLoadSummary> {
    let chunk: Event[] = [];
    const keys = new Set<string>();
    try {
      for await (const event of events) {
        const key = keyOf(event);
        if (chunk.length >= this.options.chunkLines || (key !== null && keys.has(key))) {
          await this.flush(chunk);
          chunk = [];
          keys.clear();
        }
        chunk.push(event);
        if (key !== null) keys.add(key);
      }
      await this.flush(chunk);
    } catch (error) {
      throw withProgress(error, this.progress());
    }
    return this.summary;
  }

  progress(): BulkProgress {
    const { inserted, updated, unchanged, rejectedCount } = this.summary;
    return { inserted, updated, unchanged, rejectedCount, nextLine: this.nextLine };
  }

  private async flush(chunk: Event[]): Promise<void> {
    if (chunk.length === 0) return;
    await this.options.beforeChunk?.(chunk.length);
    const result = await this.write(async (scope) => {
      await this.resolveSlugs(scope, chunk);
      const rejected: RejectedLine[] = [];
      const lines: BulkLine[] = [];
      for (const e of chunk) {
        if (e.type === 'activity' || e.type === 'feedback') {
          const brandId = this.slugs.get(e.brand.slug) ?? null;
          if (brandId)
            lines.push({ type: e.type, line: e.line, brandId, input: e.input } as BulkLine);
          else rejected.push({ line: e.line, problems: [noBrand(e.brand.slug)] });
        } else {
          rejected.push({ line: e.line, problems: [parsedProblem(e.reason)] });
        }
      }
      const written = await this.bulk.ingestChunk(scope, lines);
      return { ...written, rejected: [...rejected, ...written.rejected] };
    });
    this.summary.inserted += result.inserted;
    this.summary.updated += result.updated;
    this.summary.unchanged += result.unchanged;
    this.summary.rejectedCount += result.rejected.length;
    const room = (this.options.maxListed ?? 1000) - this.summary.rejected.length;
    if (room > 0)
      this.summary.rejected.push(...result.rejected.sort((a, b) => a.line - b.line).slice(0, room));
    this.nextLine = chunk[chunk.length - 1]!.line + 1;
  }

  /** Brand slugs → ids in the caller's workspace (row-level security), once per load. */
  private async resolveSlugs(scope: WriteScope, chunk: Event[]): Promise<void> {
    const unknown = new Set<string>();
    for (const e of chunk)
      if ((e.type === 'activity' || e.type === 'feedback') && !this.slugs.has(e.brand.slug))
        unknown.add(e.brand.slug);
    if (unknown.size === 0) return;
    const rows: { id: string; slug: string }[] = await scope.manager.query(
      'SELECT id, slug FROM brands WHERE workspace_id = $1 AND slug = ANY($2::text[])',
      [scope.workspaceId, [...unknown]],
    );
    for (const slug of unknown) this.slugs.set(slug, null);
    for (const r of rows) this.slugs.set(r.slug, r.id);
  }
}

function keyOf(event: Event): string | null {
  if (event.type !== 'activity' && event.type !== 'feedback') return null;
  const ext = event.input.externalId;
  return ext == null ? null : `${event.type}\u0000${event.brand.slug}\u0000${ext}`;
}

function noBrand(slug: string): LineProblem {
  return {
    field: 'brand',
    reason: `no brand with the slug "${slug.slice(0, 100)}" in this workspace`,
  };
}

/** The error that stopped a load, carrying what was committed before it. */
export class BulkLoadStopped extends Error {
  constructor(
    override readonly cause: unknown,
    readonly progress: BulkProgress,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}

function withProgress(error: unknown, progress: BulkProgress): unknown {
  if (error instanceof DomainError) {
    Object.assign(error.details, progress);
    return error;
  }
  return new BulkLoadStopped(error, progress);
}
