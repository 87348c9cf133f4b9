import { CreateDateColumn, UpdateDateColumn } from 'typeorm';

/** `created_at`, as every table spells it (millisecond precision, set by PostgreSQL). */
export const CreatedAtColumn = (): PropertyDecorator =>
  CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 });

/** `updated_at`, as every mutable table spells it. */
export const UpdatedAtColumn = (): PropertyDecorator =>
  UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 });
