/** The staff area: visitors sign in first, citizens get a 403; RLS decides every row staff then see. */
import { signedInOnly, staffOnly } from "@/lib/auth/guard.ts";

export const handler = [signedInOnly, staffOnly];
