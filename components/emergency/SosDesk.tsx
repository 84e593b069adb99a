/** The live SOS alert for ward admins (their wards) and super admins (every ward); nothing for others. */
import type { StaffState } from "@/lib/auth/guard.ts";
import { config } from "@/lib/config.ts";
import { islandMessages } from "@/lib/i18n/mod.ts";
import type { OpenSos } from "@/routes/api/sos/open.ts";
import SosAlerts from "@/islands/SosAlerts.tsx";

/** The SOS topics a staff member hears (RLS lets them join no other). */
export function sosTopics(state: StaffState): string[] {
  const { role, wards } = state.session.user;
  if (role === "super_admin") return ["sos:all"];
  return role === "ward_admin" ? wards.map((ward) => `sos:ward:${ward}`) : [];
}

export function SosDesk({ state, initial }: { state: StaffState; initial: OpenSos[] }) {
  const topics = sosTopics(state);
  if (topics.length === 0) return null;
  return (
    <SosAlerts
      topics={topics}
      initial={initial}
      locale={state.locale}
      messages={islandMessages(state.locale, ["sos.admin."])}
      supabaseUrl={config.supabaseUrl}
      anonKey={config.supabaseAnonKey}
    />
  );
}
