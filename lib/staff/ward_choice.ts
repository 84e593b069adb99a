/** The wards a staff page lets its user pick: every ward for super admins, else their postings. */
import type { UserSession } from "../auth/session.ts";
import type { Ward } from "../wards.ts";

export function choosableWards(session: UserSession, wards: readonly Ward[]): Ward[] {
  const { role, wards: posted } = session.user;
  return role === "super_admin" ? [...wards] : wards.filter((ward) => posted.includes(ward.id));
}

/** The ward asked for in `?ward=` when it may be picked, else the first that may. */
export function chosenWard(choosable: readonly Ward[], asked: string | null): Ward | undefined {
  return choosable.find((ward) => String(ward.id) === asked) ?? choosable[0];
}
