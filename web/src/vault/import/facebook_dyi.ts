// Facebook's "Download your information" archive in JSON format (facebook.com/dyi): the profile
// is profile_information/profile_information.json (since 2024 under personal_information/):
//   {"profile_v2": {"name": {"full_name", "first_name", "middle_name", "last_name"},
//     "emails": {"emails": [...], "previous_emails": [...], "pending_emails": [...]},
//     "birthday": {"year", "month", "day"}, "gender": {"gender_option", "pronoun"},
//     "current_city": {"name"}, "hometown": {"name"},
//     "phone_numbers": [{"phone_type", "phone_number", "verified"}], "username", "profile_uri"}}
// (archives before 2021 call the object "profile"). The archive is the account holder's own, so
// its profile is proposed whole; friends, messages and media name other people or are not
// identities, and are skipped with a reason.
//
// Facebook writes text as UTF-8 bytes each escaped as one code point ("\u00c3\u00a9" for "é";
// https://stackoverflow.com/questions/52747566): runs of U+0080–U+00FF are decoded as UTF-8 where
// they form valid UTF-8, and kept as they are where they do not (genuine Latin-1 text).
import { SelfCrmError } from '../../runtime/errors.js';
import type { ExportBatch } from './export_batch.js';
import { jsonErrorOffset, lineColumn } from './json_error_at.js';
import type { MemberSink } from './zip.js';

/** The profile member of a DYI archive, in either folder layout. */
export const isFacebookProfileMember = (name: string): boolean => /(^|\/)profile_information\/profile_information\.json$/.test(name);

const MAX_PROFILE_BYTES = 16 * 2 ** 20;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Undoes Facebook's byte-per-code-point escaping where the bytes are valid UTF-8. */
export function repairMojibake(text: string): string {
  return text.replace(/[\u0080-\u00ff]+/g, (run) => {
    const bytes = Uint8Array.from(run, (c) => c.charCodeAt(0));
    try {
      return utf8.decode(bytes);
    } catch {
      return run;
    }
  });
}

type Json = unknown;
const isObject = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);

export class FacebookProfileReader implements MemberSink {
  readonly #out: ExportBatch;
  readonly #member: string;
  readonly #chunks: Uint8Array[] = [];
  #bytes = 0;

  constructor(out: ExportBatch, member: string) {
    this.#out = out;
    this.#member = member;
  }

  data(chunk: Uint8Array): void {
    this.#bytes += chunk.length;
    if (this.#bytes > MAX_PROFILE_BYTES) {
      throw new SelfCrmError('E_RANGE', `a profile of more than ${MAX_PROFILE_BYTES} bytes (Facebook's is a few kilobytes)`, this.#member);
    }
    this.#chunks.push(chunk.slice());
  }

  end(): void {
    const all = new Uint8Array(this.#bytes);
    let at = 0;
    for (const c of this.#chunks) all.set(c, (at += c.length) - c.length);
    let text: string;
    try {
      text = utf8.decode(all);
    } catch {
      throw new SelfCrmError('E_PARSE', 'the profile is not UTF-8 text', this.#member);
    }
    let root: Json;
    try {
      root = JSON.parse(text);
    } catch (e) {
      const offset = jsonErrorOffset(text);
      const where = offset >= 0 ? ` ${lineColumn(text, offset)}` : '';
      throw new SelfCrmError('E_PARSE', `not JSON: ${(e as Error).message.slice(0, 200)}`, `${this.#member}${where}`);
    }
    this.#profile(root);
  }

  #profile(root: Json): void {
    const key = isObject(root) ? (isObject(root.profile_v2) ? 'profile_v2' : isObject(root.profile) ? 'profile' : undefined) : undefined;
    if (!key || !isObject(root)) {
      throw new SelfCrmError('E_SCHEMA', 'not a Facebook profile: no "profile_v2" object', `${this.#member} $`);
    }
    const p = root[key] as Record<string, Json>;
    const base = `$.${key}`;
    const out = this.#out;
    const at = (path: string) => `${this.#member} ${base}${path}`;
    const text = (v: Json, path: string): string | undefined => {
      if (v === undefined || v === null) return undefined;
      if (typeof v !== 'string') {
        out.reject('E_SCHEMA', at(path), 'expected a string');
        return undefined;
      }
      return repairMojibake(v).trim() || undefined;
    };
    const list = (v: Json, path: string): Json[] => {
      if (v === undefined) return [];
      if (!Array.isArray(v)) {
        out.reject('E_SCHEMA', at(path), 'expected a list');
        return [];
      }
      return v;
    };
    const object = (v: Json, path: string): Record<string, Json> => {
      if (v === undefined) return {};
      if (!isObject(v)) {
        out.reject('E_SCHEMA', at(path), 'expected an object');
        return {};
      }
      return v;
    };

    const name = object(p.name, '.name');
    const full = text(name.full_name, '.name.full_name');
    if (full) out.attribute('personal', 'name', full, at('.name.full_name'), this.#member);
    const given = text(name.first_name, '.name.first_name');
    if (given) out.attribute('personal', 'givenName', given, at('.name.first_name'), this.#member);
    const family = text(name.last_name, '.name.last_name');
    if (family) out.attribute('personal', 'familyName', family, at('.name.last_name'), this.#member);

    const emails = object(p.emails, '.emails');
    list(emails.emails, '.emails.emails').forEach((v, i) => {
      const email = text(v, `.emails.emails[${i}]`);
      if (email) out.identity('email', email, at(`.emails.emails[${i}]`), { record: this.#member });
    });
    for (const old of ['previous_emails', 'pending_emails', 'ad_account_emails'] as const) {
      list(emails[old], `.emails.${old}`).forEach((_, i) =>
        out.skip('E_UNSUPPORTED', at(`.emails.${old}[${i}]`), `${old.replace('_', ' ')}: not a current address of yours, so not imported as an identity`),
      );
    }
    list(p.phone_numbers, '.phone_numbers').forEach((v, i) => {
      const path = `.phone_numbers[${i}]`;
      const entry = object(v, path);
      const number = text(entry.phone_number, `${path}.phone_number`);
      if (!number) return;
      if (entry.verified !== undefined && typeof entry.verified !== 'boolean') out.reject('E_SCHEMA', at(`${path}.verified`), 'expected true or false');
      out.identity('phone', number, at(`${path}.phone_number`), entry.verified === true ? { verified: true, record: this.#member } : { record: this.#member });
    });
    const username = text(p.username, '.username');
    if (username) out.identity('facebook', username, at('.username'), { record: this.#member });

    const birthday = object(p.birthday, '.birthday');
    const [y, m, d] = [birthday.year, birthday.month, birthday.day];
    if ([y, m, d].every((n) => Number.isInteger(n)) && (m as number) >= 1 && (d as number) >= 1) {
      const two = (n: number) => String(n).padStart(2, '0');
      if ((y as number) > 0) {
        out.attribute('personal', 'birthDate', { date: `${y}-${two(m as number)}-${two(d as number)}` }, at('.birthday'), this.#member);
        out.attribute('personal', 'birthYear', y as number, at('.birthday.year'), this.#member);
      } else {
        out.attribute('personal', 'birthMonthDay', `${two(m as number)}-${two(d as number)}`, at('.birthday'), this.#member);
      }
    } else if (p.birthday !== undefined && !(y === 0 && m === 0 && d === 0)) {
      out.reject('E_SCHEMA', at('.birthday'), 'a birthday is {year, month, day} integers');
    }
    const gender = text(object(p.gender, '.gender').gender_option, '.gender.gender_option');
    if (gender) out.attribute('personal', 'gender', gender.toLowerCase(), at('.gender.gender_option'), this.#member);
    const city = text(object(p.current_city, '.current_city').name, '.current_city.name');
    if (city) out.attribute('personal', 'city', city, at('.current_city.name'), this.#member);
  }
}
