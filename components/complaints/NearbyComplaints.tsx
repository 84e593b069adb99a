/**
 * Open complaints of the same kind close to where the new one is: each with "me too" (follow it instead
 * of filing a duplicate), or a link when it is the person's own or one they already follow.
 */
import type { Locale } from "@/lib/i18n/locales.ts";
import { formatDate } from "@/lib/i18n/format.ts";
import type { Translate } from "@/lib/i18n/translate.ts";
import type { NearbyComplaint } from "@/lib/complaints/repository.ts";
import { BUTTON_PRIMARY } from "@/components/ui.tsx";

interface NearbyComplaintsProps {
  complaints: NearbyComplaint[];
  t: Translate;
  locale: Locale;
  onMeToo: (id: string) => void;
}

export function NearbyComplaints({ complaints, t, locale, onMeToo }: NearbyComplaintsProps) {
  return (
    <section aria-labelledby="nearby-heading" class="p-3 rounded-lg border-2 border-amber-400 bg-amber-50">
      <h2 id="nearby-heading" class="font-bold text-gray-900">{t("complaint.nearby.title")}</h2>
      <p class="mt-1 text-sm text-gray-800">{t("complaint.nearby.lead")}</p>
      <ul class="mt-3 space-y-3">
        {complaints.map((complaint) => (
          <li key={complaint.id} class="p-3 rounded-lg bg-white border border-amber-200">
            <p class="font-bold">{complaint.title}</p>
            <p class="text-sm text-gray-700">
              {t(`complaint.status.${complaint.status}`)} · {t("complaint.nearby.meta", {
                distance: complaint.distance_m,
                date: formatDate(complaint.created_at, locale),
              })}
            </p>
            {complaint.follower_count > 0 && (
              <p class="text-sm text-gray-700">
                {t("complaint.nearby.followers", { count: complaint.follower_count })}
              </p>
            )}
            {complaint.is_own || complaint.is_following
              ? (
                <a href={`/complaints/${complaint.id}`} class="mt-2 inline-block text-green-800 underline">
                  {complaint.is_own ? t("complaint.nearby.own") : t("complaints.following")} ·{" "}
                  {t("complaint.nearby.open")}
                </a>
              )
              : (
                <button
                  type="button"
                  class={`${BUTTON_PRIMARY} mt-2 w-full`}
                  onClick={() => onMeToo(complaint.id)}
                >
                  {t("complaint.nearby.me_too")}
                </button>
              )}
          </li>
        ))}
      </ul>
    </section>
  );
}
