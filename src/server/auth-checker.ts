import type { AuthChecker } from 'type-graphql';
import { ForbiddenError } from '../shared/domain-error';
import type { ApiKeyScope } from '../shared/vocabulary';
import type { RequestContext } from './context';

/** `@Authorized(ApiKeyScope.WRITE)`: the caller's key must carry every listed scope. */
export const authChecker: AuthChecker<RequestContext, ApiKeyScope> = ({ context }, scopes) => {
  const missing = scopes.filter((scope) => !context.caller.scopes.includes(scope));
  if (missing.length > 0) {
    throw new ForbiddenError(
      `This API key lacks the ${missing.map((s) => s.toLowerCase()).join(', ')} scope`,
      missing,
    );
  }
  return true;
};
