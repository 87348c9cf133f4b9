import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A brand's data version: bumped in every write transaction that changes
 * what its reports are computed from (see bumpDataVersions), so a cached
 * report is current exactly when its version is the brand's.
 */
export class BrandDataVersion1795480000000 implements MigrationInterface {
  name = 'BrandDataVersion1795480000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE brands ADD COLUMN data_version bigint NOT NULL DEFAULT 0`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE brands DROP COLUMN data_version`);
  }
}
