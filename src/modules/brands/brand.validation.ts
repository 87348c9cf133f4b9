import { ValidationError } from '../../shared/domain-error';
import { isIanaTimeZone, Problems } from '../../shared/validate';
import { MAX_SLUG, SLUG } from './brand-slug';
import type { BrandFilter, CreateBrandInput, UpdateBrandInput } from './brand.types';

export function validateBrandInput(
  input: CreateBrandInput | UpdateBrandInput,
  creating: boolean,
): void {
  const problems = new Problems();
  problems.text('name', input.name, 200, creating);
  if (input.name !== undefined && input.name !== null && input.name.trim() === '' && !creating) {
    problems.add('name', 'must not be blank');
  }
  if (input.slug !== undefined && input.slug !== null) {
    if (input.slug.length > MAX_SLUG || !SLUG.test(input.slug)) {
      problems.add(
        'slug',
        'must be lowercase letters, digits and single dashes, at most 100 characters',
      );
    }
  }
  if (input.timezone !== undefined && input.timezone !== null && !isIanaTimeZone(input.timezone)) {
    problems.add(
      'timezone',
      `"${input.timezone.slice(0, 64)}" is not an IANA time zone (e.g. Europe/Paris)`,
    );
  }
  const target = input.responseTargetMinutes;
  if (
    target !== undefined &&
    target !== null &&
    (!Number.isInteger(target) || target < 1 || target > 10_080)
  ) {
    problems.add('responseTargetMinutes', 'must be a whole number from 1 to 10080 (one week)');
  }
  if (problems.list.length) throw new ValidationError(problems.list);
}

export const MAX_SEARCH = 100;

/**
 * The ILIKE pattern of `filter.search` (null: no filter), its wildcards
 * escaped so that `50%` or `a_b` match themselves. Case folding beyond ASCII
 * follows the database's LC_CTYPE (C.UTF-8 or a language locale fold every
 * script; a plain "C" database folds ASCII only).
 */
export function searchPattern(filter: BrandFilter | null | undefined): string | null {
  const search = filter?.search?.trim();
  if (!search) return null;
  if (search.length > MAX_SEARCH) {
    throw new ValidationError([
      { field: 'filter.search', reason: `at most ${MAX_SEARCH} characters` },
    ]);
  }
  return `%${search.replace(/[\\%_]/g, '\\$&')}%`;
}

/** Exactly one of `brand(id:)` and `brand(slug:)`. */
export function assertOneBrandKey(
  id: string | null | undefined,
  slug: string | null | undefined,
): void {
  if ((id == null) === (slug == null)) {
    throw new ValidationError([
      id == null
        ? { field: 'id', reason: 'give id or slug' }
        : { field: 'slug', reason: 'give id or slug, not both' },
    ]);
  }
}
