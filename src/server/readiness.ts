import type { Store } from '../store/store.js';

/**
 * Whether the database is usable: migrated once, reachable now. The server starts even when the
 * database is down or unreadable, answers 503 meanwhile, and retries (at most every `retryMs`)
 * until it comes back, so a restart of PostgreSQL needs no restart of Schakel.
 */
export class Readiness {
  private migrated = false;
  private lastAttempt = 0;
  private inFlight: Promise<void> | undefined;
  reason: string | undefined;

  constructor(
    private readonly store: Store,
    private readonly log: (message: string) => void,
    private readonly retryMs = 2000,
  ) {}

  get ready(): boolean {
    return this.migrated;
  }

  /** Migrates if that has not succeeded yet. Resolves to whether the store is usable. */
  async ensure(): Promise<boolean> {
    if (this.migrated) return true;
    if (Date.now() - this.lastAttempt < this.retryMs && !this.inFlight) return false;
    this.inFlight ??= this.attempt().finally(() => (this.inFlight = undefined));
    await this.inFlight;
    return this.migrated;
  }

  private async attempt(): Promise<void> {
    this.lastAttempt = Date.now();
    try {
      const ran = await this.store.migrate();
      if (ran.length > 0) this.log(`migrated ${this.store.location}: ${ran.join(', ')}`);
      this.migrated = true;
      this.reason = undefined;
    } catch (err) {
      const reason = `${this.store.location}: ${err instanceof Error ? err.message : String(err)}`;
      if (reason !== this.reason) this.log(`database unavailable — ${reason}`);
      this.reason = reason;
    }
  }

  /** Health: migrated and answering a trivial query now. */
  async check(): Promise<{ ok: boolean; reason?: string }> {
    if (!(await this.ensure())) return { ok: false, reason: this.reason ?? 'not ready' };
    try {
      await this.store.ping();
      return { ok: true };
    } catch (err) {
      return {
        ok: false,
        reason: `${this.store.location}: ${err instanceof Error ? err.message : String(err)}`,
      };
    }
  }
}
