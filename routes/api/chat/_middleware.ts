/** The chat API is for signed-in people: visitors get a JSON 401. */
export { signedInOnly as handler } from "@/lib/auth/guard.ts";
