import {
  Kind,
  parse,
  visit,
  type ASTNode,
  type DocumentNode,
  type GraphQLError,
  type Source,
  type ValueNode,
} from 'graphql';
import type { FieldProblem } from '../shared/domain-error';

/** Where an input value sits: argument name, then object fields and list indexes. */
export type InputPath = readonly (string | number)[];

/** Reasons echo values and paths can nest deep: a problem stays readable. */
const MAX_TEXT = 300;

/**
 * A problem named like the services name theirs: the fields of an `input`
 * argument bare (`feedback[3].receivedAt`), other arguments by name
 * (`window.from`); `index` is the first list position (the batch item).
 */
export function problemAt(path: InputPath, reason: string): FieldProblem {
  const shown = path.length > 1 && path[0] === 'input' ? path.slice(1) : path;
  const field = shown
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : i === 0 ? key : `.${key}`))
    .join('');
  const index = shown.find((key): key is number => typeof key === 'number');
  const short = (text: string) => (text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text);
  return index === undefined
    ? { field: short(field), reason: short(reason) }
    : { index, field: short(field), reason: short(reason) };
}

/** Every argument and every value written inside one, with its path. */
export function argumentValues(root: ASTNode): { node: ASTNode; path: InputPath }[] {
  const found: { node: ASTNode; path: InputPath }[] = [];
  const walk = (node: ValueNode, path: InputPath): void => {
    found.push({ node, path });
    if (node.kind === Kind.OBJECT) {
      for (const field of node.fields) walk(field.value, [...path, field.name.value]);
    } else if (node.kind === Kind.LIST) {
      node.values.forEach((item, i) => walk(item, [...path, i]));
    }
  };
  visit(root, {
    Argument(argument) {
      found.push({ node: argument, path: [argument.name.value] });
      walk(argument.value, [argument.name.value]);
      return false;
    },
  });
  return found;
}

const parsed = new WeakMap<Source, DocumentNode | null>();

/**
 * The problem behind a validation error about a value written in the query
 * (`outcome: MAYBE`), found by position in the error's own source: the
 * formatter never sees the request's document.
 */
export function literalProblems(error: GraphQLError): FieldProblem[] | undefined {
  for (const target of error.nodes ?? []) {
    const source = target.loc?.source;
    if (!source) continue;
    let document = parsed.get(source);
    if (document === undefined) {
      try {
        document = parse(source);
      } catch {
        document = null;
      }
      parsed.set(source, document);
    }
    if (!document) continue;
    const hit = argumentValues(document).find(
      ({ node }) => node.kind === target.kind && node.loc?.start === target.loc?.start,
    );
    if (hit) return [problemAt(hit.path, error.message)];
  }
  return undefined;
}
