/** Brand's GraphQL fields and the columns they are read from. */
const COLUMNS: Record<string, string> = {
  id: 'id',
  workspaceId: 'workspace_id',
  name: 'name',
  slug: 'slug',
  timezone: 'timezone',
  responseTargetMinutes: 'response_target_minutes',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
};

/** Fields of Brand resolved from its id alone (by loaders of their own). */
const FROM_ID = new Set(['__typename', 'audiences', 'engagement', 'classification']);

/**
 * The `SELECT` list of a brand list for the fields a query selected: the id
 * and the order's column always (cursors), each selected scalar, and every
 * column when a field is not known here (a new resolver is served whole).
 */
export function brandSelectList(
  fields: ReadonlySet<string> | undefined,
  orderProperty: 'name' | 'createdAt',
): string {
  const known = fields && [...fields].every((f) => f in COLUMNS || FROM_ID.has(f));
  const wanted = known
    ? new Set(['id', orderProperty, ...[...fields].filter((f) => f in COLUMNS)])
    : new Set(Object.keys(COLUMNS));
  return [...wanted].map((p) => `b.${COLUMNS[p]} AS "${p}"`).join(', ');
}
