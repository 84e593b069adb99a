/** Deadline targets are kept by super admins only (the staff area's own middleware has let staff in). */
import { superAdminOnly } from "@/lib/auth/guard.ts";

export const handler = superAdminOnly;
