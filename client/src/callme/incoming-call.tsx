import { useEffect, useRef, useState } from 'react';
import { Button } from '../components/button.tsx';
import { useT } from '../i18n/i18n.tsx';
import { useDesk } from './use-consultant-desk.tsx';
import { useVoiceCall } from './use-voice-call.ts';

/** Plays a soft two-tone ring while the dialog shows (the browser allows it after the consultant's first click in the app). */
function useRingtone(on: boolean): void {
  useEffect(() => {
    if (!on) return;
    let context: AudioContext | undefined;
    try {
      context = new AudioContext();
      const gain = context.createGain();
      gain.gain.value = 0.05;
      gain.connect(context.destination);
      const osc = context.createOscillator();
      osc.frequency.value = 480;
      osc.connect(gain);
      osc.start();
    } catch {
      // No audio output: the dialog still shows.
    }
    return () => void context?.close();
  }, [on]);
}

/** The incoming call dialog (CALL-5): Answer, Reject, Minimise; shown by the shell over any page of the app. */
export function IncomingCallDialog() {
  const { t } = useT();
  const desk = useDesk();
  const ring = desk.ring;
  const answerRef = useRef<HTMLButtonElement>(null);
  useRingtone(!!ring && !ring.minimised);
  useEffect(() => {
    if (ring && !ring.minimised) answerRef.current?.focus();
  }, [ring]);
  if (!ring) return null;
  const company = desk.packages.find((p) => p.id === ring.packageId)?.companyName ?? '';
  if (ring.minimised) {
    return (
      <div className="callme-ring-min" role="status">
        <Button variant="primary" size="sm" onClick={() => desk.minimiseRing(false)}>{t('consultant.showCall')}</Button>
      </div>
    );
  }
  return (
    <div className="callme-ring" role="alertdialog" aria-modal="false" aria-labelledby="callme-ring-title" aria-describedby="callme-ring-text" onKeyDown={(e) => { if (e.key === 'Escape') desk.minimiseRing(true); }}>
      <h2 id="callme-ring-title" className="callme-h2">{t('consultant.incoming')}</h2>
      <p id="callme-ring-text">{t('consultant.incomingFrom', { company, browser: ring.visitor.browser, os: ring.visitor.os })}</p>
      <div className="callme-actions">
        <button ref={answerRef} type="button" className="btn btn-primary" onClick={desk.answer}><span className="btn-label">{t('consultant.answer')}</span></button>
        <Button variant="danger" onClick={desk.reject}>{t('consultant.reject')}</Button>
        <Button variant="ghost" onClick={() => desk.minimiseRing(true)}>{t('callme.minimise')}</Button>
      </div>
    </div>
  );
}

/** The consultant's call in progress: audio through LiveKit, mute, hang up, turn into a meeting. */
export function CallBar() {
  const { t } = useT();
  const desk = useDesk();
  const call = desk.call;
  const voice = useVoiceCall(call?.state === 'connected' ? call.media : undefined);
  if (!call) return null;
  if (call.meetingUrl) {
    return (
      <div className="callme-callbar" role="status">
        {t('consultant.meetingReady')} <a href={call.meetingUrl} target="_blank" rel="noopener">{t('consultant.openMeeting')}</a>
        {call.inviteUrl && <InviteColleague url={call.inviteUrl} />}
      </div>
    );
  }
  return (
    <div className="callme-callbar" role="region" aria-label={t('consultant.inCall')} data-testid="consultant-call" data-voice={voice.state}>
      <strong>{t('consultant.inCall')}</strong>
      <Button size="sm" onClick={voice.toggleMute} aria-pressed={voice.muted}>{voice.muted ? t('callme.unmute') : t('callme.mute')}</Button>
      <Button size="sm" onClick={desk.toMeeting}>{t('consultant.toMeeting')}</Button>
      <Button size="sm" variant="danger" onClick={desk.hangUp}>{t('callme.hangUp')}</Button>
    </div>
  );
}

/** The meeting's link for a colleague, to copy into a message (the consultant invites whom they like). */
function InviteColleague({ url }: { url: string }) {
  const { t } = useT();
  const [copied, setCopied] = useState(false);
  return (
    <span className="callme-invite">
      <label htmlFor="callme-invite-url">{t('consultant.inviteColleague')}</label>
      <input id="callme-invite-url" className="input" readOnly value={url} onFocus={(e) => e.currentTarget.select()} data-testid="consultant-invite-url" />
      <Button size="sm" onClick={() => void navigator.clipboard?.writeText(url).then(() => setCopied(true), () => setCopied(false))}>{copied ? t('consultant.copied') : t('consultant.copy')}</Button>
    </span>
  );
}
