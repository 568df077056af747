import type { MailLanguage } from '../../../shared/registration-schemas.ts';

/**
 * The words of every e-mail, in English and Polish. `{name}` marks a value filled in.
 * Kept apart from the layout so a translator edits one place.
 */
const en = {
  greeting: 'Hello {name},',
  greetingAnonymous: 'Hello,',
  when: 'When',
  duration: 'Duration',
  minutes: '{count} min',
  organizerZone: '{time} in the organizer’s time zone ({zone})',
  join: 'Join the event',
  joinPresenter: 'Join as presenter',
  linkFallback: 'If the button does not work, open this address:',
  personalLink: 'This link is personal: do not forward it.',
  token: 'Your personal access token: {token}',
  calendarHint: 'The attached calendar file adds the event to your calendar.',
  confirmationSubject: 'You are registered: {event}',
  confirmationIntro: 'Thank you for registering for “{event}”.',
  invitationSubject: 'Invitation: {event}',
  invitationIntro: 'You are invited to “{event}”.',
  invitationPresenterSubject: 'Invitation to present: {event}',
  invitationPresenterIntro: 'You are invited to present at “{event}”.',
  updateSubject: 'Updated: {event}',
  updateIntro: 'The details of “{event}” have changed. Here is the updated invitation.',
  cancelSubject: 'Cancelled: {event}',
  cancelIntro: '“{event}” has been cancelled. The attached file removes it from your calendar.',
  reminderSubject: 'Reminder: {event} starts {when}',
  reminderIntro: '“{event}” starts {when}.',
  unsubscribe: 'Do not want reminders from this organizer? Unsubscribe: {url}',
  unsubscribeLabel: 'Unsubscribe from reminders',
  thankYouSubject: 'Thank you for attending {event}',
  thankYouIntro: 'Thank you for taking part in “{event}”.',
  thankYouMore: 'More from the organizer',
  signatureDefault: 'Sent with Webinars on behalf of {account}.',
  unsubscribedTitle: 'You are unsubscribed',
  unsubscribedText: '{email} will receive no more reminders from this organizer.',
  unsubscribeConfirmTitle: 'Unsubscribe from reminders?',
  unsubscribeConfirmText: '{email} will receive no more event reminders from this organizer.',
  unsubscribeButton: 'Unsubscribe',
  invalidLink: 'This link is not valid.',
};

export type MailWords = typeof en;

const pl: MailWords = {
  greeting: 'Dzień dobry {name},',
  greetingAnonymous: 'Dzień dobry,',
  when: 'Termin',
  duration: 'Czas trwania',
  minutes: '{count} min',
  organizerZone: '{time} w strefie czasowej organizatora ({zone})',
  join: 'Dołącz do wydarzenia',
  joinPresenter: 'Dołącz jako prezenter',
  linkFallback: 'Jeśli przycisk nie działa, otwórz ten adres:',
  personalLink: 'Ten link jest osobisty: nie przekazuj go dalej.',
  token: 'Twój osobisty token dostępu: {token}',
  calendarHint: 'Załączony plik kalendarza doda wydarzenie do Twojego kalendarza.',
  confirmationSubject: 'Potwierdzenie rejestracji: {event}',
  confirmationIntro: 'Dziękujemy za rejestrację na wydarzenie „{event}”.',
  invitationSubject: 'Zaproszenie: {event}',
  invitationIntro: 'Zapraszamy na wydarzenie „{event}”.',
  invitationPresenterSubject: 'Zaproszenie dla prezentera: {event}',
  invitationPresenterIntro: 'Zapraszamy do poprowadzenia prezentacji podczas wydarzenia „{event}”.',
  updateSubject: 'Zmiana: {event}',
  updateIntro: 'Szczegóły wydarzenia „{event}” zmieniły się. Oto zaktualizowane zaproszenie.',
  cancelSubject: 'Odwołane: {event}',
  cancelIntro: 'Wydarzenie „{event}” zostało odwołane. Załączony plik usunie je z Twojego kalendarza.',
  reminderSubject: 'Przypomnienie: {event} zaczyna się {when}',
  reminderIntro: 'Wydarzenie „{event}” zaczyna się {when}.',
  unsubscribe: 'Nie chcesz przypomnień od tego organizatora? Wypisz się: {url}',
  unsubscribeLabel: 'Wypisz się z przypomnień',
  thankYouSubject: 'Dziękujemy za udział: {event}',
  thankYouIntro: 'Dziękujemy za udział w wydarzeniu „{event}”.',
  thankYouMore: 'Więcej od organizatora',
  signatureDefault: 'Wysłano przez Webinary w imieniu: {account}.',
  unsubscribedTitle: 'Wypisano z przypomnień',
  unsubscribedText: 'Adres {email} nie będzie już otrzymywać przypomnień od tego organizatora.',
  unsubscribeConfirmTitle: 'Wypisać się z przypomnień?',
  unsubscribeConfirmText: 'Adres {email} nie będzie już otrzymywać przypomnień o wydarzeniach od tego organizatora.',
  unsubscribeButton: 'Wypisz się',
  invalidLink: 'Ten link jest nieprawidłowy.',
};

const WORDS: Record<MailLanguage, MailWords> = { en, pl };

export function words(language: MailLanguage): MailWords {
  return WORDS[language];
}

export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}

const LOCALES: Record<MailLanguage, string> = { en: 'en-GB', pl: 'pl-PL' };

/** "Tuesday, 1 December 2026 at 10:00 (Europe/Warsaw)": the instant in `zone`, the zone named. */
export function formatWhen(instant: Date, zone: string, language: MailLanguage): string {
  const text = new Intl.DateTimeFormat(LOCALES[language], { timeZone: zone, dateStyle: 'full', timeStyle: 'short' }).format(instant);
  return `${text} (${zone.replaceAll('_', ' ')})`;
}

/** "in 15 minutes", "za 1 dzień": how long before the start a reminder goes out. */
export function formatLead(minutes: number, language: MailLanguage): string {
  const format = new Intl.RelativeTimeFormat(LOCALES[language], { numeric: 'always' });
  if (minutes % 1440 === 0) return format.format(minutes / 1440, 'day');
  if (minutes % 60 === 0) return format.format(minutes / 60, 'hour');
  return format.format(minutes, 'minute');
}
