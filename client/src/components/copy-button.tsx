import { useEffect, useRef, useState } from 'react';
import { useT } from '../i18n/i18n.tsx';
import { Button, type ButtonVariant } from './button.tsx';

/**
 * Writes text to the clipboard. The async Clipboard API needs a secure context, which a
 * self-hosted server on a plain-HTTP LAN address is not, so a hidden textarea with
 * `execCommand('copy')` is the fallback.
 */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Permission refused or not focused: try the old way below.
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.append(area);
  area.select();
  try {
    return document.execCommand('copy');
  } catch {
    return false;
  } finally {
    area.remove();
  }
}

interface CopyButtonProps {
  text: string;
  label: string;
  variant?: ButtonVariant;
  size?: 'md' | 'sm';
  className?: string;
  'data-testid'?: string;
}

/** A button that copies `text` and says "Copied" for a moment, or explains a failure. */
export function CopyButton({ text, label, variant = 'secondary', size = 'sm', className, ...rest }: CopyButtonProps) {
  const { t } = useT();
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const timer = useRef<number | undefined>(undefined);

  useEffect(() => () => window.clearTimeout(timer.current), []);

  const copy = async () => {
    const ok = await copyText(text);
    setState(ok ? 'copied' : 'failed');
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => setState('idle'), ok ? 2000 : 6000);
  };

  return (
    <span className={['copy-wrap', className].filter(Boolean).join(' ')}>
      <Button variant={variant} size={size} onClick={() => void copy()} className={state === 'copied' ? 'is-copied' : undefined} data-testid={rest['data-testid']}>
        {state === 'copied' ? `✓ ${t('common.copied')}` : label}
      </Button>
      <span className="visually-hidden" role="status">{state === 'copied' ? t('common.copied') : ''}</span>
      {state === 'failed' && <span className="copy-failed" role="alert">{t('common.copyFailed')}</span>}
    </span>
  );
}
