// Google Contacts' "Google CSV" export (contacts.google.com → Export → Google CSV), streamed row
// by row. Columns are found by name in the header, in both layouts Google has written:
//   since 2023: "First Name", "Middle Name", "Last Name", "Organization Name", "Organization Title",
//     "Birthday", "Labels", "E-mail 1 - Label", "E-mail 1 - Value", "Phone 1 - Label",
//     "Phone 1 - Value", "Address 1 - City", "Address 1 - Region", "Address 1 - Country", …
//   before: "Name", "Given Name", "Family Name", "Birthday", "Group Membership",
//     "E-mail 1 - Type", "E-mail 1 - Value", "Phone 1 - Type", "Phone 1 - Value",
//     "Organization 1 - Name", "Organization 1 - Title", "Address 1 - City", …
// Several values of one label share a cell, joined by " ::: ". Birthday is YYYY-MM-DD, or
// --MM-DD without a year.
//
// Whose data: an address book holds other people. Only rows that share an email or phone with
// the vault owner (under identity_match's rules, or a "same person" decision) are the owner's and
// proposed; every other row is skipped with its line and reason, never imported.
import { SelfCrmError } from '../../runtime/errors.js';
import { ownRecords, type IdentityDecision, type MatchRecord } from '../identity_match.js';
import type { IdentityKey } from '../types.js';
import { CsvRows, Utf8Pieces } from './csv.js';
import type { ExportBatch } from './export_batch.js';
import type { MemberSink } from './zip.js';

/** True when a CSV header row is a Google Contacts export. */
export function isGoogleContactsHeader(fields: string[]): boolean {
  return fields.includes('E-mail 1 - Value') && (fields.includes('First Name') || fields.includes('Given Name') || fields.includes('Name'));
}

interface Row {
  line: number;
  path: string;
  identities: { key: IdentityKey; column: string }[];
  fields: string[];
}

// Which columns hold identifiers, found once from the header.
interface Columns {
  names: string[];
  identifiers: { index: number; kind: 'email' | 'phone' }[];
  index: Map<string, number>;
}

function columnsOf(header: string[]): Columns {
  const identifiers: Columns['identifiers'] = [];
  header.forEach((column, index) => {
    if (/^E-mail \d+ - Value$/.test(column)) identifiers.push({ index, kind: 'email' });
    if (/^Phone \d+ - Value$/.test(column)) identifiers.push({ index, kind: 'phone' });
  });
  return { names: header, identifiers, index: new Map(header.map((c, i) => [c, i])) };
}

const ROWS_PER_CALL = 2048;
const NOT_OWNER = 'shares no email or phone with you: an address book holds other people\'s contacts, so the row is not imported';

export class GoogleContactsReader implements MemberSink {
  readonly #out: ExportBatch;
  readonly #where: string;
  readonly #owner: IdentityKey[];
  readonly #decisions: IdentityDecision[];
  readonly #text: Utf8Pieces;
  readonly #csv: CsvRows;
  #columns: Columns | undefined;
  #pending: Row[] = [];

  /** `member`: the ZIP member's name, or '' for a CSV file on its own. */
  constructor(out: ExportBatch, member: string, owner: IdentityKey[], decisions: IdentityDecision[]) {
    this.#out = out;
    this.#where = member ? `${member} ` : '';
    this.#owner = owner;
    this.#decisions = decisions;
    this.#csv = new CsvRows((fields, line) => this.#row(fields, line), this.#where);
    this.#text = new Utf8Pieces((t) => this.#csv.push(t), `${this.#where}line 1`);
  }

  data(chunk: Uint8Array): void {
    this.#text.push(chunk);
  }

  end(): void {
    this.#text.end();
    this.#csv.end();
    if (!this.#columns) throw new SelfCrmError('E_EMPTY', 'the contacts file has no header row', `${this.#where}line 1`);
    this.#flush();
  }

  #row(fields: string[], line: number): void {
    const path = `${this.#where}line ${line}`;
    const columns = this.#columns;
    if (!columns) {
      if (!isGoogleContactsHeader(fields)) {
        throw new SelfCrmError('E_SCHEMA', 'not a Google Contacts CSV header (no "E-mail 1 - Value" and name columns)', path);
      }
      this.#columns = columnsOf(fields);
      return;
    }
    if (fields.length !== columns.names.length) {
      this.#out.reject('E_SCHEMA', path, `${fields.length} fields where the header has ${columns.names.length} (RFC 4180: every record has the header's fields)`);
      return;
    }
    const identities: Row['identities'] = [];
    for (const { index, kind } of columns.identifiers) {
      const cell = fields[index] as string;
      if (!cell) continue;
      for (const value of cell.split(' ::: ')) {
        const v = value.trim();
        if (v) identities.push({ key: { kind, value: v }, column: columns.names[index] as string });
      }
    }
    this.#pending.push({ line, path, identities, fields });
    if (this.#pending.length >= ROWS_PER_CALL) this.#flush();
  }

  #flush(): void {
    const rows = this.#pending;
    this.#pending = [];
    if (rows.length === 0) return;
    const records: MatchRecord[] = rows.map((r) => ({ id: r.path, identities: r.identities.map((i) => i.key) }));
    const own = new Map(ownRecords(this.#owner, records, this.#decisions).map((v) => [v.index, v]));
    rows.forEach((row, i) => {
      const verdict = own.get(i);
      if (!verdict) {
        this.#out.skip('E_NOT_FOUND', row.path, NOT_OWNER, NOT_OWNER);
        return;
      }
      const invalid = new Map(verdict.invalid.map((p) => [p.index, p]));
      row.identities.forEach((id, k) => {
        const bad = invalid.get(k);
        const where = `${row.path} "${id.column}"`;
        if (bad) this.#out.skip(bad.code as 'E_RANGE', where, `"${id.key.value}": ${bad.message}`);
        else this.#out.identity(id.key.kind, id.key.value, where, { record: row.path });
      });
      this.#attributes(row);
    });
  }

  #attributes(row: Row): void {
    const columns = this.#columns as Columns;
    const cellOf = (name: string) => {
      const i = columns.index.get(name);
      return i === undefined ? '' : (row.fields[i] as string).trim();
    };
    const cell = (...names: string[]) => names.map(cellOf).find((v) => v !== '') ?? '';
    const at = (column: string) => `${row.path} "${column}"`;
    const out = this.#out;
    const given = cell('First Name', 'Given Name');
    const family = cell('Last Name', 'Family Name');
    const full = cell('Name') || [given, cell('Middle Name', 'Additional Name'), family].filter(Boolean).join(' ');
    out.attribute('personal', 'name', full, at(cellOf('Name') ? 'Name' : 'First Name'), row.path);
    out.attribute('personal', 'givenName', given, at('First Name'), row.path);
    out.attribute('personal', 'familyName', family, at('Last Name'), row.path);
    out.attribute('profile', 'company', cell('Organization Name', 'Organization 1 - Name'), at('Organization Name'), row.path);
    out.attribute('profile', 'job', cell('Organization Title', 'Organization 1 - Title'), at('Organization Title'), row.path);
    out.attribute('personal', 'city', cell('Address 1 - City'), at('Address 1 - City'), row.path);
    out.attribute('personal', 'country', cell('Address 1 - Country'), at('Address 1 - Country'), row.path);
    const birthday = cell('Birthday');
    const full_ = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthday);
    const monthDay = /^--(\d{2})-(\d{2})$/.exec(birthday);
    if (full_) {
      out.attribute('personal', 'birthDate', { date: birthday }, at('Birthday'), row.path);
      out.attribute('personal', 'birthYear', Number(full_[1]), at('Birthday'), row.path);
    } else if (monthDay) {
      out.attribute('personal', 'birthMonthDay', `${monthDay[1]}-${monthDay[2]}`, at('Birthday'), row.path);
    } else if (birthday) {
      out.skip('E_RANGE', at('Birthday'), `"${birthday}" is not a date (YYYY-MM-DD or --MM-DD)`);
    }
  }
}
