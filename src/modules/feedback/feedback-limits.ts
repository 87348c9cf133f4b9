/** Lengths of a feedback item's text fields, wherever the item is written. */
export const MAX_CATEGORY = 100;
export const MAX_TEXT = 10_000;
export const MAX_AUTHOR_REF = 256;
