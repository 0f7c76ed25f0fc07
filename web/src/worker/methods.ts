// What a worker can run: the package's pure functions (plain data in, plain data out).
import { classifyNps, classifyNpsLines, nps } from '../nps.js';

export const workerMethods = {
  classifyNps,
  classifyNpsLines,
  nps,
};

export type WorkerMethods = typeof workerMethods;
export type WorkerMethodName = keyof WorkerMethods;
