import { findInScope, type Scope, type WriteScope } from '../../db/scope';
import { ValidationError } from '../../shared/domain-error';
import { Problems } from '../../shared/validate';
import type { BrandService } from '../brands/brand.service';
import { AudienceEntity } from './audience.entity';
import type { Audience, CreateAudienceInput, UpdateAudienceInput } from './audience.types';

export class AudienceService {
  constructor(private readonly brands: BrandService) {}

  async create(scope: WriteScope, input: CreateAudienceInput): Promise<AudienceEntity> {
    validate(input, true);
    const brand = await this.brands.require(scope, input.brandId);
    const audience = scope.manager.create(AudienceEntity, {
      brandId: brand.id,
      workspaceId: scope.workspaceId,
      name: input.name.trim(),
      channel: input.channel,
      size: input.size ?? 0,
    });
    return scope.manager.save(audience);
  }

  async update(scope: WriteScope, id: string, input: UpdateAudienceInput): Promise<AudienceEntity> {
    validate(input, false);
    const audience = await findInScope(scope, AudienceEntity, 'Audience', id);
    if (input.name != null) audience.name = input.name.trim();
    if (input.channel != null) audience.channel = input.channel;
    if (input.size != null) audience.size = input.size;
    return scope.manager.save(audience);
  }

  /** Audiences of several brands at once (for a DataLoader), in name order. */
  async listByBrands(scope: Scope, brandIds: readonly string[]): Promise<Audience[]> {
    // plain rows in one statement: no entities built for a read
    return scope.manager.query(
      `SELECT a.id, a.brand_id AS "brandId", a.name, a.channel, a.size,
              a.created_at AS "createdAt", a.updated_at AS "updatedAt"
         FROM audiences a
        WHERE a.workspace_id = $1 AND a.brand_id = ANY($2::uuid[])
        ORDER BY a.name, a.id`,
      [scope.workspaceId, [...brandIds]],
    );
  }

  /** Audiences by (brandId, id) keys (for a DataLoader). */
  async findByKeys(
    scope: Scope,
    keys: readonly { brandId: string; id: string }[],
  ): Promise<AudienceEntity[]> {
    return scope.manager
      .createQueryBuilder(AudienceEntity, 'a')
      .where('a.workspace_id = :workspaceId', { workspaceId: scope.workspaceId })
      .andWhere('(a.brand_id, a.id) IN (SELECT * FROM unnest(:brandIds::uuid[], :ids::uuid[]))', {
        brandIds: keys.map((k) => k.brandId),
        ids: keys.map((k) => k.id),
      })
      .getMany();
  }
}

function validate(input: CreateAudienceInput | UpdateAudienceInput, creating: boolean): void {
  const problems = new Problems();
  problems.text('name', input.name, 200, creating);
  if (!creating && input.name != null && input.name.trim() === '')
    problems.add('name', 'must not be blank');
  problems.count('size', input.size);
  if (problems.list.length) throw new ValidationError(problems.list);
}
