import { InitialSchema1795374382494 } from './1795374382494-InitialSchema';

/**
 * Every migration, oldest first. A new one (`npm run migration:generate -- migrations/Name`)
 * is added here too; a unit test fails when a file of this folder is missing.
 */
export const migrations = [InitialSchema1795374382494];
