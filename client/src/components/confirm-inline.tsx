import { useState, type ReactNode } from 'react';
import { useT } from '../i18n/i18n.tsx';
import { Button } from './button.tsx';

/**
 * A destructive action that asks first, in place rather than in a browser dialog, so
 * the question is styled, translated and keyboard-reachable like the rest of the page.
 */
export function ConfirmInline({ trigger, question, confirmLabel, onConfirm }: {
  trigger: string;
  question: ReactNode;
  confirmLabel: string;
  onConfirm: () => Promise<void>;
}) {
  const { t } = useT();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);

  if (!asking) {
    return <Button variant="ghost" size="sm" className="btn-danger-text" onClick={() => setAsking(true)}>{trigger}</Button>;
  }
  const confirm = async () => {
    setBusy(true);
    try {
      await onConfirm();
    } finally {
      setBusy(false);
      setAsking(false);
    }
  };
  return (
    <div className="confirm" role="group">
      <p className="confirm-question">{question}</p>
      <div className="confirm-actions">
        <Button variant="danger" size="sm" loading={busy} onClick={() => void confirm()} autoFocus>{confirmLabel}</Button>
        <Button variant="ghost" size="sm" onClick={() => setAsking(false)} disabled={busy}>{t('common.cancel')}</Button>
      </div>
    </div>
  );
}
