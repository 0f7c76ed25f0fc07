// Messages between a page and its SelfCRM worker.
import type { LoadOptions } from '../runtime/loader.js';
import type { ErrorCode } from '../runtime/errors.js';

export interface CallMessage {
  id: number;
  method: string;
  args: unknown[];
}

export interface ReadyMessage {
  id: number;
  method: '__ready';
  args: [LoadOptions?];
}

export type Reply =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: { name: string; code: ErrorCode; path: string; message: string } };
