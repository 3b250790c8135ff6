export {
  createApiToken,
  isApiToken,
  validateApiToken,
  API_TOKEN_PREFIX,
} from './api-token/api-tokens';
export { type Clock, systemClock } from './clock';
export {
  DEVICE_COOKIE,
  serializeDeviceCookie,
  touchDevice,
  trustDevice,
  trustedDeviceOf,
} from './device/trusted-devices';
export { generateSecureRandomString, hashSecret } from './crypto';
export { emailSchema, normaliseEmail } from './email';
export { clientIp } from './http/client-ip';
export {
  isSecureRequest,
  readCookie,
  serializeBlankSessionCookie,
  serializeSessionCookie,
  SESSION_COOKIE,
} from './http/cookie';
export { readCredential, type RequestCredential } from './http/credentials';
export { isCrossSiteRequest } from './http/csrf';
export { getDummyHash, hashPassword, passwordSchema, verifyPassword } from './password/password';
export {
  authenticateToken,
  loadPrincipal,
  type AuthenticateOptions,
  type Principal,
} from './principal/principal';
export { DEFAULT_SESSION_POLICY, sessionExpiresAt, type SessionPolicy } from './session/policy';
export {
  createSession,
  invalidateSession,
  invalidateUserSessions,
  validateSessionToken,
  type CreatedSession,
  type ValidSession,
} from './session/sessions';
export { announceAuthChange, AUTH_CHANNEL } from './principal/announce';
