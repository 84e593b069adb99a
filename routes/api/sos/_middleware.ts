/** SOS answers are about one signed-in person's reports, or a staff member's wards. */
export { signedInOnly as handler } from "@/lib/auth/guard.ts";
