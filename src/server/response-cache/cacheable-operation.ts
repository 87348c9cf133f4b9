import {
  getArgumentValues,
  getNamedType,
  getVariableValues,
  Kind,
  OperationTypeNode,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  BREAK,
  type DocumentNode,
  type FieldNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';

/**
 * Types every field of which is computed from a brand's sums over an
 * explicit window (and the brand and workspace rows): nothing below them
 * reads other tables or the clock. A test holds the schema to this.
 */
export const REPORT_TYPES: ReadonlySet<string> = new Set([
  'EngagementReport',
  'EngagementPoint',
  'GrunigClassification',
  'ClassificationPoint',
  'WorkspaceOverview',
  'Window',
  'PhaseBreakdown',
  'ScoreComponent',
  'PhaseWeights',
  'ResponseTime',
  'SentimentSourceCount',
  'SentimentMix',
  'GrunigModelScore',
  'ModelCount',
  'StageCount',
]);

/** Fields above the report types that read only brand and workspace rows (and reports). */
export const BRAND_LIST_FIELDS: ReadonlySet<string> = new Set([
  'Query.brand',
  'Query.brands',
  'Query.engagement',
  'Query.engagementSeries',
  'Query.classification',
  'Query.classificationSeries',
  'Query.workspaceOverview',
  'BrandConnection.nodes',
  'BrandConnection.edges',
  'BrandConnection.pageInfo',
  'BrandConnection.totalCount',
  'BrandEdge.cursor',
  'BrandEdge.node',
  'PageInfo.hasNextPage',
  'PageInfo.hasPreviousPage',
  'PageInfo.startCursor',
  'PageInfo.endCursor',
  'Brand.id',
  'Brand.name',
  'Brand.slug',
  'Brand.timezone',
  'Brand.responseTargetMinutes',
  'Brand.createdAt',
  'Brand.updatedAt',
  'Brand.engagement',
  'Brand.classification',
  'Brand.dataWindow',
]);

/**
 * Whether the operation's answer is a function of its text, its variables
 * and the workspace's data fingerprint alone (dataFingerprint): a query
 * with at least one report (a list of brands alone is as cheap as the
 * fingerprint: not worth keeping), whose every field is a report field or one of BRAND_LIST_FIELDS, every
 * `window` given (a missing one means "ending now") and no `audienceId`
 * (an audience's rows are not in the fingerprint). False for anything else,
 * and for variables that do not coerce (execution will say why).
 */
export function cacheableOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
): boolean {
  if (operation.operation !== OperationTypeNode.QUERY) return false;
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {});
  if (coerced.errors) return false;
  const typeInfo = new TypeInfo(schema);
  // the operation asked for and the fragments (other operations of the document do not run)
  const within: DocumentNode = {
    ...document,
    definitions: document.definitions.filter(
      (d) => d === operation || d.kind === Kind.FRAGMENT_DEFINITION,
    ),
  };
  let cacheable = true;
  let reports = false;
  visit(
    within,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        if (node.name.value === '__typename') return undefined;
        const fits = fieldFits(
          typeInfo.getParentType(),
          typeInfo.getFieldDef(),
          node,
          coerced.coerced,
        );
        cacheable = fits !== null;
        reports ||= fits === 'report';
        return cacheable ? undefined : BREAK;
      },
    }),
  );
  return cacheable && reports;
}

/**
 * A report field (one that returns a report type, or brands ranked by score)
 * or another listed field, with its window given and no audience; null for
 * anything else.
 */
function fieldFits(
  parent: GraphQLCompositeType | null | undefined,
  field: GraphQLField<unknown, unknown> | null | undefined,
  node: FieldNode,
  variables: Record<string, unknown>,
): 'report' | 'plain' | null {
  if (!parent || !field) return null;
  if (!REPORT_TYPES.has(parent.name) && !BRAND_LIST_FIELDS.has(`${parent.name}.${field.name}`))
    return null;
  const names = new Set(field.args.map((a) => a.name));
  let args: Record<string, unknown> = {};
  try {
    if (names.size > 0) args = getArgumentValues(field, node, variables);
  } catch {
    return null;
  }
  if ((names.has('window') && args.window == null) || args.audienceId != null) return null;
  const ranked = (args.orderBy as { field?: string } | undefined)?.field === 'ENGAGEMENT_SCORE';
  return ranked || REPORT_TYPES.has(getNamedType(field.type).name) ? 'report' : 'plain';
}
