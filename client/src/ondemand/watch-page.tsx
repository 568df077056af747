import { useCallback, useEffect, useState } from 'react';
import type { Timeline } from '../../../shared/automated-timeline.ts';
import { MESSAGE_MAX, type WatchOut } from '../../../shared/ondemand-schemas.ts';
import { Alert } from '../components/alert.tsx';
import { Button } from '../components/button.tsx';
import { TextAreaField, TextField } from '../components/field.tsx';
import { errorText } from '../i18n/error-text.ts';
import { useT } from '../i18n/i18n.tsx';
import { useLocation } from '../router.tsx';
import { useLoad } from '../scheduling/use-load.ts';
import { ondemandApi } from './ondemand-api.ts';
import { WatchPlayer } from './watch-player.tsx';
import './ondemand.css';

/**
 * `/watch/:id`: an on-demand webinar for its viewers. First the event's own access rule,
 * as for the live join (its password, or a personal link: `#token=` in the address, and
 * the viewer is then that link's person), and the lead gate when asked; then the player
 * and a message box.
 */
export function WatchPage({ eventId }: { eventId: number }) {
  const { t } = useT();
  const { hash } = useLocation();
  const token = new URLSearchParams(hash).get('token') ?? undefined;
  const watch = useLoad(() => ondemandApi.watch(eventId), [eventId]);
  const [chatEnabled, setChatEnabled] = useState(true);
  const [passFailure, setPassFailure] = useState<unknown>();
  const w = watch.data;
  // The organizer's own session is the proof: no password, link or gate for them.
  const organizer = w?.organizer === true;
  const blocked = w !== undefined && !organizer && w.access === 'token' && !token;
  const needsForm = w !== undefined && !organizer && !blocked && (w.settings.leadGate || (w.access === 'password' && !token));
  // Nothing to ask: a pass (anonymous, the personal link's person, or the organizer), then the player.
  useEffect(() => {
    if (w && !w.viewer && !needsForm && !blocked) void ondemandApi.access(eventId, token && !organizer ? { token } : {}).then(() => watch.reload(), setPassFailure);
  }, [w, eventId, watch.reload, needsForm, blocked, token, organizer]);
  const onChat = useCallback((enabled: boolean) => setChatEnabled(enabled), []);
  if (watch.failure !== undefined) return <Alert>{errorText(t, watch.failure)}</Alert>;
  if (!w) return <p className="muted" role="status">{t('od.watch.loading')}</p>;
  if (!w.viewer) {
    if (needsForm) return <LeadGate watch={w} token={token} onAdmitted={() => void watch.reload()} />;
    if (blocked) return <Alert tone="info">{t('od.watch.needsLink')}</Alert>;
    if (passFailure !== undefined) return <Alert>{errorText(t, passFailure)}</Alert>;
    return <p className="muted" role="status">{t('od.watch.loading')}</p>;
  }
  return (
    <div className="stack">
      <h1 className="page-title">{w.name}</h1>
      {w.description && <p className="muted">{w.description}</p>}
      <div className="od-layout">
        <WatchPlayer watch={w as WatchOut & { timeline: Timeline }} onChatChange={onChat} />
        <MessageBox eventId={eventId} needsEmail={w.viewer.email === null} chatEnabled={chatEnabled} />
      </div>
    </div>
  );
}

/** The event's password (when it has one and no personal link came) and the lead gate (when the organizer asked for it). */
function LeadGate({ watch, token, onAdmitted }: { watch: WatchOut; token: string | undefined; onAdmitted: () => void }) {
  const { t } = useT();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [consent, setConsent] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const gate = watch.settings.leadGate;
  // A personal link already says who this is: no e-mail or name to type.
  const asksWho = gate && !token;
  const asksPassword = watch.access === 'password' && !token;
  const submit = async () => {
    setBusy(true);
    setFailure(undefined);
    try {
      await ondemandApi.access(watch.eventId, {
        ...(asksWho && { email: email.trim() }),
        ...(asksWho && watch.settings.nameRequired && { name: name.trim() }),
        ...(gate && { consent }),
        ...(asksPassword && { password }),
        ...(token && { token }),
      });
      onAdmitted();
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="stack od-gate" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
      <h1 className="page-title">{t('od.watch.gateTitle', { name: watch.name })}</h1>
      {asksWho && <p className="muted">{t('od.watch.gateIntro')}</p>}
      {asksWho && <TextField label={t('od.watch.email')} type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} />}
      {asksWho && watch.settings.nameRequired && <TextField label={t('od.watch.name')} autoComplete="name" required value={name} onChange={(e) => setName(e.target.value)} />}
      {asksPassword && <TextField label={t('od.watch.password')} type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />}
      {gate && (
        <label className="od-check">
          <input type="checkbox" required checked={consent} onChange={(e) => setConsent(e.target.checked)} />
          {t('od.watch.consent')}
        </label>
      )}
      {failure !== undefined && <Alert>{errorText(t, failure)}</Alert>}
      <div><Button type="submit" variant="primary" loading={busy}>{t('od.watch.start')}</Button></div>
    </form>
  );
}

function MessageBox({ eventId, needsEmail, chatEnabled }: { eventId: number; needsEmail: boolean; chatEnabled: boolean }) {
  const { t } = useT();
  const mine = useLoad(() => ondemandApi.myMessages(eventId), [eventId]);
  const [text, setText] = useState('');
  const [email, setEmail] = useState('');
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const send = async () => {
    setBusy(true);
    setFailure(undefined);
    setSent(false);
    try {
      await ondemandApi.sendMessage(eventId, { text: text.trim(), ...(needsEmail ? { email: email.trim() } : {}) });
      setText('');
      setSent(true);
      await mine.reload();
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <aside className="stack" aria-label={t('od.watch.messageTitle')}>
      <h2>{t('od.watch.messageTitle')}</h2>
      {!chatEnabled && <p className="muted" data-testid="od-chat-off">{t('od.watch.chatOff')}</p>}
      {chatEnabled && (
        <form className="stack" onSubmit={(e) => { e.preventDefault(); void send(); }}>
          <TextAreaField label={t('od.watch.message')} value={text} maxLength={MESSAGE_MAX} rows={4} onChange={(e) => setText(e.target.value)} />
          {needsEmail && <TextField label={t('od.watch.messageEmail')} type="email" value={email} onChange={(e) => setEmail(e.target.value)} />}
          {failure !== undefined && <Alert>{errorText(t, failure)}</Alert>}
          {sent && <Alert tone="success">{t('od.watch.sent')}</Alert>}
          <div><Button type="submit" loading={busy} disabled={!text.trim()}>{t('od.watch.send')}</Button></div>
        </form>
      )}
      {(mine.data?.messages.length ?? 0) > 0 && (
        <section className="stack">
          <h3>{t('od.watch.yourMessages')}</h3>
          <ul className="stack">
            {mine.data!.messages.map((m) => (
              <li key={m.id} className="od-message">
                <p>{m.text}</p>
                <p className="muted small">{m.answer ? t('od.watch.answer', { text: m.answer }) : t('od.watch.waitingAnswer')}</p>
              </li>
            ))}
          </ul>
        </section>
      )}
    </aside>
  );
}
