import { Hono } from 'hono';
import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import type { AccountsService } from '../domain/accounts-service.ts';
import type { EventsService } from '../domain/events-service.ts';
import type { TokenHolderLookup } from '../domain/join-service.ts';
import type { RoomStatesStore } from '../domain/room-states-store.ts';
import type { AppEnv } from '../http/context.ts';
import { JobScheduler, type JobHandler } from '../jobs/job-scheduler.ts';
import { JobsStore } from '../jobs/jobs-store.ts';
import type { Logger } from '../logger.ts';
import { buildMail, type Mail } from '../mail/mail-module.ts';
import { UnsubscribeLinks } from '../mail/unsubscribe-links.ts';
import { contactRoutes } from '../api/contacts.ts';
import { eventSetupRoutes } from '../api/event-setup.ts';
import { invitationRoutes } from '../api/invitations.ts';
import { mailRoutes } from '../api/mail.ts';
import { registrationRoutes } from '../api/registration.ts';
import { AddressBookService } from './address-book-service.ts';
import { AppearanceService } from './appearance-service.ts';
import { EventMailer } from './event-mailer.ts';
import { EventNotifications } from './event-notifications.ts';
import { GuestsStore } from './guests-store.ts';
import { InvitationsService } from './invitations-service.ts';
import { MailSettingsService } from './mail-settings-service.ts';
import { RegistrationService, type SessionChoice } from './registration-service.ts';
import { REMINDER_JOB, Reminders } from './reminders.ts';
import { SchedulingStore } from './scheduling-store.ts';
import { TimelineService } from './timeline-service.ts';

export interface SchedulingDeps {
  config: Pick<Config, 'resendApiKey' | 'mailFrom' | 'resendApiUrl' | 'smtp' | 'accountSmtpAllowPrivate'>;
  db: Db;
  events: EventsService;
  accounts: AccountsService;
  roomStates: RoomStatesStore;
  secret: string;
  baseUrl: () => string;
  logger: Logger;
  /** How often the job loop looks at the table when nothing woke it. */
  pollMs?: number;
  /** Durable jobs of other modules (automated starts, GDPR retention, …), by kind: one loop runs every job. */
  jobHandlers?: Record<string, JobHandler>;
  /** Webinars with sessions (the automated module): registrants choose a session. */
  sessions?: SessionChoice;
}

export interface Scheduling {
  /** Mounted under /api/v1 (before routers that guard all of /events/*). */
  routes: Hono<AppEnv>;
  /** For the join service: who a personal token belongs to. */
  tokenHolder: TokenHolderLookup;
  /** The account's address book, for other modules' forms that collect contacts (the on-demand lead gate). */
  addressBook: AddressBookService;
  /** The mail queue and transports, for account mail (password resets, verification). */
  mail: Mail;
  /** Wakes the job loop so queued mail goes out now. */
  wake(): void;
  start(): void;
  stop(): Promise<void>;
}

/**
 * Builds everything around the hour in the room (registration, invitations, reminders,
 * address book, appearance, timeline, e-mail and its job loop) from the core services,
 * so the composition root adds one line and one router.
 */
export function buildScheduling(deps: SchedulingDeps): Scheduling {
  const { db, events, accounts, roomStates, baseUrl, logger } = deps;
  const mailModule = buildMail({ config: deps.config, db, secret: deps.secret, logger });
  const mail = mailModule.queue;
  const jobs = new JobsStore(db);
  const store = new SchedulingStore(db);
  const guests = new GuestsStore(db, events);
  const unsubscribe = new UnsubscribeLinks(db, deps.secret, baseUrl);
  const mailer = new EventMailer(guests, store, accounts, mail, unsubscribe, baseUrl);
  const reminders = new Reminders(db, jobs, store, events, guests, mailer, roomStates);
  const appearance = new AppearanceService(db, events, store);
  const addressBook = new AddressBookService(db);
  // The scheduler needs the notifications' handlers and they need to wake it: a late-bound reference.
  const schedulerRef: { current?: JobScheduler } = {};
  const wake = () => schedulerRef.current?.wake();
  const notifications = new EventNotifications(db, jobs, () => schedulerRef.current, store, events, guests, mailer, reminders, roomStates);
  const scheduler = new JobScheduler(jobs, mail, { ...deps.jobHandlers, [REMINDER_JOB]: reminders.handler(), ...notifications.handlers() }, logger, deps.pollMs);
  schedulerRef.current = scheduler;

  const registration = new RegistrationService(db, events, store, guests, mailer, appearance, roomStates, baseUrl, wake, deps.sessions);
  const invitations = new InvitationsService(db, events, store, guests, mailer, addressBook, roomStates, wake);
  const settings = new MailSettingsService(db, store, accounts, mailer, mailModule.transports, mail, baseUrl);
  const routes = new Hono<AppEnv>()
    .route('/events', registrationRoutes(registration))
    .route('/events', invitationRoutes(invitations))
    .route('/events', eventSetupRoutes(appearance, reminders))
    .route('/', contactRoutes(addressBook))
    .route('/', mailRoutes({ mail, events, settings, unsubscribe, timeline: new TimelineService(db), wake }));

  return {
    routes,
    tokenHolder: (tokenId) => guests.holderOfToken(tokenId),
    addressBook,
    mail: mailModule,
    wake,
    start: () => scheduler.start(),
    async stop() {
      notifications.close();
      await scheduler.stop();
      mailModule.stop();
    },
  };
}
