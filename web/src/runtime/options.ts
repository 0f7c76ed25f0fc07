// Every call takes (input, options): options are checked here, so a value in their place (a
// positional firstLine, an asOf string) is a coded error instead of being read as something else.
import { SelfCrmError } from './errors.js';

/** @throws SelfCrmError E_SCHEMA naming `name` unless `value` is a plain object or undefined. @internal */
export function checkOptions<T extends object>(value: T | undefined, name = 'options'): T {
  if (value === undefined) return {} as T;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new SelfCrmError('E_SCHEMA', `${name} must be an object${typeof value === 'number' ? ' (firstLine goes in it: { firstLine })' : ''}`, `/${name}`);
  }
  return value;
}
