import type { ApiKeyScope } from '../../shared/vocabulary';

/** Who makes a request: the API key, its workspace and scopes. */
export interface Caller {
  readonly keyId: string;
  readonly workspaceId: string;
  readonly scopes: readonly ApiKeyScope[];
  /** When this key last wrote (any process): reads stay on the primary for a while after. */
  readonly lastWriteAt?: Date | null;
}
