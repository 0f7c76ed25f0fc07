import { createReadStream } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { parseArgs } from 'node:util';

import { defaultVerifyLimits, SelfCrmError, verifyShare, type VerifyLimits } from '../../index.node.js';
import { UsageError, write } from '../io/usage.js';
import { runVerifyResponses } from './verify_responses.js';

export const verifyHelp = `Usage: selfcrm verify --key JWK_FILE [--packet FILE] [--audience ID] [--now ISO] [--output FILE]
       selfcrm verify --responses [options]   (OpenID4VP answers in batch; --responses --help)

Verifies a disclosure packet (an SD-JWT made by share()) read from FILE or stdin against the
issuer's public key (a JWK file: Ed25519 OKP or P-256 EC), and writes the result as JSON:
  {"valid","claims":{name:{value,level,purpose,retention,expiresAt}},"problems":[…],
   "issuer","audience","issuedAt","expiresAt"}
Only intact, unexpired claims are listed; "problems" names anything tampered, expired or
addressed to someone else. Exit status: 0 when the packet is valid, 1 when it is not (or cannot
be read), 2 on a usage error.

Options:
      --key FILE        the issuer's public key as a JWK (JSON)
      --packet FILE     read the packet from FILE instead of stdin
  -a, --audience ID     require the packet to be addressed to ID
      --now ISO         check expiry at this instant instead of now (e.g. 2026-01-31T12:00:00Z)
  -o, --output FILE     write the result to FILE instead of stdout
      --max-packet-length N  refuse a longer packet unread (default ${defaultVerifyLimits.maxPacketLength} characters)
      --max-disclosures N    refuse a packet with more disclosures (default ${defaultVerifyLimits.maxDisclosures})
  -h, --help            show this text
`;

// Reads no more than a packet within `maxLength` characters can take (4 UTF-8 bytes each): the
// verifier then reports a longer one as too-large without the rest ever being held in memory.
async function readBounded(input: Readable, maxLength: number): Promise<string> {
  const cap = maxLength * 4 + 4;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of input) {
    chunks.push(chunk as Buffer);
    size += (chunk as Buffer).length;
    if (size > cap) break;
  }
  input.destroy();
  return Buffer.concat(chunks).toString('utf8');
}

function limitOption(text: string | undefined, name: string): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < 1) throw new UsageError(`--${name} must be a positive integer`);
  return n;
}

export async function runVerify(argv: string[]): Promise<number> {
  if (argv.includes('--responses')) return runVerifyResponses(argv);
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        // Long only: -k is cluster's k and -p the persona pack elsewhere.
        key: { type: 'string' },
        packet: { type: 'string' },
        audience: { type: 'string', short: 'a' },
        now: { type: 'string' },
        output: { type: 'string', short: 'o' },
        'max-packet-length': { type: 'string' },
        'max-disclosures': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: false,
    }));
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (values.help) {
    await write(process.stdout, verifyHelp);
    return 0;
  }
  if (!values.key) throw new UsageError('--key is required');
  let now: Date | undefined;
  if (values.now !== undefined) {
    now = new Date(values.now);
    if (Number.isNaN(now.getTime())) throw new UsageError('--now must be an ISO-8601 instant');
  }
  let jwk: JsonWebKey;
  try {
    jwk = JSON.parse(await readFile(values.key, 'utf8')) as JsonWebKey;
  } catch (e) {
    throw new SelfCrmError('E_PARSE', `cannot read the key: ${(e as Error).message}`, '/key');
  }
  const limits: Partial<VerifyLimits> = {};
  const maxLength = limitOption(values['max-packet-length'], 'max-packet-length');
  const maxDisclosures = limitOption(values['max-disclosures'], 'max-disclosures');
  if (maxLength !== undefined) limits.maxPacketLength = maxLength;
  if (maxDisclosures !== undefined) limits.maxDisclosures = maxDisclosures;
  let packet: string;
  try {
    const input = values.packet ? createReadStream(values.packet) : process.stdin;
    packet = await readBounded(input, maxLength ?? defaultVerifyLimits.maxPacketLength);
  } catch (e) {
    throw new SelfCrmError('E_PARSE', `cannot read the packet: ${(e as Error).message}`, '/packet');
  }
  const result = await verifyShare(packet.trim(), {
    publicKey: jwk,
    limits,
    ...(now ? { now } : {}),
    ...(values.audience !== undefined ? { audience: values.audience } : {}),
  });
  const text = `${JSON.stringify(result)}\n`;
  if (values.output) await writeFile(values.output, text);
  else await write(process.stdout, text);
  if (!result.valid) {
    await write(process.stderr, result.problems.map((p) => `${p.kind}${p.claim ? ` (${p.claim})` : ''}: ${p.message}\n`).join(''));
  }
  return result.valid ? 0 : 1;
}
