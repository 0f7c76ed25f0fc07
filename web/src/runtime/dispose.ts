// `using` needs Symbol.dispose; runtimes that predate it get the same registered symbol that
// Node's own polyfill uses, so objects stay disposable everywhere.
const symbols = Symbol as { dispose?: symbol };
if (typeof symbols.dispose !== 'symbol') {
  Object.defineProperty(Symbol, 'dispose', { value: Symbol.for('nodejs.dispose') });
}
export {};
