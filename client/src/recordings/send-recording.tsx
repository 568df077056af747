import { useCallback, useEffect, useState } from 'react';
import { Send } from 'lucide-react';
import type { RecordingSendOut, RecordingSendsOut } from '../../../shared/recording-schemas.ts';
import { Alert } from '../components/alert.tsx';
import { Button } from '../components/button.tsx';
import { errorText } from '../i18n/error-text.ts';
import { useT } from '../i18n/i18n.tsx';
import { MailOutcomeNote } from '../dashboard/outbox/mail-outcome-note.tsx';
import { recordingsApi } from './recordings-api.ts';

const POLL_MS = 3000;

/**
 * "Send" (POST-2): the share link e-mailed to the event's attendees, then the truth about
 * those e-mails as it changes: queued, sent, failed, or kept in the outbox because no
 * e-mail delivery is set up (with the way to the settings).
 */
export function SendRecording({ recordingId, onSent }: { recordingId: string; onSent: () => void }) {
  const { t } = useT();
  const [status, setStatus] = useState<RecordingSendsOut>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const [outcome, setOutcome] = useState<RecordingSendOut['mail']>();

  const look = useCallback(() => recordingsApi.sends(recordingId).then(setStatus, setFailure), [recordingId]);
  useEffect(() => void look(), [look]);
  // While messages are on their way, look again.
  useEffect(() => {
    if (!status?.queued) return;
    const timer = setInterval(() => void look(), POLL_MS);
    return () => clearInterval(timer);
  }, [status?.queued, look]);

  const send = async () => {
    setBusy(true);
    setFailure(undefined);
    setOutcome(undefined);
    try {
      const answer = await recordingsApi.send(recordingId);
      setOutcome(answer.mail);
      onSent();
      await look();
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="stack" data-testid="recording-send">
      <h3 className="subheading">{t('recordings.send')}</h3>
      <p className="muted small">{t('recordings.sendNote')}</p>
      <div><Button size="sm" loading={busy} onClick={() => void send()}><Send size={14} aria-hidden /> {t('recordings.sendButton')}</Button></div>
      {outcome && <MailOutcomeNote outcome={outcome} />}
      {status && status.total > 0 && (
        <p className="small" role="status" data-testid="recording-send-status">
          {t('recordings.sendStatus', { sent: status.sent, queued: status.queued, failed: status.failed, kept: status.kept })}
        </p>
      )}
      {failure !== undefined && <Alert>{errorText(t, failure)}</Alert>}
    </div>
  );
}
