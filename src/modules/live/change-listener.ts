import { Client } from 'pg';
import { logger } from '../../shared/logger';
import { KEYS_CHANNEL, parseKeyNotice, type KeyNotice } from '../api-keys/api-key-cache';
import { CHANGES_CHANNEL, parseNotice, type ChangeNotice } from './change-notice';

export interface ChangeHandlers {
  readonly notice: (notice: ChangeNotice) => void;
  /** The listener was lost and is back: notices may have been missed, re-read everything. */
  readonly resync: () => void;
  /** A key was revoked or wrote (api-key-cache.ts). */
  readonly key?: (notice: KeyNotice) => void;
  /** Listening (first time or again): notices from now on arrive. */
  readonly up?: () => void;
  /** Not listening any more: notices may be missed until `up`. */
  readonly down?: () => void;
}

/**
 * One LISTEN connection per process, on the primary (standbys deliver no
 * notifications), a pg Client of its own rather than a pooled connection,
 * which LISTEN would pin. A lost connection is reopened with backoff; once
 * it listens again, subscribers resynchronise (their reads are idempotent).
 */
export class ChangeListener {
  private client: Client | undefined;
  private stopped = false;
  private everConnected = false;
  private retry: NodeJS.Timeout | undefined;
  private attempt = 0;

  constructor(
    private readonly url: string,
    private readonly handlers: ChangeHandlers,
  ) {}

  start(): void {
    void this.connect();
  }

  get listening(): boolean {
    return this.client !== undefined;
  }

  /** Drops the connection as a network failure would (tests of the resynchronisation). */
  dropForTest(): void {
    this.client?.emit('error', new Error('dropped for a test'));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    const client = this.client;
    this.client = undefined;
    if (client) this.handlers.down?.();
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const client = new Client({ connectionString: this.url, application_name: 'rapport-listener' });
    let failed = false;
    const fail = (error: unknown) => {
      if (failed) return;
      failed = true;
      if (this.client === client) {
        this.client = undefined;
        this.handlers.down?.();
      }
      client.end().catch(() => undefined);
      if (this.stopped) return;
      const delay = Math.min(10_000, 200 * 2 ** Math.min(this.attempt++, 6));
      logger.warn('change listener lost; reconnecting', {
        error: error instanceof Error ? error.message : String(error),
        retryInMs: delay,
      });
      this.retry = setTimeout(() => void this.connect(), delay);
    };
    client.on('error', fail);
    client.on('end', () => fail(new Error('connection ended')));
    client.on('notification', (message) => {
      if (message.channel === KEYS_CHANNEL) {
        const notice = parseKeyNotice(message.payload);
        if (notice) this.handlers.key?.(notice);
        return;
      }
      if (message.channel !== CHANGES_CHANNEL) return;
      const notice = parseNotice(message.payload);
      if (notice) this.handlers.notice(notice);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANGES_CHANNEL}; LISTEN ${KEYS_CHANNEL}`);
    } catch (error) {
      fail(error);
      return;
    }
    if (this.stopped || failed) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.attempt = 0;
    this.handlers.up?.();
    if (this.everConnected) this.handlers.resync();
    this.everConnected = true;
  }
}
