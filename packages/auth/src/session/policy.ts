/** Session lifetime rules: sliding inactivity timeout, throttled renewal, absolute cap. */
const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

export interface SessionPolicy {
  /** A session unused for this long expires. */
  inactivityTimeoutMs: number;
  /** Activity is written back at most this often. */
  renewalIntervalMs: number;
  /** A session ends this long after login however active it is. */
  absoluteTimeoutMs: number;
}

export const DEFAULT_SESSION_POLICY: SessionPolicy = {
  inactivityTimeoutMs: 10 * DAY,
  renewalIntervalMs: HOUR,
  absoluteTimeoutMs: 30 * DAY,
};

export function sessionExpiresAt(
  session: { createdAt: Date; lastVerifiedAt: Date },
  policy: SessionPolicy,
): Date {
  return new Date(
    Math.min(
      session.lastVerifiedAt.getTime() + policy.inactivityTimeoutMs,
      session.createdAt.getTime() + policy.absoluteTimeoutMs,
    ),
  );
}
