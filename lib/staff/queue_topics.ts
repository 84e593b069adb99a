/**
 * The Realtime topics on which a staff member hears about new and changed complaints in their scope
 * (private.broadcast_queue_change sends on them; RLS on realtime.messages lets each role join only its
 * own): super admins `queue:all`, ward admins `queue:ward:<id>` for each of their wards, service providers
 * `queue:assignee:<their id>`.
 */
import type { SignedInUser } from "../auth/session.ts";

export function queueTopics(user: SignedInUser): string[] {
  switch (user.role) {
    case "super_admin":
      return ["queue:all"];
    case "ward_admin":
      return user.wards.map((ward) => `queue:ward:${ward}`);
    case "service_provider":
      return [`queue:assignee:${user.id}`];
    default:
      return [];
  }
}
