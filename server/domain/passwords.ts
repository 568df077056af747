import { hash, verify, type Options } from '@node-rs/argon2';

/**
 * Account passwords: argon2id with OWASP's minimum (19 MiB, 2 passes, 1 lane). The
 * native implementation runs off the event loop, so a login never stalls a room.
 */
const OPTIONS: Options = { algorithm: 2 as Options['algorithm'] /* Argon2id */, memoryCost: 19 * 1024, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}
