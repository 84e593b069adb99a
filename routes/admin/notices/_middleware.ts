/** Notices are written by ward admins (for their wards) and super admins; RLS decides each notice again. */
import { rolesOnly } from "@/lib/auth/guard.ts";

export const handler = rolesOnly(["ward_admin", "super_admin"], "staff.forbidden");
