import { useState } from 'react';
import type { PublishOut } from '../../../shared/ondemand-schemas.ts';
import { Button } from '../components/button.tsx';
import { errorText } from '../i18n/error-text.ts';
import { useT } from '../i18n/i18n.tsx';
import { Link } from '../router.tsx';
import { mmss, ondemandApi } from './ondemand-api.ts';

/** The recordings library's "Publish": the recording (between its trim points) becomes an on-demand event. */
export function PublishButton({ recordingId }: { recordingId: string }) {
  const { t } = useT();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<PublishOut>();
  const [failure, setFailure] = useState<unknown>();
  const publish = async () => {
    setBusy(true);
    setFailure(undefined);
    try {
      setDone(await ondemandApi.publish(recordingId));
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <span role="status">
      <Button size="sm" loading={busy} onClick={() => void publish()} title={t('od.publishTitle')}>{t('od.publish')}</Button>
      {done && <> {t('od.published', { name: done.name, length: mmss(done.durationMs) })} <Link to={`/dashboard/events/${done.eventId}/on-demand`}>{t('od.openPublished')}</Link></>}
      {failure !== undefined && <span className="field-error"> {errorText(t, failure)}</span>}
    </span>
  );
}
