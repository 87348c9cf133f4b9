import { LRUCache } from 'lru-cache';
import type { Caller } from './caller';

/** The channel a key's revocation (or a write, for read-your-writes) is announced on. */
export const KEYS_CHANNEL = 'rapport_keys';

/** What a key notice says: the key's id, and whether it was revoked (else: it wrote). */
export interface KeyNotice {
  readonly k: string;
  readonly revoked: boolean;
}

export interface KeyCacheOptions {
  /** Keys remembered at most (least recently used go first). */
  readonly entries: number;
  /** How long a key looked up while the listener is up is trusted (revocations arrive by notice). */
  readonly maxAgeMs: number;
  /** How long any key is trusted without a listener (down, reconnecting, or none in this process). */
  readonly fallbackMs: number;
}

export const DEFAULT_KEY_CACHE_OPTIONS: KeyCacheOptions = {
  entries: 10_000,
  // a key in use is looked up again once a minute: that lookup notes last_used_at
  maxAgeMs: 60_000,
  fallbackMs: 1_000,
};

/**
 * Whether a key looked up at `fetchedAt` may still be trusted at `now`:
 * briefly always, for longer only if the listener has been up since before
 * the lookup (so no revocation notice can have been missed since).
 */
export function isFresh(
  fetchedAt: number,
  now: number,
  listeningSince: number | null,
  options: Pick<KeyCacheOptions, 'maxAgeMs' | 'fallbackMs'>,
): boolean {
  const age = now - fetchedAt;
  if (age < 0) return false;
  if (age < options.fallbackMs) return true;
  return listeningSince !== null && fetchedAt >= listeningSince && age < options.maxAgeMs;
}

/** A notification's payload, or null when it is not one of ours. */
export function parseKeyNotice(payload: string | undefined): KeyNotice | null {
  try {
    const value = JSON.parse(payload ?? '') as { k?: unknown; r?: unknown };
    if (typeof value.k !== 'string') return null;
    return { k: value.k, revoked: value.r === 1 };
  } catch {
    return null;
  }
}

export const keyNoticePayload = (keyId: string, revoked: boolean): string =>
  JSON.stringify(revoked ? { k: keyId, r: 1 } : { k: keyId });

interface Entry {
  caller: Caller;
  fetchedAt: number;
}

/**
 * Callers by the hash of their secret, so a known key costs no round trip.
 * A revocation is forgotten at once in the revoking process (`forget`) and
 * on its notice in every other; a lookup that overlapped a revocation is
 * not remembered (`epoch`), and a lost listener makes every entry short-lived.
 */
export class ApiKeyCache {
  private readonly entries: LRUCache<string, Entry>;
  private epoch = 0;
  private listeningSince: number | null = null;

  constructor(private readonly options: KeyCacheOptions = DEFAULT_KEY_CACHE_OPTIONS) {
    this.entries = new LRUCache({ max: Math.max(1, options.entries) });
  }

  get size(): number {
    return this.entries.size;
  }

  get(hash: string, now = Date.now()): Caller | undefined {
    const entry = this.entries.get(hash);
    if (!entry) return undefined;
    if (isFresh(entry.fetchedAt, now, this.listeningSince, this.options)) return entry.caller;
    this.entries.delete(hash);
    return undefined;
  }

  /** Call before a lookup; pass the result to `remember`. */
  begin(now = Date.now()): { epoch: number; at: number } {
    return { epoch: this.epoch, at: now };
  }

  remember(hash: string, caller: Caller | null, started: { epoch: number; at: number }): void {
    if (!caller || started.epoch !== this.epoch || this.options.entries === 0) return;
    this.entries.set(hash, { caller, fetchedAt: started.at });
  }

  /** The key was revoked (or changed): it is looked up again on its next use. */
  forget(keyId: string): void {
    this.epoch++;
    for (const [hash, entry] of this.entries.entries())
      if (entry.caller.keyId === keyId) this.entries.delete(hash);
  }

  /** The key wrote (this process or another): its reads stay on the primary for a while. */
  wrote(keyId: string, at: Date): void {
    for (const entry of this.entries.values())
      if (entry.caller.keyId === keyId) entry.caller = { ...entry.caller, lastWriteAt: at };
  }

  notice(notice: KeyNotice): void {
    if (notice.revoked) this.forget(notice.k);
    else this.wrote(notice.k, new Date());
  }

  /** The listener is up (again): notices from now on are seen; nothing older is trusted long. */
  listening(now = Date.now()): void {
    this.flush();
    this.listeningSince = now;
  }

  /** The listener is down: notices may be missed, entries live `fallbackMs` only. */
  notListening(): void {
    this.listeningSince = null;
  }

  flush(): void {
    this.epoch++;
    this.entries.clear();
  }
}
