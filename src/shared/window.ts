import { ArgsType, Field, ID, InputType, ObjectType } from 'type-graphql';
import { WEEK_SECONDS } from './time';

/** A half-open time window [from, to): of a report, a series period, a filter. */
export interface TimeWindow {
  from: Date;
  to: Date;
}

/** The window's length in weeks (fractional: a 23-hour day is 23/168 of a week). */
export function weeksIn(window: TimeWindow): number {
  return (window.to.getTime() - window.from.getTime()) / 1000 / WEEK_SECONDS;
}

@InputType({ description: 'A half-open time window [from, to).' })
export class WindowInput implements TimeWindow {
  @Field()
  from!: Date;

  @Field()
  to!: Date;
}

@ObjectType()
export class Window implements TimeWindow {
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

/** The brand and the window of a report or a series (declared in reverse, as ConnectionArgs). */
@ArgsType()
export class BrandWindowArgs {
  @Field(() => WindowInput)
  window!: WindowInput;

  @Field(() => ID)
  brandId!: string;
}
