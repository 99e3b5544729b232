import { sql, type Kysely } from 'kysely';
import type { AuditEntry, AuditEvent } from '../access/audit-chain.js';
import { AdsRepo } from './ads.js';
import { AssessRepo } from './assess.js';
import { AuditRepo } from './audit.js';
import { BulkWriter } from './bulk.js';
import {
  migrateToLatest,
  openDatabase,
  prepareDatabase,
  type OpenDatabase,
  type StoreConfig,
} from './db.js';
import type { Dialect } from './dialect.js';
import { DevicesRepo } from './devices.js';
import { InvestigationsRepo } from './investigations.js';
import { NetworksRepo } from './networks.js';
import { OperationsRepo } from './operations.js';
import type { Database } from './schema.js';
import { SessionsRepo } from './sessions.js';
import { SettingsRepo } from './settings.js';
import { UsersRepo } from './users.js';

/**
 * The one door to the database: repositories over a connection or over a transaction. Code
 * outside src/store/ sees these methods, never SQL.
 */
export class Store {
  readonly users: UsersRepo;
  readonly sessions: SessionsRepo;
  readonly investigations: InvestigationsRepo;
  readonly settings: SettingsRepo;
  readonly ads: AdsRepo;
  readonly networks: NetworksRepo;
  readonly assess: AssessRepo;
  readonly devices: DevicesRepo;
  readonly operations: OperationsRepo;

  private constructor(
    private readonly db: Kysely<Database>,
    readonly dialect: Dialect,
    readonly location: string,
    private readonly inTransaction: boolean,
    private readonly sqlite: OpenDatabase['sqlite'],
  ) {
    this.users = new UsersRepo(db);
    this.sessions = new SessionsRepo(db);
    this.investigations = new InvestigationsRepo(db);
    this.settings = new SettingsRepo(db);
    const bulk = new BulkWriter(db, sqlite);
    this.ads = new AdsRepo(db, dialect, bulk);
    this.networks = new NetworksRepo(db, bulk);
    this.assess = new AssessRepo(db, bulk);
    this.devices = new DevicesRepo(db, dialect, bulk);
    this.operations = new OperationsRepo(db);
  }

  /** Opens without touching the schema; call `migrate()` before use. */
  static open(config: StoreConfig): Store {
    const opened = openDatabase(config);
    return new Store(opened.db, opened.dialect, opened.location, false, opened.sqlite);
  }

  private get opened(): OpenDatabase {
    return { db: this.db, dialect: this.dialect, location: this.location, sqlite: this.sqlite };
  }

  /** Brings the schema to the latest version; returns the names of the migrations it ran. */
  async migrate(): Promise<string[]> {
    await prepareDatabase(this.opened);
    const results = await migrateToLatest(this.opened);
    return results.filter((r) => r.status === 'Success').map((r) => r.migrationName);
  }

  /** Runs `fn` in one transaction (or inside the current one). */
  async transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T> {
    if (this.inTransaction) return fn(this);
    return this.db
      .transaction()
      .execute((trx) => fn(new Store(trx, this.dialect, this.location, true, this.sqlite)));
  }

  /** Appends to the hash-chained audit trail, atomically with the surrounding transaction if any. */
  async audit(event: AuditEvent, at: Date): Promise<AuditEntry> {
    return this.transaction((tx) =>
      new AuditRepo(tx.db).appendInTransaction(event, at.toISOString()),
    );
  }

  get auditLog(): Pick<AuditRepo, 'list' | 'head' | 'ascending'> {
    return new AuditRepo(this.db);
  }

  /** Throws with the database's own reason when it cannot answer. */
  async ping(): Promise<void> {
    await sql`select 1`.execute(this.db);
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }
}
