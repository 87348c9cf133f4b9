/**
 * An async iterator fed by pushes: what graphql-ws reads a subscription's
 * events from. `return()` (the client completed, or the socket closed) ends
 * it at once and runs the cleanup.
 */
export class PushQueue<T> implements AsyncGenerator<T, undefined, unknown> {
  private readonly values: T[] = [];
  private waiting: ((result: IteratorResult<T, undefined>) => void) | undefined;
  private done = false;

  constructor(private readonly cleanup: () => void = () => undefined) {}

  push(value: T): void {
    if (this.done) return;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = undefined;
      resolve({ value, done: false });
    } else this.values.push(value);
  }

  get ended(): boolean {
    return this.done;
  }

  next(): Promise<IteratorResult<T, undefined>> {
    const value = this.values.shift();
    if (value !== undefined) return Promise.resolve({ value, done: false });
    if (this.done) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => (this.waiting = resolve));
  }

  return(): Promise<IteratorResult<T, undefined>> {
    if (!this.done) {
      this.done = true;
      this.values.length = 0;
      this.cleanup();
      this.waiting?.({ value: undefined, done: true });
      this.waiting = undefined;
    }
    return Promise.resolve({ value: undefined, done: true });
  }

  throw(error: unknown): Promise<IteratorResult<T, undefined>> {
    void this.return();
    return Promise.reject(error);
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.return();
  }
}
