import { useEffect, useState } from 'react';
import type { BrandingOut } from '../../../shared/registration-schemas.ts';
import { schedulingApi } from '../api/scheduling-endpoints.ts';

/** The event's public appearance (EV-8); undefined while loading or when it cannot be had (the page then keeps ours). */
export function useBranding(eventId: number): BrandingOut | undefined {
  const [branding, setBranding] = useState<BrandingOut>();
  useEffect(() => {
    let current = true;
    schedulingApi.branding(eventId).then((b) => current && setBranding(b), () => undefined);
    return () => {
      current = false;
    };
  }, [eventId]);
  return branding;
}
