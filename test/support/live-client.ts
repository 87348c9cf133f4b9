import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

/** One subscription's events as they arrive, with waits that fail after a timeout. */
export class LiveSubscription {
  readonly events: any[] = [];
  readonly errors: any[] = [];
  completed = false;
  private waiters: (() => void)[] = [];
  private dispose: () => void = () => undefined;

  start(client: Client, query: string, variables?: Record<string, unknown>): this {
    this.dispose = client.subscribe(
      { query, variables },
      {
        next: (value) => {
          if (value.errors) this.errors.push(...value.errors);
          if (value.data) this.events.push({ ...value.data, at: Date.now() });
          this.wake();
        },
        error: (error) => {
          this.errors.push(...(Array.isArray(error) ? error : [error]));
          this.wake();
        },
        complete: () => {
          this.completed = true;
          this.wake();
        },
      },
    );
    return this;
  }

  /** Waits until `test` holds (checked on every event), or fails after `ms`. */
  async until(test: () => boolean, ms = 5000, what = 'an event'): Promise<void> {
    const deadline = Date.now() + ms;
    while (!test()) {
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(`timed out waiting for ${what}: ${JSON.stringify(this.errors)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  stop(): void {
    this.dispose();
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }
}

export interface LiveConnection {
  readonly client: Client;
  /** Resolves with the close code once the socket closes. */
  readonly closed: Promise<number>;
  subscribe(query: string, variables?: Record<string, unknown>): LiveSubscription;
}

/** A graphql-ws client on `httpUrl`'s /graphql that never reconnects (tests see every close). */
export function liveConnection(httpUrl: string, key: string | null): LiveConnection {
  let closedWith: (code: number) => void = () => undefined;
  const closed = new Promise<number>((resolve) => (closedWith = resolve));
  const client = createClient({
    url: `${httpUrl.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: key === null ? {} : { authorization: `Bearer ${key}` },
    lazy: false,
    retryAttempts: 0,
    onNonLazyError: () => undefined,
    on: { closed: (event) => closedWith((event as { code: number }).code) },
  });
  return {
    client,
    closed,
    subscribe: (query, variables) => new LiveSubscription().start(client, query, variables),
  };
}
