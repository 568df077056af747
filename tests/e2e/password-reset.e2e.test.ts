// @vitest-environment node
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WAIT, startBrowserHarness, type BrowserHarness } from '../support/browser.ts';
import { SmtpInbox } from '../support/smtp-inbox.ts';

/**
 * ACC-4 in Chromium with mail through a real SMTP server on loopback: sign-up with the
 * e-mailed confirmation, then "Forgot password?" → the e-mail → a new password → log in.
 */
let inbox: SmtpInbox;
let rig: BrowserHarness;
beforeAll(async () => {
  inbox = await SmtpInbox.start();
  // With a transport, e-mail verification is on by default: nothing else is set.
  rig = await startBrowserHarness({ env: { ...inbox.env(), REQUIRE_EMAIL_VERIFICATION: '' } });
}, 120_000);
afterAll(async () => {
  await rig?.close();
  await inbox?.stop();
}, 60_000);

const linkIn = (text: string | undefined, path: string) => {
  const link = text?.match(new RegExp(`https?://\\S+/${path}#[\\w-]+`))?.[0];
  if (!link) throw new Error(`no ${path} link in: ${text}`);
  return link;
};

async function logIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto(`${rig.server.url}/login`);
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
}

describe('password reset in Chromium', () => {
  it('confirms the address at sign-up, then resets a forgotten password by the e-mailed link, which works once; a change in the account signs out the other session', async () => {
    const email = `zofia${Date.now()}@example.com`;
    const page = await rig.newPage();
    await page.goto(`${rig.server.url}/signup`);
    await page.getByLabel('Your name').fill('Zofia Nowak');
    await page.getByLabel('E-mail').fill(email);
    await page.getByLabel('Password').fill('first password 123');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByText(`We sent a link to ${email}`).waitFor(WAIT);
    await logIn(page, email, 'first password 123');
    await page.getByText('Confirm your e-mail address first').waitFor(WAIT);
    const confirmation = await inbox.waitFor(email, 'Confirm your e-mail address');
    await page.goto(linkIn(confirmation.parsed.text, 'verify-email'));
    await page.getByText(`${email} is confirmed`).waitFor(WAIT);

    // Forgot password? → the e-mail → a new password.
    await page.goto(`${rig.server.url}/login`);
    await page.getByTestId('forgot-password').click();
    await page.waitForURL('**/forgot-password', WAIT);
    await page.getByLabel('E-mail').fill(email);
    await page.getByRole('button', { name: 'Send the link' }).click();
    await page.getByText(`If an account exists for ${email}`).waitFor(WAIT);
    const reset = await inbox.waitFor(email, 'Reset your password');
    const link = linkIn(reset.parsed.text, 'reset-password');
    expect(reset.parsed.html).toContain(link);
    await page.goto(link);
    await page.getByLabel('New password').fill('second password 456');
    await page.getByRole('button', { name: 'Save the new password' }).click();
    await page.getByText('Your password has been changed').waitFor(WAIT);

    // The old password no longer works; the new one does.
    await logIn(page, email, 'first password 123');
    await page.getByText('Wrong e-mail or password.').waitFor(WAIT);
    await logIn(page, email, 'second password 456');
    await page.waitForURL('**/dashboard', WAIT);

    // A second use of the link is refused, before any new password is typed.
    const again = await rig.newPage();
    await again.goto(link);
    await again.getByText('This password reset link has already been used.').waitFor(WAIT);
    expect(await again.getByLabel('New password').count()).toBe(0);

    // A password change in the account needs the current password and signs out the other session.
    const elsewhere = await rig.newPage();
    await logIn(elsewhere, email, 'second password 456');
    await elsewhere.waitForURL('**/dashboard', WAIT);
    await page.getByLabel('Current password').fill('not my password at all');
    await page.getByLabel('New password').fill('third password 789');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('Wrong password.').waitFor(WAIT);
    await page.getByLabel('Current password').fill('second password 456');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('Password changed. Other sessions signed out: 1.').waitFor(WAIT);
    await elsewhere.reload();
    await elsewhere.waitForURL('**/login**', WAIT);
    await logIn(elsewhere, email, 'third password 789');
    await elsewhere.waitForURL('**/dashboard', WAIT);
  }, 120_000);
});
