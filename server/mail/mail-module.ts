import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import type { Logger } from '../logger.ts';
import { MailQueue } from './mail-queue.ts';
import { MailTransports } from './mail-transports.ts';
import type { MailTransport } from './mail-types.ts';
import { ResendTransport } from './resend-transport.ts';
import { SmtpTransport } from './smtp-transport.ts';

export interface MailDeps {
  config: Pick<Config, 'resendApiKey' | 'mailFrom' | 'resendApiUrl' | 'smtp'>;
  db: Db;
  secret: string;
  logger: Logger;
}

export interface Mail {
  queue: MailQueue;
  transports: MailTransports;
  stop(): void;
}

/** The server-wide transport from `.env` (SMTP or Resend, never both), the per-account ones, and the queue. */
export function buildMail({ config, db, secret, logger }: MailDeps): Mail {
  let server: MailTransport | undefined;
  if (config.smtp) server = new SmtpTransport({ ...config.smtp, from: config.mailFrom! });
  else if (config.resendApiKey) server = new ResendTransport(config.resendApiKey, config.mailFrom!, config.resendApiUrl);
  const transports = new MailTransports(db, secret, server);
  const queue = new MailQueue(db, transports, logger);
  return {
    queue,
    transports,
    stop() {
      transports.close();
      if (server instanceof SmtpTransport) server.close();
    },
  };
}
