import http from 'node:http';
import https from 'node:https';
import { guardedLookup } from './webhook-address';

/** Bytes of a response body read at most (the rest is discarded unread). */
export const MAX_RESPONSE_BYTES = 4096;

export interface DeliveryResult {
  readonly status: number | null;
  readonly durationMs: number;
  readonly error: string | null;
  readonly ok: boolean;
}

/**
 * One POST: no redirects (Node's client follows none), the address checked
 * after DNS resolution on every attempt, a 2xx within `timeoutMs` is success.
 */
export function postEvent(
  url: string,
  body: string,
  headers: Record<string, string>,
  options: { timeoutMs: number; allowPrivateNetworks: boolean },
): Promise<DeliveryResult> {
  const started = Date.now();
  return new Promise((resolve) => {
    let settled = false;
    const done = (status: number | null, error: string | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      const ok = status !== null && status >= 200 && status < 300 && error === null;
      resolve({ status, durationMs: Date.now() - started, error, ok });
    };
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      return done(null, 'invalid URL');
    }
    const client = target.protocol === 'https:' ? https : http;
    if (target.protocol === 'http:' && !options.allowPrivateNetworks)
      return done(null, 'http:// endpoints are refused');
    const req = client.request(target, {
      method: 'POST',
      lookup: guardedLookup(options.allowPrivateNetworks),
      headers: {
        'content-type': 'application/json',
        'content-length': String(Buffer.byteLength(body)),
        'user-agent': 'Rapport-Webhooks/1',
        ...headers,
      },
    });
    const timer = setTimeout(() => {
      req.destroy();
      done(null, `no response within ${options.timeoutMs} ms`);
    }, options.timeoutMs);
    req.on('error', (error) => done(null, error.message.slice(0, 200)));
    req.on('response', (res) => {
      let read = 0;
      res.on('data', (chunk: Buffer) => {
        read += chunk.length;
        if (read >= MAX_RESPONSE_BYTES) {
          res.destroy();
          done(res.statusCode ?? null, null);
        }
      });
      res.on('end', () => done(res.statusCode ?? null, null));
      res.on('error', () => done(res.statusCode ?? null, null));
    });
    req.end(body);
  });
}
