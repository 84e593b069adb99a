/** Bulky pickups are handled by ward admins (their wards) and super admins; RLS decides each request again. */
import { rolesOnly } from "@/lib/auth/guard.ts";

export const handler = rolesOnly(["ward_admin", "super_admin"], "staff.forbidden");
