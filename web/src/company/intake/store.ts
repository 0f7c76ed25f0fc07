// The company's intake store: a real SQLite file (node-sqlite3-wasm: SQLite compiled to wasm,
// writing the file through SQLite's own rollback journal), so a transaction is all or nothing
// even when the process is killed. secure_delete overwrites purged claims' bytes in the file.
import { existsSync, rmdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Database as SqliteDatabase } from 'node-sqlite3-wasm';
import { SelfCrmError } from '../../runtime/errors.js';
import { lockFile, type FileLock } from '../../storage/file_lock.js';
import type { ClaimValue } from '../../share/claims.js';
import type { ComputedWith } from '../../share/request.js';
import { applicationId, schemaSql, schemaVersion } from './schema.js';

// Loaded on the first open, so importing selfcrm/company in Node costs nothing when no store is used.
let sqlite: typeof import('node-sqlite3-wasm') | undefined;

/** One claim row as stored. */
export interface StoredClaim {
  subject: string;
  claim: string;
  value: ClaimValue;
  level: 'copied';
  purpose: string;
  expiresAt: string | null;
  issuedAt: string;
  /** Evidence: the request's nonce and the presentation's digest (the holder's ledger has both). */
  nonce: string;
  presentation: string;
  computedWith: ComputedWith | null;
  revokedAt: string | null;
}

export interface PresentationRow {
  digest: string;
  nonce: string;
  subject: string;
  credential: string;
  origin: string;
  issuedAt: number;
  verifiedAt: number;
}

export interface ClaimRow {
  subject: string;
  claim: string;
  value: ClaimValue;
  purpose: string;
  expiresAt: number | null;
  issuedAt: number;
  nonce: string;
  presentation: string;
  computedWith: ComputedWith | null;
}

/** What purge deleted, one entry per claim, and why. */
export interface PurgedClaim {
  subject: string;
  claim: string;
  purpose: string;
  reason: 'expired' | 'revoked';
  expiresAt: string | null;
  revokedAt: string | null;
}

const iso = (s: unknown): string | null => (typeof s === 'number' || typeof s === 'bigint' ? new Date(Number(s) * 1000).toISOString() : null);

function storedClaim(r: Record<string, unknown>): StoredClaim {
  return {
    subject: r.subject as string, claim: r.claim as string, value: JSON.parse(r.value as string) as ClaimValue, level: 'copied',
    purpose: r.purpose as string, expiresAt: iso(r.expires_at), issuedAt: iso(r.issued_at) as string,
    nonce: r.nonce as string, presentation: r.presentation as string,
    computedWith: r.computed_with === null ? null : (JSON.parse(r.computed_with as string) as ComputedWith), revokedAt: iso(r.revoked_at),
  };
}

export class IntakeStore {
  readonly file: string;
  #db: SqliteDatabase;
  #lock: FileLock;

  private constructor(file: string, db: SqliteDatabase, lock: FileLock) {
    this.file = file;
    this.#db = db;
    this.#lock = lock;
  }

  /**
   * Opens (or creates) the store at `file`.
   * One process at a time holds a store (the vault files' lock, `.NAME.lock`, taken over from a
   * killed holder); close() releases it.
   * @throws SelfCrmError E_CONFLICT for a file that is not an intake store (it is left untouched),
   *   E_VERSION for a newer store, E_LOCKED when another process keeps it, E_IO when it cannot be opened.
   */
  static async open(file: string, options: { create?: boolean; lockTimeoutMs?: number } = {}): Promise<IntakeStore> {
    if (options.create === false && !existsSync(file)) throw new SelfCrmError('E_NOT_FOUND', `no intake store at ${file}`, '/store');
    const lock = await lockFile(file, { lockTimeoutMs: options.lockTimeoutMs ?? 30_000 });
    let db: SqliteDatabase | undefined;
    try {
      // node-sqlite3-wasm locks with a folder `NAME.lock` that a killed process leaves behind.
      // Holding the store's own lock, no other process can be using the file: it is stale. The
      // rollback journal a killed transaction left is rolled back by SQLite on the first read.
      rmdirSync(`${file}.lock`);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') {
        await lock.release();
        throw new SelfCrmError('E_IO', `cannot clear the stale lock ${file}.lock: ${(e as Error).message}`, '/store');
      }
    }
    try {
      sqlite ??= createRequire(import.meta.url)('node-sqlite3-wasm') as typeof import('node-sqlite3-wasm');
      db = new sqlite.Database(file);
      const store = new IntakeStore(file, db, lock);
      store.#prepare();
      return store;
    } catch (e) {
      if (db?.isOpen) db.close();
      await lock.release();
      throw e instanceof SelfCrmError ? e : new SelfCrmError('E_IO', `cannot open the intake store ${file}: ${(e as Error).message}`, '/store');
    }
  }

  #prepare(): void {
    const db = this.#db;
    let app: number;
    let tables: number;
    try {
      app = Number(db.get('PRAGMA application_id')?.application_id);
      tables = Number(db.get("SELECT count(*) AS n FROM sqlite_schema")?.n);
    } catch (e) {
      throw new SelfCrmError('E_CONFLICT', `${this.file} is not an intake store (${(e as Error).message}); it was left as it was`, '/store');
    }
    db.exec('PRAGMA secure_delete = ON; PRAGMA foreign_keys = ON;');
    if (app === 0 && tables === 0) {
      this.transaction(() => {
        db.exec(schemaSql);
        db.exec(`PRAGMA application_id = ${applicationId}; PRAGMA user_version = ${schemaVersion};`);
      });
      return;
    }
    if (app !== applicationId) throw new SelfCrmError('E_CONFLICT', `${this.file} is an SQLite database but not an intake store; it was left as it was`, '/store');
    const version = Number(db.get('PRAGMA user_version')?.user_version);
    if (version > schemaVersion) throw new SelfCrmError('E_VERSION', `${this.file} is an intake store of version ${version}; this SelfCRM reads up to ${schemaVersion}`, '/store');
  }

  /** Runs `fn` in one transaction: everything it wrote, or (when it throws) nothing. */
  transaction<T>(fn: () => T): T {
    this.#db.exec('BEGIN IMMEDIATE');
    try {
      const out = fn();
      this.#db.exec('COMMIT');
      return out;
    } catch (e) {
      if (this.#db.inTransaction) this.#db.exec('ROLLBACK');
      throw e;
    }
  }

  hasPresentation(digest: string): boolean {
    return this.subjectOf(digest) !== null;
  }

  /** The holder id of a stored presentation, or null when the store does not have it. */
  subjectOf(digest: string): string | null {
    return (this.#db.get('SELECT subject FROM presentations WHERE digest = ?', [digest])?.subject as string | undefined) ?? null;
  }

  /** The digests of the presentations that already answered `nonce`. */
  presentationsOfNonce(nonce: string): string[] {
    return this.#db.all('SELECT digest FROM presentations WHERE nonce = ?', [nonce]).map((r) => r.digest as string);
  }

  hasRevocation(digest: string): boolean {
    return this.#db.get('SELECT 1 AS x FROM revocations WHERE digest = ? LIMIT 1', [digest]) !== null;
  }

  /** Records a presentation and the names and terms (no values) of what it granted. */
  addPresentation(p: PresentationRow, granted: { claim: string; level: string; purpose: string }[]): void {
    this.#db.run('INSERT INTO presentations VALUES (?, ?, ?, ?, ?, ?, ?)', [p.digest, p.nonce, p.subject, p.credential, p.origin, p.issuedAt, p.verifiedAt]);
    for (const g of granted) this.#db.run('INSERT INTO granted VALUES (?, ?, ?, ?)', [p.digest, g.claim, g.level, g.purpose]);
  }

  /** How many claims were granted at each level and for each purpose, over every presentation taken in. */
  grantCounts(): { level: string; purpose: string; claims: number }[] {
    return this.#db.all('SELECT level, purpose, count(*) AS n FROM granted GROUP BY level, purpose ORDER BY n DESC, level, purpose')
      .map((r) => ({ level: r.level as string, purpose: r.purpose as string, claims: Number(r.n) }));
  }

  /**
   * Writes a copied claim unless the store holds a newer grant of it (later issue time; on a tie
   * the larger presentation digest, so the order lines arrive in does not matter). A revocation
   * already stored that postdates the grant applies to it at once. Returns whether it was written.
   */
  putClaim(c: ClaimRow): boolean {
    const old = this.#db.get('SELECT issued_at, presentation FROM claims WHERE subject = ? AND claim = ?', [c.subject, c.claim]);
    if (old && (Number(old.issued_at) > c.issuedAt || (Number(old.issued_at) === c.issuedAt && (old.presentation as string) >= c.presentation))) return false;
    const revoked = this.#db.get("SELECT min(at) AS at FROM revocations WHERE subject = ? AND (claim = ? OR claim = '*') AND at >= ?", [c.subject, c.claim, c.issuedAt]);
    this.#db.run('INSERT OR REPLACE INTO claims VALUES (?, ?, ?, \'copied\', ?, ?, ?, ?, ?, ?, ?)', [
      c.subject, c.claim, JSON.stringify(c.value), c.purpose, c.expiresAt, c.issuedAt, c.nonce, c.presentation,
      c.computedWith === null ? null : JSON.stringify(c.computedWith), (revoked?.at as number | null | undefined) ?? null,
    ]);
    return true;
  }

  /** Records a revocation and marks every claim it covers (granted at or before it); returns their names. */
  addRevocation(r: { digest: string; subject: string; claims: string[]; at: number; origin: string }): string[] {
    for (const claim of r.claims) this.#db.run('INSERT INTO revocations VALUES (?, ?, ?, ?, ?)', [r.digest, r.subject, claim, r.at, r.origin]);
    const all = r.claims.includes('*');
    const covered = this.#db.all('SELECT claim FROM claims WHERE subject = ? AND issued_at <= ? AND revoked_at IS NULL ORDER BY claim', [r.subject, r.at])
      .map((row) => row.claim as string).filter((c) => all || r.claims.includes(c));
    for (const claim of covered) this.#db.run('UPDATE claims SET revoked_at = ? WHERE subject = ? AND claim = ?', [r.at, r.subject, claim]);
    return covered;
  }

  /** Claims in force at `now` (not revoked, not expired), for `purpose` when given, by subject and claim. */
  claimsInForce(options: { now: Date; purpose?: string }): StoredClaim[] {
    const now = Math.floor(options.now.getTime() / 1000);
    return this.#db.all(
      'SELECT * FROM claims WHERE revoked_at IS NULL AND (expires_at IS NULL OR expires_at > ?) AND (? IS NULL OR purpose = ?) ORDER BY subject, claim',
      [now, options.purpose ?? null, options.purpose ?? null],
    ).map((r) => storedClaim(r as Record<string, unknown>));
  }

  /** Every claim row, revoked and expired ones included, by subject and claim. */
  allClaims(): StoredClaim[] {
    return this.#db.all('SELECT * FROM claims ORDER BY subject, claim').map((r) => storedClaim(r as Record<string, unknown>));
  }

  /** Every presentation and revocation the store has taken in, for comparing two stores. */
  evidence(): { presentations: Record<string, unknown>[]; granted: Record<string, unknown>[]; revocations: Record<string, unknown>[] } {
    return {
      presentations: this.#db.all('SELECT * FROM presentations ORDER BY digest') as Record<string, unknown>[],
      granted: this.#db.all('SELECT * FROM granted ORDER BY presentation, claim') as Record<string, unknown>[],
      revocations: this.#db.all('SELECT * FROM revocations ORDER BY digest, claim') as Record<string, unknown>[],
    };
  }

  /** Deletes every claim revoked or expired at `now`, in one transaction; returns what went. */
  purge(now: Date): PurgedClaim[] {
    const at = Math.floor(now.getTime() / 1000);
    return this.transaction(() => {
      const rows = this.#db.all('SELECT subject, claim, purpose, expires_at, revoked_at FROM claims WHERE revoked_at IS NOT NULL OR (expires_at IS NOT NULL AND expires_at <= ?) ORDER BY subject, claim', [at]);
      this.#db.run('DELETE FROM claims WHERE revoked_at IS NOT NULL OR (expires_at IS NOT NULL AND expires_at <= ?)', [at]);
      return rows.map((r) => ({
        subject: r.subject as string, claim: r.claim as string, purpose: r.purpose as string,
        reason: r.revoked_at !== null ? 'revoked' as const : 'expired' as const, expiresAt: iso(r.expires_at), revokedAt: iso(r.revoked_at),
      }));
    });
  }

  /** Counts for a summary line. */
  counts(): { customers: number; claims: number; presentations: number; revocations: number } {
    const n = (sql: string) => Number(this.#db.get(sql)?.n ?? 0);
    return {
      customers: n('SELECT count(DISTINCT subject) AS n FROM claims'), claims: n('SELECT count(*) AS n FROM claims'),
      presentations: n('SELECT count(*) AS n FROM presentations'), revocations: n('SELECT count(DISTINCT digest) AS n FROM revocations'),
    };
  }

  /** Closes the file and releases the lock. */
  async close(): Promise<void> {
    if (this.#db.isOpen) this.#db.close();
    await this.#lock.release();
  }
}
