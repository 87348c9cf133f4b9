import {
  coerceInputValue,
  isInputType,
  isNonNullType,
  Kind,
  typeFromAST,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import type { FieldProblem } from '../shared/domain-error';
import { argumentValues, problemAt, type InputPath } from './input-paths';

/** Enough to fix a request; a 5 MB body of bad values must not become a 50 MB answer. */
const MAX_PROBLEMS = 1000;
export const ILL_FORMED = 'must be well-formed Unicode (it contains a lone UTF-16 surrogate)';

/**
 * Problems with the request's variables, each at its path: text that is not
 * well-formed Unicode (PostgreSQL would store it mangled), and with `coerce`
 * whatever GraphQL's own coercion rejects. Coercion is graphql-js's
 * `coerceInputValue`, as `execute` does it, so both agree; it costs as much
 * as execution's own (~35 µs an item), so callers ask for it only once
 * something is known to be wrong.
 */
export function variableProblems(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>>,
  coerce: boolean,
): FieldProblem[] {
  const usages = variableUsages(document);
  const problems = new Map<string, FieldProblem>();
  const add = (path: InputPath, reason: string) => {
    const problem = problemAt(path, reason);
    if (problems.size < MAX_PROBLEMS && !problems.has(problem.field))
      problems.set(problem.field, problem);
  };
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    const at = usages.get(name) ?? [name];
    const given = Object.hasOwn(variables, name);
    if (given)
      for (const path of illFormedStrings(variables[name])) add([...at, ...path], ILL_FORMED);
    const type = typeFromAST(schema, definition.type);
    if (!coerce || !type || !isInputType(type)) continue; // validation has refused a non-input type
    if (!given) {
      if (!definition.defaultValue && isNonNullType(type)) add(at, 'is required');
    } else if (variables[name] === null && isNonNullType(type)) {
      add(at, 'must not be null');
    } else {
      coerceInputValue(variables[name], type, (path, _invalid, error) =>
        add([...at, ...path], error.message),
      );
    }
  }
  return [...problems.values()];
}

/** Where each variable is first used: the argument (and field) it fills. */
function variableUsages(document: DocumentNode): Map<string, InputPath> {
  const usages = new Map<string, InputPath>();
  for (const { node, path } of argumentValues(document)) {
    if (node.kind === Kind.VARIABLE && !usages.has(node.name.value))
      usages.set(node.name.value, path);
  }
  return usages;
}

interface Step {
  readonly key: string | number;
  readonly up?: Step;
}

/** Paths of ill-formed strings (and keys) in a JSON value; iterative, as JSON may nest deep. */
function illFormedStrings(value: unknown): InputPath[] {
  const found: InputPath[] = [];
  const pathOf = (step?: Step): InputPath => {
    const path: (string | number)[] = [];
    for (let s = step; s; s = s.up) path.push(s.key);
    return path.reverse();
  };
  const stack: [unknown, Step | undefined][] = [[value, undefined]];
  while (stack.length && found.length < MAX_PROBLEMS) {
    const [item, step] = stack.pop()!;
    if (typeof item === 'string') {
      if (!item.isWellFormed()) found.push(pathOf(step));
    } else if (Array.isArray(item)) {
      for (let i = item.length - 1; i >= 0; i--) stack.push([item[i], { key: i, up: step }]);
    } else if (item !== null && typeof item === 'object') {
      for (const [key, child] of Object.entries(item).reverse()) {
        if (!key.isWellFormed()) found.push(pathOf({ key, up: step }));
        stack.push([child, { key, up: step }]);
      }
    }
  }
  return found;
}
