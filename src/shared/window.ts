import { Field, InputType, ObjectType } from 'type-graphql';

@InputType({ description: 'A half-open time window [from, to).' })
export class WindowInput {
  @Field()
  from!: Date;

  @Field()
  to!: Date;
}

@ObjectType()
export class Window {
  @Field()
  from!: Date;

  @Field()
  to!: Date;
}

/** A filter window must be non-empty. */
export function windowProblems(
  window: WindowInput | null | undefined,
  field = 'window',
): { field: string; reason: string }[] {
  if (!window) return [];
  if (!(window.from.getTime() < window.to.getTime()))
    return [{ field: `${field}.from`, reason: 'must be before to' }];
  return [];
}
