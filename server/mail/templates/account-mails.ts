import type { MailLanguage } from '../../../shared/registration-schemas.ts';
import type { MailContent, MailDelivery } from '../mail-types.ts';
import { renderLayout, type Block } from './layout.ts';
import { fill } from './mail-text.ts';

/**
 * E-mail about the organizer's own account (ACC-4 password reset, sign-up verification)
 * and the delivery test. Words in English and Polish, kept beside the templates that use
 * them; the frame is the one every e-mail shares.
 */
const en = {
  signature: 'Webinars',
  testSubject: 'Test e-mail from Webinars',
  testIntro: 'This is a test message for “{account}”. If you are reading it, e-mail delivery works.',
  testVia: 'Sent through: {delivery}.',
  resetSubject: 'Reset your password',
  resetIntro: 'Someone (hopefully you) asked to set a new password for {email}.',
  resetButton: 'Set a new password',
  resetNote: 'The link works once, for one hour. If you did not ask for it, ignore this e-mail: your password stays as it is.',
  verifySubject: 'Confirm your e-mail address',
  verifyIntro: 'Welcome to Webinars. Confirm {email} to start using your account.',
  verifyButton: 'Confirm my address',
  verifyNote: 'The link works for 24 hours. If you did not sign up, ignore this e-mail.',
  existsSubject: 'You already have an account',
  existsIntro: 'Someone (hopefully you) tried to sign up with {email}, which already has an account.',
  existsButton: 'Log in',
  existsNote: 'Forgot your password? Use “Forgot password?” on the log-in page. If it was not you, ignore this e-mail.',
  fallback: 'If the button does not work, open this address:',
};
type Words = typeof en;
const pl: Words = {
  signature: 'Webinary',
  testSubject: 'Testowa wiadomość z Webinarów',
  testIntro: 'To jest wiadomość testowa dla konta „{account}”. Jeśli ją czytasz, wysyłka e-maili działa.',
  testVia: 'Wysłano przez: {delivery}.',
  resetSubject: 'Ustaw nowe hasło',
  resetIntro: 'Ktoś (mamy nadzieję, że Ty) poprosił o ustawienie nowego hasła dla adresu {email}.',
  resetButton: 'Ustaw nowe hasło',
  resetNote: 'Link działa jeden raz, przez godzinę. Jeśli to nie Ty, zignoruj tę wiadomość: hasło pozostanie bez zmian.',
  verifySubject: 'Potwierdź swój adres e-mail',
  verifyIntro: 'Witamy w Webinarach. Potwierdź adres {email}, aby zacząć korzystać z konta.',
  verifyButton: 'Potwierdzam adres',
  verifyNote: 'Link działa przez 24 godziny. Jeśli nie zakładałeś konta, zignoruj tę wiadomość.',
  existsSubject: 'Masz już konto',
  existsIntro: 'Ktoś (mamy nadzieję, że Ty) próbował założyć konto na adres {email}, który ma już konto.',
  existsButton: 'Zaloguj się',
  existsNote: 'Nie pamiętasz hasła? Użyj „Nie pamiętasz hasła?” na stronie logowania. Jeśli to nie Ty, zignoruj tę wiadomość.',
  fallback: 'Jeśli przycisk nie działa, otwórz ten adres:',
};
const WORDS: Record<MailLanguage, Words> = { en, pl };
const DELIVERY_NAMES: Record<MailDelivery, string> = { smtp: 'SMTP', resend: 'Resend', outbox: 'outbox' };

function content(language: MailLanguage, subject: string, blocks: Block[]): MailContent {
  const { html, text } = renderLayout({ title: subject, blocks, signature: WORDS[language].signature, language });
  return { subject, html, text, attachments: [], headers: {} };
}

export function testMail(o: { language: MailLanguage; delivery: MailDelivery; accountName: string }): MailContent {
  const w = WORDS[o.language];
  return content(o.language, w.testSubject, [
    { type: 'paragraph', text: fill(w.testIntro, { account: o.accountName }) },
    { type: 'note', text: fill(w.testVia, { delivery: DELIVERY_NAMES[o.delivery] }) },
  ]);
}

/** The three account e-mails with a link: reset, verification, "you already have an account". */
export function accountLinkMail(kind: 'reset' | 'verify' | 'exists', o: { language: MailLanguage; email: string; url: string }): MailContent {
  const w = WORDS[o.language];
  const [subject, intro, button, note] = kind === 'reset' ? [w.resetSubject, w.resetIntro, w.resetButton, w.resetNote]
    : kind === 'verify' ? [w.verifySubject, w.verifyIntro, w.verifyButton, w.verifyNote]
      : [w.existsSubject, w.existsIntro, w.existsButton, w.existsNote];
  return content(o.language, subject, [
    { type: 'paragraph', text: fill(intro, { email: o.email }) },
    { type: 'button', label: button, url: o.url, fallback: w.fallback },
    { type: 'note', text: note },
  ]);
}
