/** The staff area: visitors are sent to sign in first (the page decides which roles may stay). */
export { signedInOnly as handler } from "@/lib/auth/guard.ts";
