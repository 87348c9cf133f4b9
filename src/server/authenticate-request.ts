import type { IncomingHttpHeaders } from 'node:http';
import type { DataSource } from 'typeorm';
import type { ApiKeyService } from '../modules/api-keys/api-key.service';
import type { Caller } from '../modules/api-keys/caller';
import { DatabaseUnavailableError, UnauthenticatedError } from '../shared/domain-error';
import { bearerToken } from './auth';
import { isConnectionFailure } from './errors';

/**
 * The one authentication of a request, for GraphQL and every other route:
 * the caller of `Authorization: Bearer <key>`, or a DomainError
 * (UNAUTHENTICATED, or the retryable database error during an outage).
 */
export async function authenticateRequest(
  headers: IncomingHttpHeaders,
  apiKeys: ApiKeyService,
  dataSource: DataSource,
): Promise<Caller> {
  const secret = bearerToken(headers);
  if (!secret)
    throw new UnauthenticatedError('Missing API key: send "Authorization: Bearer <key>"');
  let caller: Caller | null;
  try {
    caller = await apiKeys.authenticate(dataSource, secret);
  } catch (error) {
    if (isConnectionFailure(error)) throw new DatabaseUnavailableError();
    throw error;
  }
  if (!caller) throw new UnauthenticatedError('Unknown or revoked API key');
  return caller;
}
