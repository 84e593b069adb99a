/** Everything in this group is for signed-in people: visitors are sent to sign in first. */
export { signedInOnly as handler } from "@/lib/auth/guard.ts";
