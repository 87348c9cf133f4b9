import type { DataSource } from 'typeorm';
import type { Services } from '../../server/services';
import type { InteractionActivityInput } from '../activities/activity.types';
import { AudienceEntity } from '../audiences/audience.entity';
import { BrandEntity } from '../brands/brand.entity';
import type { InteractionFeedbackInput } from '../feedback/feedback.types';
import { MAX_CHUNK_LINES, type BulkLine } from '../ingestion/bulk-ingestion';
import type { BrandRef, ImportEvent } from '../ingestion/interchange-event';

/** Lines per brand and transaction (the bulk path's chunk, as POST /ingest). */
export const IMPORT_CHUNK_LINES = 5_000;

type Item = Extract<ImportEvent, { type: 'activity' | 'feedback' }>;

export interface RejectionReason {
  reason: string;
  count: number;
  /** The first few lines with this reason. */
  lines: number[];
}

export interface BrandImportSummary {
  slug: string;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  reasons: RejectionReason[];
}

export interface ImportSummary {
  items: number;
  brands: BrandImportSummary[];
  /** Well-formed lines that the format's rules give to no brand. */
  unmapped: { count: number; reasons: RejectionReason[] };
  /** Lines that could not be read (not JSON, an unreadable date…), of no known brand. */
  bad: { count: number; reasons: RejectionReason[] };
  seconds: number;
}

export interface ImportProgress {
  items: number;
  rejected: number;
  seconds: number;
}

interface BrandState {
  summary: BrandImportSummary;
  /** How to find (or create) the brand: the most complete reference seen. */
  ref: BrandRef;
  target?: Promise<{ brandId: string; audienceId: string | null } | null>;
  buffer: Item[];
  /** The external ids in the buffer (type:id). */
  keys: Set<string>;
  reasons: Map<string, RejectionReason>;
}

/**
 * Feeds import events to the bulk path of POST /ingest (the set-based merge
 * of recordInteractions), in process, per brand in chunks of
 * IMPORT_CHUNK_LINES, one transaction each: a rejected line is reported
 * (line, reason) and the others of its chunk are written.
 */
export class Importer {
  private readonly brands = new Map<string, BrandState>();
  private readonly unmapped = new Map<string, RejectionReason>();
  private readonly bad = new Map<string, RejectionReason>();
  private items = 0;
  private rejected = 0;
  private readonly started = Date.now();

  constructor(
    private readonly dataSource: DataSource,
    private readonly services: Pick<
      Services,
      'brands' | 'audiences' | 'bulkIngestion' | 'unitOfWork'
    >,
    private readonly workspaceId: string,
    private readonly options: { batchSize?: number; onProgress?: (p: ImportProgress) => void } = {},
  ) {}

  async run(events: AsyncIterable<ImportEvent>): Promise<ImportSummary> {
    const batchSize = Math.min(MAX_CHUNK_LINES, this.options.batchSize ?? IMPORT_CHUNK_LINES);
    for await (const event of events) {
      this.items++;
      if (event.type === 'unmapped') {
        note(this.unmapped, event.reason, event.line);
        continue;
      }
      if (event.type === 'rejected') {
        if (event.brandSlug === null) note(this.bad, event.reason, event.line);
        else this.reject(this.state({ slug: event.brandSlug }), event.line, event.reason);
        continue;
      }
      const state = this.state(event.brand);
      // a repeated external id starts a new chunk: it is merged as a replay, as if sent later
      const key = event.input.externalId == null ? null : `${event.type}:${event.input.externalId}`;
      if (key !== null && state.keys.has(key)) await this.flush(state);
      state.buffer.push(event);
      if (key !== null) state.keys.add(key);
      if (state.buffer.length >= batchSize) await this.flush(state);
    }
    for (const state of this.brands.values()) await this.flush(state);
    this.progress();
    return {
      items: this.items,
      brands: [...this.brands.values()]
        .map((s) => ({ ...s.summary, reasons: sorted(s.reasons) }))
        .sort((a, b) => a.slug.localeCompare(b.slug)),
      unmapped: { count: total(this.unmapped), reasons: sorted(this.unmapped) },
      bad: { count: total(this.bad), reasons: sorted(this.bad) },
      seconds: (Date.now() - this.started) / 1000,
    };
  }

  private state(ref: BrandRef): BrandState {
    let state = this.brands.get(ref.slug);
    if (!state) {
      state = {
        summary: {
          slug: ref.slug,
          inserted: 0,
          updated: 0,
          unchanged: 0,
          rejected: 0,
          reasons: [],
        },
        ref,
        buffer: [],
        keys: new Set(),
        reasons: new Map(),
      };
      this.brands.set(ref.slug, state);
    } else if (!state.ref.create && ref.create) {
      state.ref = ref;
    }
    return state;
  }

  /** The brand (created when the reference says how) and its import audience. */
  private async resolve(
    ref: BrandRef,
  ): Promise<{ brandId: string; audienceId: string | null } | null> {
    const uow = this.services.unitOfWork(this.dataSource, this.workspaceId);
    try {
      return await uow.write(async (scope) => {
        const m = scope.manager;
        let brand = await m.findOneBy(BrandEntity, {
          workspaceId: this.workspaceId,
          slug: ref.slug,
        });
        if (!brand && !ref.create) return null;
        brand ??= await this.services.brands.create(scope, {
          name: ref.create!.name,
          slug: ref.slug,
          timezone: ref.create!.timezone,
        });
        if (!ref.audience) return { brandId: brand.id, audienceId: null };
        const audience =
          (await m.findOneBy(AudienceEntity, { brandId: brand.id, name: ref.audience.name })) ??
          (await this.services.audiences.create(scope, {
            brandId: brand.id,
            name: ref.audience.name,
            channel: ref.audience.channel,
          }));
        return { brandId: brand.id, audienceId: audience.id };
      });
    } finally {
      await uow.close();
    }
  }

  private async flush(state: BrandState): Promise<void> {
    const items = state.buffer;
    state.buffer = [];
    state.keys.clear();
    if (items.length === 0) return;
    state.target ??= this.resolve(state.ref);
    const target = await state.target;
    if (!target) {
      for (const item of items)
        this.reject(
          state,
          item.line,
          `no brand with the slug "${state.summary.slug}" in this workspace`,
        );
      return;
    }
    const withAudience = <T extends InteractionActivityInput | InteractionFeedbackInput>(
      input: T,
    ): T =>
      input.audienceId == null && target.audienceId
        ? { ...input, audienceId: target.audienceId }
        : input;
    const lines = items.map(
      (i) =>
        ({
          type: i.type,
          line: i.line,
          brandId: target.brandId,
          input: withAudience(i.input),
        }) as BulkLine,
    );
    const uow = this.services.unitOfWork(this.dataSource, this.workspaceId);
    try {
      const result = await uow.write((scope) =>
        this.services.bulkIngestion.ingestChunk(scope, lines),
      );
      state.summary.inserted += result.inserted;
      state.summary.updated += result.updated;
      state.summary.unchanged += result.unchanged;
      for (const r of result.rejected) {
        const first = r.problems[0]!;
        this.reject(state, r.line, `${first.field}: ${first.reason}`);
      }
    } finally {
      await uow.close();
    }
    this.progress();
  }

  private reject(state: BrandState, line: number, reason: string): void {
    state.summary.rejected++;
    this.rejected++;
    note(state.reasons, reason, line);
  }

  private progress(): void {
    this.options.onProgress?.({
      items: this.items,
      rejected: this.rejected,
      seconds: (Date.now() - this.started) / 1000,
    });
  }
}

function note(reasons: Map<string, RejectionReason>, reason: string, line: number): void {
  const entry = reasons.get(reason) ?? { reason, count: 0, lines: [] };
  entry.count++;
  if (entry.lines.length < 5) entry.lines.push(line);
  reasons.set(reason, entry);
}

function total(reasons: Map<string, RejectionReason>): number {
  return [...reasons.values()].reduce((n, r) => n + r.count, 0);
}

function sorted(reasons: Map<string, RejectionReason>): RejectionReason[] {
  return [...reasons.values()].sort((a, b) => b.count - a.count);
}
