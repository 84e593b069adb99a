/**
 * Bangladeshi mobile numbers. The app writes them `+8801[3-9]XXXXXXXX`; Supabase Auth stores them as
 * digits without "+"; Bangladeshi SMS gateways want `8801XXXXXXXXX`.
 */

/** Country code (with or without "+" or "00"), or the trunk "0", then the 10-digit subscriber number. */
const BD_MOBILE = /^(?:(?:\+|00)?880|0)?(1[3-9]\d{8})$/;

/** The `+8801XXXXXXXXX` form of `input`, or null when it is not a Bangladeshi mobile number. */
export function normaliseBdMobile(input: string): string | null {
  const match = BD_MOBILE.exec(input.replace(/[\s().-]/g, ""));
  return match ? `+880${match[1]}` : null;
}

/** `+8801XXXXXXXXX` → `8801XXXXXXXXX`, the form Bangladeshi gateways expect. */
export function gatewayMsisdn(normalised: string): string {
  return normalised.replace(/^\+/, "");
}

/** `+8801712345678` → `+880171*****78`: enough to tell numbers apart in logs without exposing them. */
export function maskPhone(normalised: string): string {
  return normalised.slice(0, 7) + "*".repeat(Math.max(0, normalised.length - 9)) + normalised.slice(-2);
}
