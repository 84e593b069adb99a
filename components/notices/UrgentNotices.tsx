/**
 * The urgent-notice banner for signed-in people, rendered with the notices the middleware read for the
 * page and kept live by the island (visitors see urgent notices on the home page).
 */
import type { AppState } from "@/lib/state.ts";
import type { UrgentNotices as UrgentNoticesData } from "@/lib/notices/repository.ts";
import { config } from "@/lib/config.ts";
import { islandMessages } from "@/lib/i18n/mod.ts";
import UrgentNoticeBanner from "@/islands/UrgentNoticeBanner.tsx";

export function UrgentNotices({ state, notices }: { state: AppState; notices?: UrgentNoticesData }) {
  if (!state.session) return null;
  return (
    <UrgentNoticeBanner
      locale={state.locale}
      messages={islandMessages(state.locale, ["notices.banner."])}
      initial={notices ?? { ward_id: null, notices: [] }}
      supabaseUrl={config.supabaseUrl}
      anonKey={config.supabaseAnonKey}
    />
  );
}
