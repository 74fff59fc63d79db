/**
 * WebCrypto: the global one (Node 19+, browsers, edge runtimes), else Node 18's
 * `node:crypto` webcrypto (Debian 12 ships Node 18, where the global needs a flag).
 */
let found: Crypto | undefined;

export async function webcrypto(): Promise<Crypto> {
  if (found) return found;
  if (globalThis.crypto?.subtle) {
    found = globalThis.crypto;
  } else {
    const mod = await import("node:crypto");
    found = mod.webcrypto as unknown as Crypto;
  }
  return found;
}
