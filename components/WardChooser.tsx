/**
 * "Show for ward …": a plain GET form (no JavaScript) that reloads a page for one ward, or for the whole
 * city (`ward=city`) where the page offers it. Notices, emergency contacts and waste collection use it, and
 * the staff pages that keep them for the wards a staff member may manage.
 */
import type { AppState } from "@/lib/state.ts";
import type { MessageKey } from "@/lib/i18n/mod.ts";
import { type Ward, wardGroups } from "@/lib/wards.ts";
import { BUTTON_SECONDARY } from "@/components/ui.tsx";

interface WardChooserProps {
  state: AppState;
  wards: readonly Ward[];
  /** The ward shown now; null for the whole city. */
  selected: number | null;
  label: MessageKey;
  /** What the "whole city" choice says; without it there is none. */
  cityLabel?: MessageKey;
}

export function WardChooser({ state, wards, selected, label, cityLabel }: WardChooserProps) {
  const { t, locale } = state;
  return (
    <form method="get" class="mb-6 flex flex-wrap items-end gap-3">
      <label class="flex-1 min-w-[200px]">
        <span class="block font-bold">{t(label)}</span>
        <select
          name="ward"
          class="mt-1 block w-full min-h-[48px] px-3 rounded-lg border-2 border-gray-400 bg-white text-lg"
        >
          {cityLabel && <option value="city" selected={selected === null}>{t(cityLabel)}</option>}
          {wardGroups(wards, t, locale).filter((group) => group.options.length > 0).map((group) => (
            <optgroup label={group.label}>
              {group.options.map((option) => (
                <option value={option.value} selected={option.value === String(selected)}>
                  {option.label}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </label>
      <button type="submit" class={BUTTON_SECONDARY}>{t("notices.show")}</button>
    </form>
  );
}
