/** "Call 999 if a life is in danger", said plainly with a one-tap call button. */
import type { AppState } from "@/lib/state.ts";
import { Icon } from "@/components/Icon.tsx";

export function LifeDanger({ state }: { state: AppState }) {
  const { t } = state;
  return (
    <div class="mb-6 p-4 rounded-lg bg-red-700 text-white">
      <p class="text-xl font-bold leading-snug">{t("emergency.life_danger")}</p>
      <p class="mt-1">{t("emergency.life_danger_hint")}</p>
      <a
        href="tel:999"
        class="mt-3 inline-flex items-center gap-2 min-h-[48px] px-5 rounded-lg bg-white text-red-800 text-lg font-bold"
      >
        <Icon name="phone" class="w-6 h-6" />
        {t("emergency.call_999")}
      </a>
    </div>
  );
}
