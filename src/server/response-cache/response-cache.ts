import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';

export interface ResponseCacheOptions {
  /** At most this many responses; 0 disables the cache. */
  readonly entries: number;
  /** And at most about this many bytes of them. */
  readonly maxBytes: number;
}

export const DEFAULT_RESPONSE_CACHE_OPTIONS: ResponseCacheOptions = {
  entries: 2000,
  maxBytes: 16 * 1024 * 1024,
};

interface Entry {
  /** dataFingerprint of the snapshot the response was computed in. */
  readonly fingerprint: string;
  readonly data: Record<string, unknown>;
  readonly bytes: number;
}

/** What a response depends on besides the data: who asks (workspace, scopes) and exactly what. */
export interface ResponseKeyParts {
  readonly workspaceId: string;
  readonly scopes: readonly string[];
  readonly query: string;
  readonly operationName: string | null | undefined;
  readonly variables: Record<string, unknown> | undefined;
}

/**
 * Whole `data` of cacheable operations (cacheable-operation.ts), each at
 * the data fingerprint it was computed at, bounded by count and approximate
 * size (least recently used first out). An entry is served only at the same
 * fingerprint; a newer response replaces it.
 */
export class ResponseCache {
  private readonly lru: LRUCache<string, Entry> | null;

  constructor(options: ResponseCacheOptions = DEFAULT_RESPONSE_CACHE_OPTIONS) {
    this.lru =
      options.entries > 0
        ? new LRUCache<string, Entry>({
            max: options.entries,
            maxSize: options.maxBytes,
            sizeCalculation: (entry) => entry.bytes,
          })
        : null;
  }

  get enabled(): boolean {
    return this.lru !== null;
  }

  get size(): number {
    return this.lru?.size ?? 0;
  }

  get bytes(): number {
    return this.lru?.calculatedSize ?? 0;
  }

  key(parts: ResponseKeyParts): string {
    const text = JSON.stringify([
      parts.workspaceId,
      [...parts.scopes].sort(),
      parts.query,
      parts.operationName ?? null,
      parts.variables ?? {},
    ]);
    return createHash('sha256').update(text).digest('base64url');
  }

  get(key: string, fingerprint: string): Record<string, unknown> | undefined {
    const entry = this.lru?.get(key);
    return entry && entry.fingerprint === fingerprint ? entry.data : undefined;
  }

  set(key: string, fingerprint: string, data: Record<string, unknown>): void {
    if (!this.lru) return;
    // UTF-16 text of the JSON plus the key and the maps' overhead: an estimate, not a measure
    const bytes = 2 * JSON.stringify(data).length + 256;
    this.lru.set(key, { fingerprint, data, bytes });
  }
}
