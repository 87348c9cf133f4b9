import { In, type EntityManager } from 'typeorm';
import { NotFoundError, ValidationError } from '../../shared/domain-error';
import { isUuid, Problems } from '../../shared/validate';
import type { BrandService } from '../brands/brand.service';
import { AudienceEntity } from './audience.entity';
import type { CreateAudienceInput, UpdateAudienceInput } from './audience.types';

export class AudienceService {
  constructor(private readonly brands: BrandService) {}

  async create(
    manager: EntityManager,
    workspaceId: string,
    input: CreateAudienceInput,
  ): Promise<AudienceEntity> {
    validate(input, true);
    const brand = await this.brands.require(manager, workspaceId, input.brandId);
    const audience = manager.create(AudienceEntity, {
      brandId: brand.id,
      workspaceId,
      name: input.name.trim(),
      channel: input.channel,
      size: input.size ?? 0,
    });
    return manager.save(audience);
  }

  async update(
    manager: EntityManager,
    workspaceId: string,
    id: string,
    input: UpdateAudienceInput,
  ): Promise<AudienceEntity> {
    validate(input, false);
    const audience = await this.require(manager, workspaceId, id);
    if (input.name != null) audience.name = input.name.trim();
    if (input.channel != null) audience.channel = input.channel;
    if (input.size != null) audience.size = input.size;
    return manager.save(audience);
  }

  async require(manager: EntityManager, workspaceId: string, id: string): Promise<AudienceEntity> {
    const audience = isUuid(id)
      ? await manager.findOneBy(AudienceEntity, { id, workspaceId })
      : null;
    if (!audience) throw new NotFoundError('Audience', id);
    return audience;
  }

  /** Audiences of several brands at once (for a DataLoader), in name order. */
  async listByBrands(
    manager: EntityManager,
    workspaceId: string,
    brandIds: readonly string[],
  ): Promise<AudienceEntity[]> {
    return manager.find(AudienceEntity, {
      where: { workspaceId, brandId: In([...brandIds]) },
      order: { name: 'ASC', id: 'ASC' },
    });
  }

  /** Audiences by (brandId, id) keys (for a DataLoader). */
  async findByKeys(
    manager: EntityManager,
    workspaceId: string,
    keys: readonly { brandId: string; id: string }[],
  ): Promise<AudienceEntity[]> {
    return manager
      .createQueryBuilder(AudienceEntity, 'a')
      .where('a.workspace_id = :workspaceId', { workspaceId })
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
