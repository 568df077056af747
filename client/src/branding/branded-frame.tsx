import type { CSSProperties, ReactNode } from 'react';
import type { BrandingOut } from '../../../shared/registration-schemas.ts';
import '../styles/scheduling.css';
import { useBranding } from './use-branding.ts';

/** Only our own colour format reaches a style: anything else could smuggle CSS. */
const color = (value: string | null | undefined) => (value && /^#[0-9a-f]{6}$/i.test(value) ? value : undefined);

export function brandingStyle(branding: BrandingOut | undefined): CSSProperties {
  const accent = color(branding?.primaryColor);
  const background = color(branding?.backgroundColor);
  return {
    ...(accent && { '--accent': accent, '--accent-hover': accent, '--accent-text': accent, '--accent-soft': `color-mix(in srgb, ${accent} 10%, white)` }),
    ...(background && { '--bg': background }),
    ...(branding?.backgroundImageUrl?.startsWith('/api/') && { backgroundImage: `url("${branding.backgroundImageUrl}")` }),
  } as CSSProperties;
}

/**
 * Dresses an event's public pages (registration, join, waiting room, thank-you) in the
 * organizer's colours, logo and background image (EV-7, EV-8): the product's design
 * tokens are CSS variables, so overriding them here restyles everything inside.
 */
export function BrandedFrame({ eventId, children }: { eventId: number; children: ReactNode }) {
  const branding = useBranding(eventId);
  return (
    <div className="branded" style={brandingStyle(branding)} data-testid="branded-frame">
      {branding?.logoUrl?.startsWith('/api/') && (
        <div className="brand-logo-bar"><img className="brand-logo" src={branding.logoUrl} alt="" /></div>
      )}
      {children}
    </div>
  );
}
