import { type ClassType, Field, Int, ObjectType } from 'type-graphql';

/**
 * The object type `{ <key>: <Enum>!, <count>: Int! }`: how many carry one
 * value of an enum (brands per Grunig model or per stage, feedback items per
 * sentiment source).
 */
export function CountType<E, K extends string, C extends string>(
  name: string,
  enumType: object,
  fields: { key: K; count: C },
  description?: string,
): ClassType<Record<K, E> & Record<C, number>> {
  @ObjectType(name, { description })
  class Count {}
  Field(() => enumType)(Count.prototype, fields.key);
  Field(() => Int)(Count.prototype, fields.count);
  return Count as ClassType<Record<K, E> & Record<C, number>>;
}
