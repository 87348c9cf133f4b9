/** The GraphQL API: queries over HTTP, subscriptions over graphql-ws, the key for this session. */
import { createClient, type Client } from 'graphql-ws';

const KEY = 'rapport.apiKey';

export const apiKey = {
  get: (): string | null => sessionStorage.getItem(KEY),
  set: (key: string) => sessionStorage.setItem(KEY, key),
  forget: () => sessionStorage.removeItem(KEY),
};

export class ApiError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Data = any;

export async function gql(query: string, variables: Record<string, unknown> = {}): Promise<Data> {
  const res = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey.get()}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = await res.json().catch(() => ({}));
  if (body.errors?.length) {
    throw new ApiError(body.errors[0].message, body.errors[0].extensions?.code);
  }
  if (res.status === 401) throw new ApiError('The API key was not accepted.', 'UNAUTHENTICATED');
  if (!res.ok) throw new ApiError(`HTTP ${res.status}`);
  return body.data;
}

let client: Client | null = null;
const listeners = new Set<(live: boolean) => void>();

function liveClient(): Client {
  if (!client) {
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`;
    client = createClient({
      url,
      connectionParams: () => ({ authorization: `Bearer ${apiKey.get()}` }),
      retryAttempts: Infinity,
      shouldRetry: () => true,
      lazy: true,
      on: {
        connected: () => listeners.forEach((l) => l(true)),
        closed: () => listeners.forEach((l) => l(false)),
      },
    });
  }
  return client;
}

/** Whether the live connection is up, as it changes. */
export function onLive(listener: (live: boolean) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Subscribes; returns the unsubscribe function. Errors are reported, not thrown. */
export function subscribe(
  query: string,
  variables: Record<string, unknown>,
  next: (data: Data) => void,
): () => void {
  return liveClient().subscribe(
    { query, variables },
    {
      next: ({ data }) => data && next(data),
      error: (error) => console.warn('live update failed', error),
      complete: () => undefined,
    },
  );
}

/** Closes the live connection (a new key, or forgetting it). */
export function closeLive(): void {
  void client?.dispose();
  client = null;
}
