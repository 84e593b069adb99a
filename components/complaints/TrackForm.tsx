/** The lookup form of the public tracking pages (a plain GET form: works everywhere). */
import type { AppState } from "@/lib/state.ts";
import { FormField } from "@/components/FormField.tsx";
import { BUTTON_PRIMARY } from "@/components/ui.tsx";

export function TrackForm({ state, value = "", error }: { state: AppState; value?: string; error?: string }) {
  const { t } = state;
  return (
    <form method="get" action="/track" role="search">
      <FormField
        name="number"
        label={t("track.number")}
        hint={t("track.number_hint")}
        error={error}
        value={value}
        autocomplete="off"
        autocapitalize="characters"
        spellcheck={false}
        required
        class="font-mono uppercase"
      />
      <button type="submit" class={BUTTON_PRIMARY}>{t("track.submit")}</button>
    </form>
  );
}
