import { Field, Int, ObjectType } from 'type-graphql';
import type { WriteScope } from '../../db/scope';
import { ValidationError } from '../../shared/domain-error';
import { Problems } from '../../shared/validate';
import { MAX_AUTHOR_REF } from './feedback-limits';
import { FeedbackEntity } from './feedback.entity';

@ObjectType()
export class EraseAuthorPayload {
  @Field(() => Int, { description: 'Feedback items whose text and author reference were removed.' })
  erasedFeedback!: number;
}

/**
 * A data-protection erasure: removes a person's feedback text and reference
 * across the workspace, with the cues the text model quoted from the text.
 * Kinds, sentiments (inferred ones too) and times stay, so every number
 * (scores, counts, classification) is unchanged.
 */
export async function eraseAuthor(
  scope: WriteScope,
  authorRef: string,
): Promise<EraseAuthorPayload> {
  const { manager: m, workspaceId } = scope;
  const problems = new Problems();
  problems.text('authorRef', authorRef, MAX_AUTHOR_REF, true);
  if (problems.list.length) throw new ValidationError(problems.list);
  // TypeORM answers a raw UPDATE with `[rows, count]`; the update builder's `affected` is the count
  const result = await m.update(
    FeedbackEntity,
    { workspaceId, authorRef },
    { text: null, authorRef: null, sentimentCues: [], complaintCues: [] },
  );
  return { erasedFeedback: result.affected ?? 0 };
}
