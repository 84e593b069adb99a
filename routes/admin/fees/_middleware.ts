/** Payments, fees and campaigns are for super admins only (the staff area's own middleware let staff in). */
import { superAdminOnly } from "@/lib/auth/guard.ts";

export const handler = superAdminOnly;
