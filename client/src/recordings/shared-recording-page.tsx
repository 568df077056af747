import { Alert } from '../components/alert.tsx';
import { useT } from '../i18n/i18n.tsx';
import { useLoad } from '../scheduling/use-load.ts';
import { clock, recordingsApi } from './recordings-api.ts';
import './recordings.css';

/** `/recording/:token`: a recording someone shared (no sign-in; the link is the key, and it can be revoked). */
export function SharedRecordingPage({ token }: { token: string }) {
  const { t } = useT();
  const shared = useLoad(() => recordingsApi.shared(token), [token]);
  if (shared.failure !== undefined) return <Alert>{t('recordings.sharedGone')}</Alert>;
  if (!shared.data) return <p className="muted" role="status">{t('recordings.loading')}</p>;
  return (
    <div className="stack">
      <h1 className="page-title">{shared.data.eventName}</h1>
      <p className="muted">{t('recordings.sharedTitle')} · {clock(shared.data.durationMs)}</p>
      <video className="recordings-player" src={`/api/v1${shared.data.videoUrl}`} controls preload="metadata" />
    </div>
  );
}
