'use client';
import { useEffect } from 'react';

import { TIME_ZONE_COOKIE } from './time-zone';

/** Sets the cookie to the browser's time zone when it is missing or out of date. */
export function useTimeZoneCookie() {
  useEffect(() => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const current = `${TIME_ZONE_COOKIE}=${encodeURIComponent(zone)}`;
    if (document.cookie.split('; ').includes(current)) return;
    document.cookie = `${current}; path=/; max-age=31536000; samesite=lax`;
  }, []);
}
