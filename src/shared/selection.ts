import { Kind, type FieldNode, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';

/** What a resolver needs of its `info` to know what was asked. */
export interface SelectionInfo {
  readonly fieldNodes: readonly FieldNode[];
  readonly fragments: Record<string, FragmentDefinitionNode>;
}

/**
 * The names of the fields selected at `path` below the field being
 * resolved (e.g. `['edges', 'node']` of a connection), through fragment
 * spreads and inline fragments. A field under @skip/@include counts as
 * selected: asking for too much is safe, too little is not.
 */
export function selectedFields(info: SelectionInfo, path: readonly string[]): Set<string> {
  let sets: SelectionSetNode[] = info.fieldNodes.flatMap((f) =>
    f.selectionSet ? [f.selectionSet] : [],
  );
  for (const name of path)
    sets = fieldsOf(sets, info.fragments)
      .filter((f) => f.name.value === name && f.selectionSet)
      .map((f) => f.selectionSet!);
  return new Set(fieldsOf(sets, info.fragments).map((f) => f.name.value));
}

/** The fields of a connection's nodes, whether asked through `edges.node` or `nodes`. */
export function nodeFields(info: SelectionInfo): Set<string> {
  return new Set([...selectedFields(info, ['edges', 'node']), ...selectedFields(info, ['nodes'])]);
}

function fieldsOf(
  sets: readonly SelectionSetNode[],
  fragments: Record<string, FragmentDefinitionNode>,
  seen: Set<string> = new Set(),
): FieldNode[] {
  const fields: FieldNode[] = [];
  for (const set of sets)
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD) fields.push(s);
      else if (s.kind === Kind.INLINE_FRAGMENT)
        fields.push(...fieldsOf([s.selectionSet], fragments, seen));
      else {
        const fragment = fragments[s.name.value];
        if (!fragment || seen.has(s.name.value)) continue; // validation forbids cycles anyway
        seen.add(s.name.value);
        fields.push(...fieldsOf([fragment.selectionSet], fragments, seen));
        seen.delete(s.name.value);
      }
    }
  return fields;
}
