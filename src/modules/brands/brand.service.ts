import type { EntityManager } from 'typeorm';
import { findOrNull, type Scope, type WriteScope } from '../../db/scope';
import { toConnection, type Connection } from '../../shared/connection';
import { CursorScope } from '../../shared/cursor';
import { ConflictError, NotFoundError } from '../../shared/domain-error';
import { isUuid } from '../../shared/validate';
import { BrandEntity } from './brand.entity';
import { brandSelectList } from './brand-columns';
import {
  BrandOrderField,
  OrderDirection,
  type Brand,
  type BrandFilter,
  type BrandOrder,
  type CreateBrandInput,
  type UpdateBrandInput,
} from './brand.types';
import { MAX_SLUG, nextSlug, randomSlug, slugify } from './brand-slug';
import { searchPattern, validateBrandInput } from './brand.validation';

const UNIQUE_VIOLATION = '23505';
/** Tries of a derived slug: itself, `-N` from what is taken, and a random suffix last. */
const SLUG_ATTEMPTS = 4;

export class BrandService {
  async create(scope: WriteScope, input: CreateBrandInput): Promise<BrandEntity> {
    validateBrandInput(input, true);
    const brand = scope.manager.create(BrandEntity, {
      workspaceId: scope.workspaceId,
      name: input.name.trim(),
      slug: input.slug ?? slugify(input.name),
      timezone: input.timezone ?? 'UTC',
      responseTargetMinutes: input.responseTargetMinutes ?? 60,
    });
    // a slug the caller chose is theirs or a CONFLICT; a derived one moves aside
    if (input.slug != null) return this.saveUniqueSlug(scope.manager, brand);
    return this.insertWithFreeSlug(scope.manager, brand);
  }

  async update(scope: WriteScope, id: string, input: UpdateBrandInput): Promise<BrandEntity> {
    validateBrandInput(input, false);
    const brand = await this.require(scope, id, true);
    const rollupsChange =
      (input.timezone != null && input.timezone !== brand.timezone) ||
      (input.responseTargetMinutes != null &&
        input.responseTargetMinutes !== brand.responseTargetMinutes);
    if (input.name != null) brand.name = input.name.trim();
    if (input.slug != null) brand.slug = input.slug;
    if (input.timezone != null) brand.timezone = input.timezone;
    if (input.responseTargetMinutes != null)
      brand.responseTargetMinutes = input.responseTargetMinutes;
    const saved = await this.saveUniqueSlug(scope.manager, brand);
    // local days and response timeliness depend on these: the rollups are rebuilt before commit
    if (rollupsChange) scope.changes.rebuild(brand.id);
    return saved;
  }

  async find(scope: Scope, id: string): Promise<BrandEntity | null> {
    return findOrNull(scope, BrandEntity, id);
  }

  async findBySlug(scope: Scope, slug: string): Promise<BrandEntity | null> {
    if (slug.length > MAX_SLUG) return null;
    return scope.manager.findOneBy(BrandEntity, { slug, workspaceId: scope.workspaceId });
  }

  /** The brand, locked for writing when `forWrite` (serialises a brand's writers). */
  async require(scope: Scope, id: string, forWrite = false): Promise<BrandEntity> {
    if (!isUuid(id)) throw new NotFoundError('Brand', id);
    const query = scope.manager
      .createQueryBuilder(BrandEntity, 'b')
      .where('b.id = :id AND b.workspace_id = :workspaceId', {
        id,
        workspaceId: scope.workspaceId,
      });
    if (forWrite) query.setLock('for_no_key_update');
    const brand = await query.getOne();
    if (!brand) throw new NotFoundError('Brand', id);
    return brand;
  }

  /**
   * A page of brands as plain rows with the columns `fields` need (all when
   * not told; see brand-columns.ts), in one statement; the total is counted
   * only if the connection's `totalCount` is resolved (`count`).
   */
  async list(
    scope: Scope,
    first: number,
    after: string | null | undefined,
    order: BrandOrder | null | undefined,
    filter?: BrandFilter | null,
    fields?: ReadonlySet<string>,
    count: (() => Promise<number>) | null = null,
  ): Promise<Connection<Brand>> {
    const search = searchPattern(filter);
    const field = order?.field ?? BrandOrderField.CREATED_AT;
    const descending = order?.direction === OrderDirection.DESC;
    const byName = field === BrandOrderField.NAME;
    const column = byName ? 'b.name' : 'b.created_at'; // ENGAGEMENT_SCORE: see EngagementService.ranking
    const cursors = new CursorScope('brands', field, descending, { search });
    const cursor = cursors.decode(after, [byName ? 'text' : 'time', 'uuid']);
    const params: unknown[] = [scope.workspaceId];
    const where = ['b.workspace_id = $1'];
    if (search)
      where.push(`(b.name ILIKE $${params.push(search)} OR b.slug ILIKE $${params.length})`);
    if (cursor) {
      const [value, id] = cursor;
      const at = params.push(byName ? value : new Date(value as string));
      where.push(`(${column}, b.id) ${descending ? '<' : '>'} ($${at}, $${params.push(id)})`);
    }
    const direction = descending ? 'DESC' : 'ASC';
    const rows: Brand[] = await scope.manager.query(
      `SELECT ${brandSelectList(fields, byName ? 'name' : 'createdAt')} FROM brands b
        WHERE ${where.join(' AND ')}
        ORDER BY ${column} ${direction}, b.id ${direction} LIMIT $${params.push(first + 1)}`,
      params,
    );
    return toConnection(
      rows,
      first,
      count ?? (() => this.count(scope, filter)),
      cursor !== null,
      (b) => cursors.encode([byName ? b.name : b.createdAt.toISOString(), b.id]),
    );
  }

  /** The brands a list with `filter` would page through. */
  async count(scope: Scope, filter?: BrandFilter | null): Promise<number> {
    const search = searchPattern(filter);
    const [row]: { n: number }[] = await scope.manager.query(
      `SELECT count(*)::int AS n FROM brands b WHERE b.workspace_id = $1${
        search ? ' AND (b.name ILIKE $2 OR b.slug ILIKE $2)' : ''
      }`,
      search ? [scope.workspaceId, search] : [scope.workspaceId],
    );
    return row!.n;
  }

  /**
   * Inserts with the derived slug, else `slug-2`, `slug-3`, …: each try is an
   * INSERT … ON CONFLICT (workspace_id, slug) DO NOTHING, so a concurrent
   * creator taking the same slug (the unique index decides) costs a retry,
   * never an error that would abort the transaction.
   */
  private async insertWithFreeSlug(
    manager: EntityManager,
    brand: BrandEntity,
  ): Promise<BrandEntity> {
    const base = brand.slug;
    for (let attempt = 0; attempt < SLUG_ATTEMPTS; attempt++) {
      if (attempt === SLUG_ATTEMPTS - 1) brand.slug = randomSlug(base);
      else if (attempt > 0) {
        const taken: { slug: string }[] = await manager.query(
          'SELECT slug FROM brands WHERE workspace_id = $1 AND slug LIKE $2',
          [brand.workspaceId, `${base}-%`], // a slug has no LIKE wildcards
        );
        brand.slug = nextSlug(
          base,
          taken.map((row) => row.slug),
        );
      }
      const result = await manager
        .createQueryBuilder()
        .insert()
        .into(BrandEntity)
        .values(brand)
        .orUpdate([], ['workspace_id', 'slug'])
        .execute();
      if ((result.raw as unknown[]).length > 0) return brand;
    }
    throw new ConflictError('Could not find a free slug for this brand: give one', [
      { field: 'slug', reason: 'every derived slug tried was taken' },
    ]);
  }

  private async saveUniqueSlug(manager: EntityManager, brand: BrandEntity): Promise<BrandEntity> {
    try {
      return await manager.save(brand);
    } catch (error) {
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) {
        throw new ConflictError(
          `A brand with the slug "${brand.slug}" already exists in this workspace`,
          [{ field: 'slug', reason: 'is already taken' }],
        );
      }
      throw error;
    }
  }
}
