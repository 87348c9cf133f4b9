import { AsyncLocalStorage } from 'node:async_hooks';

/** Per-request values every log line carries (the request id), without threading them through calls. */
export const requestStore = new AsyncLocalStorage<{ requestId: string }>();

export function currentRequestId(): string | undefined {
  return requestStore.getStore()?.requestId;
}
