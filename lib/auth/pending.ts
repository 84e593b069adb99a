/**
 * Between "send code" and "enter code" the app remembers the phone number, when the code went out and
 * where to go afterwards, in a short-lived httpOnly cookie, so the number never appears in a URL.
 */
import { deleteCookie, getCookies, setCookie, usesSecureCookies } from "../http/cookies.ts";
import { safeLocalPath } from "../http/redirect.ts";
import { normalizePhone } from "../phone.ts";

const PENDING_COOKIE = "cc-signin";
/** Long enough to wait for a slow SMS and ask for a second code. */
const PENDING_MAX_AGE_SECONDS = 15 * 60;

export interface PendingSignIn {
  /** `+8801…` */
  phone: string;
  /** When the last code was sent (ms since the epoch), for the resend countdown. */
  sentAt: number;
  /** Where to go once signed in. */
  next: string;
}

export function readPendingSignIn(req: Request): PendingSignIn | null {
  const raw = getCookies(req.headers)[PENDING_COOKIE];
  if (!raw) return null;
  try {
    const { phone, sentAt, next } = JSON.parse(raw);
    const normalized = typeof phone === "string" ? normalizePhone(phone) : undefined;
    if (!normalized?.ok || normalized.phone !== phone || typeof sentAt !== "number") return null;
    return { phone, sentAt, next: safeLocalPath(next) };
  } catch {
    return null;
  }
}

export function writePendingSignIn(headers: Headers, pending: PendingSignIn, url: URL): void {
  setCookie(headers, PENDING_COOKIE, JSON.stringify(pending), {
    httpOnly: true,
    secure: usesSecureCookies(url),
    sameSite: "Lax",
    maxAge: PENDING_MAX_AGE_SECONDS,
  });
}

export function clearPendingSignIn(headers: Headers, url: URL): void {
  deleteCookie(headers, PENDING_COOKIE, { httpOnly: true, secure: usesSecureCookies(url), sameSite: "Lax" });
}
