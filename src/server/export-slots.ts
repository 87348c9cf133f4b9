/** Exports running now, per API key, in this process: a slow reader cannot start many. */
export class ExportSlots {
  private readonly byKey = new Map<string, number>();
  private total = 0;

  constructor(private readonly perKey: number) {}

  /** A release function, or null when the key already runs its maximum. */
  take(keyId: string): (() => void) | null {
    const running = this.byKey.get(keyId) ?? 0;
    if (running >= this.perKey) return null;
    this.byKey.set(keyId, running + 1);
    this.total++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.total--;
      const left = (this.byKey.get(keyId) ?? 1) - 1;
      if (left) this.byKey.set(keyId, left);
      else this.byKey.delete(keyId);
    };
  }

  get running(): number {
    return this.total;
  }
}
