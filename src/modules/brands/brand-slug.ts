import { randomBytes } from 'node:crypto';
import { transliterate } from 'transliteration';

/** What a slug may be, given or derived: lowercase ASCII letters, digits and single dashes. */
export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const MAX_SLUG = 100;

/** Derived slugs leave room for a suffix (`-2`, …, or `-` and 8 hex digits) under MAX_SLUG. */
const MAX_BASE = 80;

/**
 * A readable slug for a brand name in any script: `Crème Brûlée & Co` →
 * `creme-brulee-co`, `Сбербанк` → `sberbank`, `하나은행` → `hanaeunhaeng`,
 * `みずほ銀行` → `mizuho-yin-xing` (kana by sound, Han characters by their
 * Mandarin reading: the library has no Japanese dictionary). A name with
 * nothing to transliterate (only emoji, say) gets `brand`; uniqueness comes
 * from the suffixes of `slugCandidates`.
 */
export function slugify(name: string): string {
  const latin = transliterate(
    // a word break where Han characters meet other letters (`みずほ銀行`)
    name.normalize('NFKC').replace(/\p{Script=Han}+/gu, ' $& '),
    { unknown: ' ' },
  );
  const slug = latin
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_BASE)
    .replace(/-+$/, '');
  return slug || 'brand';
}

/** `base-N` for the first N above every `base-<number>` in `taken` (N ≥ 2). */
export function nextSlug(base: string, taken: readonly string[]): string {
  const prefix = `${base}-`;
  let highest = 1;
  for (const slug of taken) {
    const tail = slug.startsWith(prefix) ? slug.slice(prefix.length) : '';
    if (/^[1-9]\d{0,5}$/.test(tail)) highest = Math.max(highest, Number(tail));
  }
  return `${base}-${highest + 1}`;
}

/** `base-` and 8 random hex digits: the last resort when concurrent creators keep taking `base-N`. */
export function randomSlug(base: string): string {
  return `${base}-${randomBytes(4).toString('hex')}`;
}
