import type { Hono } from 'hono';
import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import type { AccountsService } from '../domain/accounts-service.ts';
import type { AppEnv } from '../http/context.ts';
import type { Mail } from '../mail/mail-module.ts';
import { accountSecurityRoutes } from '../api/account-security.ts';
import { PasswordService } from './password-service.ts';
import { SignupService } from './signup-service.ts';

export interface AccountSecurityDeps {
  config: Pick<Config, 'requireEmailVerification' | 'signupRatePerHour'>;
  db: Db;
  accounts: AccountsService;
  mail: Mail;
  baseUrl: () => string;
  wake: () => void;
}

export interface AccountSecurity {
  /** Mounted under /api/v1. */
  routes: Hono<AppEnv>;
  /** Given to the sign-up and log-in routes: rate limit, verification. */
  signups: SignupService;
}

/** ACC-4 around the core accounts: reset links, password change, verified sign-up with a rate limit. */
export function buildAccountSecurity(deps: AccountSecurityDeps): AccountSecurity {
  const passwords = new PasswordService({ db: deps.db, mail: deps.mail.queue, serverDelivery: () => deps.mail.transports.serverDelivery(), baseUrl: deps.baseUrl, wake: deps.wake });
  const signups = new SignupService({
    db: deps.db, accounts: deps.accounts, mail: deps.mail.queue,
    requireVerification: deps.config.requireEmailVerification, perHour: deps.config.signupRatePerHour,
    baseUrl: deps.baseUrl, wake: deps.wake,
  });
  return { routes: accountSecurityRoutes(passwords, signups), signups };
}
