/**
 * Waits for `promise` at most `ms`; after that it carries on (resolving undefined) so
 * a teardown step that never settles — a peer that cannot say goodbye to a server that
 * is gone — cannot hang the suite. For teardown only: a test waits with `eventually`.
 */
export async function settleWithin<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([promise.catch(() => undefined), new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}
