import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';

import { SelfCrmError, verifyShare } from '../../index.node.js';
import { UsageError, write } from '../io/usage.js';

export const verifyHelp = `Usage: selfcrm verify --key JWK_FILE [--packet FILE] [--audience ID] [--now ISO] [--output FILE]

Verifies a disclosure packet (an SD-JWT made by share()) read from FILE or stdin against the
issuer's public key (a JWK file: Ed25519 OKP or P-256 EC), and writes the result as JSON:
  {"valid","claims":{name:{value,level,purpose,retention,expiresAt}},"problems":[…],
   "issuer","audience","issuedAt","expiresAt"}
Only intact, unexpired claims are listed; "problems" names anything tampered, expired or
addressed to someone else. Exit status: 0 when the packet is valid, 1 when it is not (or cannot
be read), 2 on a usage error.

Options:
  -k, --key FILE        the issuer's public key as a JWK (JSON)
  -p, --packet FILE     read the packet from FILE instead of stdin
  -a, --audience ID     require the packet to be addressed to ID
      --now ISO         check expiry at this instant instead of now (e.g. 2026-01-31T12:00:00Z)
  -o, --output FILE     write the result to FILE instead of stdout
  -h, --help            show this text
`;

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function runVerify(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        key: { type: 'string', short: 'k' },
        packet: { type: 'string', short: 'p' },
        audience: { type: 'string', short: 'a' },
        now: { type: 'string' },
        output: { type: 'string', short: 'o' },
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
  const packet = values.packet ? await readFile(values.packet, 'utf8') : await readStdin();
  const result = await verifyShare(packet.trim(), {
    publicKey: jwk,
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
