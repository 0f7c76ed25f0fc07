#!/usr/bin/env node
// The `selfcrm` command: batch jobs over NDJSON from files or stdin.
import { SelfCrmError } from '../index.node.js';
import { npsHelp, runNps } from './commands/nps.js';
import { analyzeHelp, runAnalyze, runScore, scoreHelp } from './commands/score.js';
import { reportHelp, runReport } from './commands/report.js';
import { fitHelp, runFit } from './commands/fit.js';
import { ldpHelp, runLdp } from './commands/ldp.js';
import { loadEngine } from './io/load_engine.js';
import { runSentiment, sentimentHelp } from './commands/sentiment.js';
// Segments and personas
import { clusterHelp, runCluster } from './commands/cluster.js';
import { runSegment, segmentHelp } from './commands/segment.js';
import { UsageError, write } from './io/usage.js';
import { packageVersion } from './io/version.js';
import { runVerify, verifyHelp } from './commands/verify.js';
import { runVault, vaultHelp } from './commands/vault.js';
import { intakeHelp, runIntake } from './commands/intake.js';
import { rankHelp, runRank } from './commands/rank.js';
import { exportHelp, runExport } from './commands/export.js';

interface Command {
  summary: string;
  help: string;
  run: (argv: string[]) => Promise<number>;
  /** False for commands that never compute with the engine (no wasm to load). */
  engine?: false;
}

const commands: Record<string, Command> = {
  score: { summary: 'every score of NDJSON profiles, with explanations', help: scoreHelp, run: runScore },
  analyze: { summary: 'scores, feedback, segments and persona of NDJSON profiles', help: analyzeHelp, run: runAnalyze },
  report: { summary: 'population summary of NDJSON profiles, as JSON and an HTML page', help: reportHelp, run: runReport },
  nps: { summary: 'population Net Promoter Score of NDJSON answers', help: npsHelp, run: runNps },
  fit: { summary: 'fit a scoring model from transactions or profiles; sBG from tenures, BG/BB from opportunities', help: fitHelp, run: runFit },
  ldp: { summary: 'population shares estimated from local-DP randomized reports', help: ldpHelp, run: runLdp },
  sentiment: { summary: 'sentiment and intent cues of texts (NDJSON or plain lines)', help: sentimentHelp, run: runSentiment },
  // Segments and personas
  segment: { summary: 'segments, plan points and persona of NDJSON facts documents', help: segmentHelp, run: runSegment },
  cluster: { summary: 'k-means clusters of CSV or NDJSON feature rows', help: clusterHelp, run: runCluster },
  verify: { summary: 'verify a disclosure packet (SD-JWT) against a public key', help: verifyHelp, run: runVerify },
  vault: { summary: 'create, show, import history into and merge vault files', help: vaultHelp, run: runVault },
  intake: { summary: 'verified answers into the company\'s store on the customer\'s terms; purge; export rows', help: intakeHelp, run: runIntake, engine: false },
  // Company side, over customer rows from intake
  rank: { summary: 'the conversations worth having, with reason and channel', help: rankHelp, run: runRank },
  export: { summary: 'for other systems: CRM contacts (crm), the support queue (support)', help: exportHelp, run: runExport, engine: false },
};

function mainHelp(): string {
  const list = Object.entries(commands)
    .map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`)
    .join('\n');
  return `Usage: selfcrm <command> [options]\n       selfcrm --version\n\nCommands:\n${list}\n\nRun "selfcrm <command> --help" for a command's options.\n`;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    await write(name === undefined ? process.stderr : process.stdout, mainHelp());
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v') {
    await write(process.stdout, `selfcrm ${await packageVersion()}\n`);
    return 0;
  }
  const command = commands[name];
  if (!command) {
    await write(process.stderr, `selfcrm: unknown command "${name}"\n\n${mainHelp()}`);
    return 2;
  }
  try {
    if (command.engine !== false) await loadEngine();
    return await command.run(rest);
  } catch (e) {
    if (e instanceof UsageError) {
      await write(process.stderr, `selfcrm ${name}: ${e.message}\n\n${command.help}`);
      return 2;
    }
    const detail = e instanceof SelfCrmError ? `${e.code}: ${e.message}` : String(e);
    await write(process.stderr, `selfcrm ${name}: ${detail}\n`);
    return 1;
  }
}

// A reader that stops early (`selfcrm score … | head`) closes the pipe: that ends the job, quietly,
// as it ends for any Unix filter, instead of an unhandled EPIPE error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  // Output that cannot be written (a full disk): a message and exit 1, not a stack trace.
  process.stderr.write(`selfcrm: cannot write the output: ${e.message}\n`, () => process.exit(1));
});

const code = await main(process.argv.slice(2));
// Exit as soon as stdout has taken the last bytes: left to end by itself, Node first waits for V8
// to finish optimising the wasm code in the background, for nothing (measured: 55 ms of a 180 ms
// run). Every file and stream was closed and awaited by the command.
process.exitCode = code;
process.stdout.write('', () => process.exit(code));
