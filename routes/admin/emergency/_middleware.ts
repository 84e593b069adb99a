/** A ward's emergency numbers and duty phone are kept by its admins and super admins (RLS decides again). */
import { rolesOnly } from "@/lib/auth/guard.ts";

export const handler = rolesOnly(["ward_admin", "super_admin"], "staff.forbidden");
