
/** The detail of `hanko-session-created` (milliseconds in `expirationSeconds`, as hanko-elements). */
export interface SessionDetail {
  claims: Claims;
  expirationSeconds: number;
}

/** The session claims Hanko sends. */
export interface Claims {
  subject: string;
  session_id: string;
  expiration: string;
  issued_at?: string;
  audience?: string[];
  issuer?: string;
  email?: { address: string; is_primary: boolean; is_verified: boolean };
  username?: string;
  [claim: string]: unknown;
}

/** An email address of the user (`/me`, `/users/{id}`). */
export interface Email {
  id: string;
  address: string;
  is_verified: boolean;
  is_primary: boolean;
}

/** The user as `GET /me` (`getCurrentUser`) and `GET /users/{id}` (`getUser`) give it. */
export interface User {
  id: string;
  user_id?: string;
  emails?: Email[];
  /** `getCurrentUser`: `{ id, username, ... }`; `getUser`: the name as a string. */
  username?: { id: string; username: string } | string;
  /** `getUser` only: the primary address. */
  email?: string;
  created_at: string;
  updated_at: string;
  [field: string]: unknown;
}

/** The answer of `GET /sessions/validate`. */
export interface SessionCheckResponse {
  is_valid: boolean;
  claims?: Claims;
  expiration_time?: string;
  user_id?: string;
  idle_expires_at?: string;
}

/** The options of `register`, as hanko-elements (keys this bundle does not use are ignored). */
export interface RegisterOptions {
  shadow?: boolean;
  injectStyles?: boolean;
  translations?: Record<string, unknown>;
  translationsLocation?: string;
  /** Where the built-in languages other than English are loaded from (`<languagesLocation>/<code>.json`); default: the `i18n` folder beside this module. */
  languagesLocation?: string;
  fallbackLanguage?: string;
  storageKey?: string;
  sessionTokenLocation?: "cookie" | "sessionStorage";
  cookieSameSite?: "lax" | "strict" | "none";
  cookieDomain?: string;
  sessionCheckInterval?: number;
  /** Log flow states, actions and failures to the console (names and codes only). */
  debug?: boolean;
  /** No passkey button on the first sign-in screen (passkey autofill stays). */
  hidePasskeyButtonOnLogin?: boolean;
  /** Accepted for hanko-elements' profile element; ignored here. */
  enablePasskeys?: boolean;
  [option: string]: unknown;
}

/**
 * Defines `<hanko-auth>`, `<hanko-login>` and `<hanko-registration>` for the Hanko API at `api`;
 * loads the wasm module on first use.
 */
export function register(api: string, options?: RegisterOptions): Promise<{ hanko: Hanko }>;

/** The attributes of `<hanko-auth>`, `<hanko-login>` and `<hanko-registration>`. */
export interface HankoElementAttributes {
  api?: string;
  lang?: string;
  /** `<hanko-auth>` only. */
  mode?: "login" | "registration";
  theme?: "light" | "dark";
  "prefilled-email"?: string;
  "prefilled-username"?: string;
}

declare global {
  interface HTMLElementTagNameMap {
    "hanko-auth": HTMLElement;
    "hanko-login": HTMLElement;
    "hanko-registration": HTMLElement;
  }
  interface DocumentEventMap {
    "hanko-session-created": CustomEvent<SessionDetail>;
    "hanko-session-expired": CustomEvent<null>;
    "hanko-user-logged-out": CustomEvent<null>;
  }
}
