// Nonces are used once: the first verified answer to a request consumes its nonce. Servers with
// several processes pass a shared store (e.g. backed by Redis SET NX with expiry).

export interface NonceStore {
  /** True the first time `nonce` is seen (and records it until `expiresAt`, seconds); false after. */
  consume(nonce: string, expiresAt: number): boolean | Promise<boolean>;
}

/** An in-memory store that forgets nonces once their request has expired. */
export function memoryNonceStore(): NonceStore {
  const used = new Map<string, number>();
  return {
    consume(nonce, expiresAt) {
      const now = Date.now() / 1000;
      if (used.size > 1024) for (const [n, until] of used) if (until < now) used.delete(n);
      if (used.has(nonce)) return false;
      used.set(nonce, expiresAt);
      return true;
    },
  };
}

/** The store verifyPresentation uses when none is given: one per JavaScript realm. */
export const defaultNonceStore = memoryNonceStore();
