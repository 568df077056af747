import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { eventually } from './room-client.ts';

export interface ReceivedMail {
  /** RCPT TO addresses. */
  to: string[];
  from: string;
  /** The login the client used, if any. */
  user: string | undefined;
  parsed: ParsedMail;
}

/**
 * A real SMTP server on loopback (the `smtp-server` package) that accepts mail for any
 * address and keeps what arrives, parsed. Recipients starting with `refused@` get a 550,
 * `later@` a 451, so the queue's failure handling meets real SMTP answers.
 */
export class SmtpInbox {
  private constructor(private readonly server: SMTPServer, readonly port: number, readonly received: ReceivedMail[]) {}

  static async start(options: { user?: string; password?: string } = {}): Promise<SmtpInbox> {
    const received: ReceivedMail[] = [];
    const server = new SMTPServer({
      // No TLS on loopback: nodemailer would otherwise upgrade and refuse the self-signed certificate.
      disabledCommands: ['STARTTLS'],
      allowInsecureAuth: true,
      authOptional: !options.user,
      logger: false,
      onAuth(auth, _session, callback) {
        if (auth.username === options.user && auth.password === options.password) callback(null, { user: auth.username });
        else callback(new Error('Invalid username or password'));
      },
      onRcptTo(address, _session, callback) {
        if (address.address.startsWith('refused@')) {
          callback(Object.assign(new Error('No such mailbox'), { responseCode: 550 }));
        } else if (address.address.startsWith('later@')) {
          callback(Object.assign(new Error('Mailbox busy, try later'), { responseCode: 451 }));
        } else {
          callback();
        }
      },
      onData(stream, session, callback) {
        simpleParser(stream).then((parsed) => {
          received.push({
            to: session.envelope.rcptTo.map((r) => r.address),
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            user: typeof session.user === 'string' ? session.user : undefined,
            parsed,
          });
          callback();
        }, (error: Error) => callback(error));
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    return new SmtpInbox(server, (server.server.address() as AddressInfo).port, received);
  }

  /** The env that points the product at this server. */
  env(from = 'Webinars <webinars@example.com>'): Record<string, string> {
    return { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(this.port), SMTP_SECURE: 'false', MAIL_FROM: from };
  }

  /** Waits for a message to `to` whose subject matches. */
  async waitFor(to: string, subject: RegExp | string = /./, timeoutMs = 20_000): Promise<ReceivedMail> {
    const matches = (m: ReceivedMail) => m.to.includes(to) && (typeof subject === 'string' ? m.parsed.subject === subject : subject.test(m.parsed.subject ?? ''));
    return eventually(() => this.received.find(matches), timeoutMs, `an e-mail to ${to} (${String(subject)})`);
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
