// The company's intake store: a real SQLite file (node-sqlite3-wasm: SQLite compiled to wasm,
// writing the file through SQLite's own rollback journal), so a transaction is all or nothing
// even when the process is killed. secure_delete overwrites purged claims' bytes in the file.
import { existsSync, rmdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Database as SqliteDatabase, Statement } from 'node-sqlite3-wasm';
import { SelfCrmError } from '../../runtime/errors.js';
import { dateOf, type AsOf } from '../../runtime/time.js';
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
    // The store's own lock keeps every other process out, so SQLite may keep its lock between
    // statements: node-sqlite3-wasm takes it with mkdir and drops it with rmdir, per statement.
    db.exec('PRAGMA secure_delete = ON; PRAGMA foreign_keys = ON; PRAGMA locking_mode = EXCLUSIVE;');
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
      this.#ids.clear(); // ids written in the transaction are gone with it
      if (this.#db.inTransaction) this.#db.exec('ROLLBACK');
      throw e;
    }
  }

  // Statements are prepared once per store: preparing costs more than running one.
  #statements = new Map<string, Statement>();
  #stmt(sql: string): Statement {
    let st = this.#statements.get(sql);
    if (!st) this.#statements.set(sql, (st = this.#db.prepare(sql)));
    return st;
  }

  // Ids of holders, purposes, computed-with and presentations already looked up or written. Only
  // this process writes the store (the lock), so they stay true, except across a rollback.
  #ids = new Map<string, number>();

  #id(table: 'subjects' | 'purposes' | 'computed', column: 'holder' | 'iri' | 'json', text: string): number {
    const key = `${table}\u0000${text}`;
    const known = this.#ids.get(key);
    if (known !== undefined) return known;
    const found = this.#stmt(`SELECT id FROM ${table} WHERE ${column} = ?`).get([text]);
    const id = found ? Number(found.id) : Number(this.#stmt(`INSERT INTO ${table} (${column}) VALUES (?)`).run([text]).lastInsertRowid);
    if (this.#ids.size > 100_000) this.#ids.clear();
    this.#ids.set(key, id);
    return id;
  }

  #subjectId(holder: string): number | null {
    const found = this.#stmt('SELECT id FROM subjects WHERE holder = ?').get([holder]);
    return found ? Number(found.id) : null;
  }

  hasPresentation(digest: string): boolean {
    return this.subjectOf(digest) !== null;
  }

  /** The holder id of a stored presentation, or null when the store does not have it. */
  subjectOf(digest: string): string | null {
    const row = this.#stmt('SELECT s.holder FROM presentations p JOIN subjects s ON s.id = p.subject WHERE p.digest = ?').get([digest]);
    return (row?.holder as string | undefined) ?? null;
  }

  /** The digests of the presentations that already answered `nonce`. */
  presentationsOfNonce(nonce: string): string[] {
    return this.#stmt('SELECT digest FROM presentations WHERE nonce = ?').all([nonce]).map((r) => r.digest as string);
  }

  hasRevocation(digest: string): boolean {
    return this.#stmt('SELECT 1 AS x FROM revocations WHERE digest = ? LIMIT 1').get([digest]) !== null;
  }

  /** Records a presentation and the names and terms (no values) of what it granted. */
  addPresentation(p: PresentationRow, granted: { claim: string; level: string; purpose: string }[]): void {
    const subject = this.#id('subjects', 'holder', p.subject);
    const id = Number(this.#stmt('INSERT INTO presentations (digest, nonce, subject, credential, origin, issued_at, verified_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run([p.digest, p.nonce, subject, p.credential, p.origin, p.issuedAt, p.verifiedAt]).lastInsertRowid);
    this.#ids.set(`presentations\u0000${p.digest}`, id);
    for (const g of granted) this.#stmt('INSERT INTO granted VALUES (?, ?, ?, ?)').run([id, g.claim, g.level, this.#id('purposes', 'iri', g.purpose)]);
  }

  /** How many claims were granted at each level and for each purpose, over every presentation taken in. */
  grantCounts(): { level: string; purpose: string; claims: number }[] {
    return this.#stmt('SELECT g.level, p.iri AS purpose, count(*) AS n FROM granted g JOIN purposes p ON p.id = g.purpose GROUP BY g.level, p.iri ORDER BY n DESC, g.level, p.iri').all()
      .map((r) => ({ level: r.level as string, purpose: r.purpose as string, claims: Number(r.n) }));
  }

  /**
   * Writes a copied claim unless the store holds a newer grant of it (later issue time; on a tie
   * the larger presentation digest, so the order lines arrive in does not matter). A revocation
   * already stored that postdates the grant applies to it at once. The presentation must have
   * been added. Returns whether it was written.
   */
  putClaim(c: ClaimRow): boolean {
    const subject = this.#id('subjects', 'holder', c.subject);
    const old = this.#stmt('SELECT c.issued_at, p.digest FROM claims c JOIN presentations p ON p.id = c.presentation WHERE c.subject = ? AND c.claim = ?').get([subject, c.claim]);
    if (old && (Number(old.issued_at) > c.issuedAt || (Number(old.issued_at) === c.issuedAt && (old.digest as string) >= c.presentation))) return false;
    const presentation = this.#ids.get(`presentations\u0000${c.presentation}`) ?? (this.#stmt('SELECT id FROM presentations WHERE digest = ?').get([c.presentation])?.id as number | undefined);
    if (presentation === undefined) throw new SelfCrmError('E_INTERNAL', 'a claim of a presentation the store does not have', '/presentation');
    const revoked = this.#stmt("SELECT min(at) AS at FROM revocations WHERE subject = ? AND (claim = ? OR claim = '*') AND at >= ?").get([subject, c.claim, c.issuedAt]);
    this.#stmt('INSERT OR REPLACE INTO claims VALUES (?, ?, ?, \'copied\', ?, ?, ?, ?, ?, ?)').run([
      subject, c.claim, JSON.stringify(c.value), this.#id('purposes', 'iri', c.purpose), c.expiresAt, c.issuedAt, Number(presentation),
      c.computedWith === null ? null : this.#id('computed', 'json', JSON.stringify({ engine: c.computedWith.engine, rules: c.computedWith.rules })),
      (revoked?.at as number | null | undefined) ?? null,
    ]);
    return true;
  }

  /** Records a revocation and marks every claim it covers (granted at or before it); returns their names. */
  addRevocation(r: { digest: string; subject: string; claims: string[]; at: number; origin: string }): string[] {
    const subject = this.#id('subjects', 'holder', r.subject);
    for (const claim of r.claims) this.#stmt('INSERT INTO revocations VALUES (?, ?, ?, ?, ?)').run([r.digest, subject, claim, r.at, r.origin]);
    const all = r.claims.includes('*');
    const covered = this.#stmt('SELECT claim FROM claims WHERE subject = ? AND issued_at <= ? AND revoked_at IS NULL ORDER BY claim').all([subject, r.at])
      .map((row) => row.claim as string).filter((c) => all || r.claims.includes(c));
    for (const claim of covered) this.#stmt('UPDATE claims SET revoked_at = ? WHERE subject = ? AND claim = ?').run([r.at, subject, claim]);
    return covered;
  }

  static readonly #claimSelect = `SELECT s.holder AS subject, c.claim, c.value, u.iri AS purpose, c.expires_at, c.issued_at, p.nonce, p.digest AS presentation, k.json AS computed_with, c.revoked_at
    FROM claims c JOIN subjects s ON s.id = c.subject JOIN purposes u ON u.id = c.purpose JOIN presentations p ON p.id = c.presentation LEFT JOIN computed k ON k.id = c.computed`;

  /** Claims in force at `now` (not revoked, not expired), for `purpose` when given, by subject and claim. */
  claimsInForce(options: { now: AsOf; purpose?: string }): StoredClaim[] {
    const now = Math.floor(dateOf(options.now, '/now').getTime() / 1000);
    return this.#stmt(`${IntakeStore.#claimSelect} WHERE c.revoked_at IS NULL AND (c.expires_at IS NULL OR c.expires_at > ?) AND (? IS NULL OR u.iri = ?) ORDER BY s.holder, c.claim`)
      .all([now, options.purpose ?? null, options.purpose ?? null]).map((r) => storedClaim(r as Record<string, unknown>));
  }

  /** Every claim row, revoked and expired ones included, by subject and claim. */
  allClaims(): StoredClaim[] {
    return this.#stmt(`${IntakeStore.#claimSelect} ORDER BY s.holder, c.claim`).all().map((r) => storedClaim(r as Record<string, unknown>));
  }

  /** Every presentation, grant and revocation the store has taken in, for comparing two stores. */
  evidence(): { presentations: Record<string, unknown>[]; granted: Record<string, unknown>[]; revocations: Record<string, unknown>[] } {
    return {
      presentations: this.#stmt('SELECT p.digest, p.nonce, s.holder, p.credential, p.origin, p.issued_at, p.verified_at FROM presentations p JOIN subjects s ON s.id = p.subject ORDER BY p.digest').all() as Record<string, unknown>[],
      granted: this.#stmt('SELECT p.digest, g.claim, g.level, u.iri FROM granted g JOIN presentations p ON p.id = g.presentation JOIN purposes u ON u.id = g.purpose ORDER BY p.digest, g.claim').all() as Record<string, unknown>[],
      revocations: this.#stmt('SELECT r.digest, s.holder, r.claim, r.at, r.origin FROM revocations r JOIN subjects s ON s.id = r.subject ORDER BY r.digest, r.claim').all() as Record<string, unknown>[],
    };
  }

  /** Deletes every claim revoked or expired at `now`, in one transaction; returns what went. */
  purge(now: AsOf): PurgedClaim[] {
    const at = Math.floor(dateOf(now, '/now').getTime() / 1000);
    return this.transaction(() => {
      const rows = this.#stmt(`${IntakeStore.#claimSelect} WHERE c.revoked_at IS NOT NULL OR (c.expires_at IS NOT NULL AND c.expires_at <= ?) ORDER BY s.holder, c.claim`).all([at]);
      this.#stmt('DELETE FROM claims WHERE revoked_at IS NOT NULL OR (expires_at IS NOT NULL AND expires_at <= ?)').run([at]);
      return rows.map((r) => ({
        subject: r.subject as string, claim: r.claim as string, purpose: r.purpose as string,
        reason: r.revoked_at !== null ? 'revoked' as const : 'expired' as const, expiresAt: iso(r.expires_at), revokedAt: iso(r.revoked_at),
      }));
    });
  }

  /** Closes the file and releases the lock. */
  async close(): Promise<void> {
    for (const st of this.#statements.values()) if (!st.isFinalized) st.finalize();
    this.#statements.clear();
    if (this.#db.isOpen) this.#db.close();
    await this.#lock.release();
  }
}
