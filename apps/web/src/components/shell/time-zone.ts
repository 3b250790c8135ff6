/**
 * The cookie holding the browser's time zone, so that what the server renders ahead of the
 * browser (a data page's first rows) shows datetimes as amis will show them there.
 */
export const TIME_ZONE_COOKIE = 'tz';
