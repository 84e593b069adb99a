/** The help chats of the staff member's wards (RLS decides), latest message first; unanswered ones marked. */
import { defineRoute } from "$fresh/server.ts";
import type { StaffState } from "@/lib/auth/guard.ts";
import { formatDate } from "@/lib/i18n/mod.ts";
import { helpQueue } from "@/lib/chat/repository.ts";
import { loadWards, wardLabel } from "@/lib/wards.ts";
import { LINK, PageHeading, PageTitle } from "@/components/ui.tsx";

export default defineRoute<StaffState>(async (_req, ctx) => {
  const { t, locale, session } = ctx.state;
  const [queue, wards] = await Promise.all([helpQueue(session), loadWards()]);
  const byId = new Map(wards.map((ward) => [ward.id, ward]));
  return (
    <>
      <PageTitle title={t("chat.help_queue")} state={ctx.state} />
      <PageHeading title={t("chat.help_queue")} lead={t("chat.help_queue_lead")} />
      {queue.length === 0
        ? <p class="p-4 rounded-lg bg-white border border-gray-200">{t("chat.help_queue_empty")}</p>
        : (
          <ul class="space-y-3">
            {queue.map((item) => {
              const ward = byId.get(item.ward_id);
              const waiting = item.last_message_at !== null &&
                (item.staff_read_at === null || item.staff_read_at < item.last_message_at);
              return (
                <li
                  class={`p-4 rounded-lg border ${
                    waiting ? "bg-green-50 border-green-700" : "bg-white border-gray-200"
                  }`}
                >
                  {waiting && <p class="text-sm font-bold text-green-800">{t("chat.help_waiting")}</p>}
                  <a href={`/admin/help/${item.id}`} class={`${LINK} text-lg`}>
                    {ward ? wardLabel(ward, t, locale) : String(item.ward_id)}
                  </a>
                  <p class="text-sm text-gray-700">
                    {formatDate(item.last_message_at ?? item.created_at, locale, "dateTime")}
                  </p>
                </li>
              );
            })}
          </ul>
        )}
    </>
  );
});
