/** A file-level problem (missing columns, wrong delimiter…): nothing is written. */
export class ImportFileError extends Error {}
