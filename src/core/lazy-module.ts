import { createRequire } from 'node:module';

/**
 * Defers loading a dependency until it is first used: `load` runs once, on the first call, and its
 * promise is shared. For a dependency only some deployments need (DKIM signing, outbound delivery,
 * `--dev-tls`): a mail server that never signs, relays or makes a certificate should not hold
 * their code and tables in its heap, nor have the garbage collector trace them on every full
 * collection. Write the `import()` in the caller, so bundlers and readers see the specifier.
 *
 * @example
 * const loadMailauth = lazyImport(() => import('mailauth'));
 * const { dkimSign } = await loadMailauth();
 */
export function lazyImport<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | undefined;
  return () => {
    loaded ??= load();
    return loaded;
  };
}

/**
 * {@link lazyImport} for a CommonJS (or dual) package that synchronous code needs: the package is
 * `require`d on the first call.
 *
 * @example
 * const mailparser = lazyRequire<typeof import('mailparser')>('mailparser');
 * mailparser().parseAddressHeader(['a@example.com']);
 */
export function lazyRequire<T>(specifier: string): () => T {
  let loaded: T | undefined;
  return () => {
    loaded ??= createRequire(import.meta.url)(specifier) as T;
    return loaded;
  };
}
