import { Field, Int, ObjectType } from 'type-graphql';
import type { WriteScope } from '../../db/scope';
import { ValidationError } from '../../shared/domain-error';
import { Problems } from '../../shared/validate';
import { MAX_AUTHOR_REF } from '../ingestion/interaction-validation';

@ObjectType()
export class EraseAuthorPayload {
  @Field(() => Int, { description: 'Feedback items whose text and author reference were removed.' })
  erasedFeedback!: number;
}

/**
 * A data-protection erasure: removes a person's feedback text and reference
 * across the workspace. Kinds, sentiments and times stay, so every number
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
  const rows: { id: string }[] = await m.query(
    `UPDATE feedback SET text = NULL, author_ref = NULL, updated_at = now()
      WHERE workspace_id = $1 AND author_ref = $2 RETURNING id`,
    [workspaceId, authorRef],
  );
  return { erasedFeedback: rows.length };
}
