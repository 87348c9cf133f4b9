import type { Scope, WriteScope } from '../../db/scope';
import { findOrNull } from '../../db/scope';
import { decodeCursor, encodeCursor, toConnection, type Connection } from '../../shared/connection';
import { ConflictError, NotFoundError } from '../../shared/domain-error';
import { isUuid } from '../../shared/validate';
import { BrandEntity } from './brand.entity';
import {
  BrandOrderField,
  OrderDirection,
  type BrandOrder,
  type CreateBrandInput,
  type UpdateBrandInput,
} from './brand.types';
import { slugify, validateBrandInput } from './brand.validation';

const UNIQUE_VIOLATION = '23505';

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
    return this.saveUniqueSlug(scope, brand);
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
    const saved = await this.saveUniqueSlug(scope, brand);
    // local days and response timeliness depend on these: the rollups are rebuilt before commit
    if (rollupsChange) scope.changes.rebuild(brand.id);
    return saved;
  }

  async find(scope: Scope, id: string): Promise<BrandEntity | null> {
    return findOrNull(scope, BrandEntity, id);
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

  async list(
    scope: Scope,
    first: number,
    after: string | null | undefined,
    order: BrandOrder | null | undefined,
  ): Promise<Connection<BrandEntity>> {
    const field = order?.field ?? BrandOrderField.CREATED_AT;
    const descending = order?.direction === OrderDirection.DESC;
    const column = field === BrandOrderField.NAME ? 'b.name' : 'b.created_at'; // ENGAGEMENT_SCORE: see EngagementService.ranking
    const cursor = decodeCursor(after, 2);
    const query = scope.manager
      .createQueryBuilder(BrandEntity, 'b')
      .where('b.workspace_id = :workspaceId', { workspaceId: scope.workspaceId });
    const total = await query.clone().getCount();
    if (cursor) {
      const [value, id] = cursor;
      const op = descending ? '<' : '>';
      query.andWhere(`(${column}, b.id) ${op} (:value, :id)`, {
        value: field === BrandOrderField.NAME ? String(value) : new Date(String(value)),
        id: isUuid(String(id)) ? String(id) : '00000000-0000-0000-0000-000000000000',
      });
    }
    const direction = descending ? 'DESC' : 'ASC';
    const rows = await query
      .orderBy(column, direction)
      .addOrderBy('b.id', direction)
      .limit(first + 1)
      .getMany();
    return toConnection(rows, first, total, cursor !== null, (b) =>
      encodeCursor([field === BrandOrderField.NAME ? b.name : b.createdAt.toISOString(), b.id]),
    );
  }

  private async saveUniqueSlug(scope: WriteScope, brand: BrandEntity): Promise<BrandEntity> {
    try {
      return await scope.manager.save(brand);
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
