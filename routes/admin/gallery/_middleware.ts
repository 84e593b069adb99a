/** Albums are kept by ward admins (their wards) and super admins; RLS decides each album and file again. */
import { rolesOnly } from "@/lib/auth/guard.ts";

export const handler = rolesOnly(["ward_admin", "super_admin"], "staff.forbidden");
