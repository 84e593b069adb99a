/** "Use my current location", and what came of it: the accuracy, or why there is no location. */
import type { Translate } from "@/lib/i18n/translate.ts";
import type { Coords } from "@/lib/complaints/browser/use_draft.ts";
import type { Locating } from "@/lib/complaints/browser/use_location.ts";
import { BUTTON_SECONDARY } from "@/components/ui.tsx";

interface DeviceLocationProps {
  coords: Coords | null;
  locating: Locating;
  t: Translate;
  onLocate: () => void;
  onForget: () => void;
}

export function DeviceLocation({ coords, locating, t, onLocate, onForget }: DeviceLocationProps) {
  return (
    <div>
      {coords
        ? (
          <div class="p-3 rounded-lg bg-green-50 border border-green-200">
            <p role="status">
              {t("complaint.form.located", { metres: Math.max(1, Math.round(coords.accuracy)) })}
            </p>
            <button type="button" class="mt-1 text-green-800 underline" onClick={onForget}>
              {t("complaint.form.remove_location")}
            </button>
          </div>
        )
        : (
          <button
            type="button"
            class={BUTTON_SECONDARY}
            onClick={onLocate}
            disabled={locating === "locating"}
          >
            {locating === "locating" ? t("complaint.form.locating") : t("complaint.form.use_location")}
          </button>
        )}
      {(locating === "denied" || locating === "failed") && (
        <p role="status" class="mt-2 text-sm text-amber-900">
          {t(locating === "denied" ? "complaint.form.location_denied" : "complaint.form.location_failed")}
        </p>
      )}
      {!coords && <p class="mt-3 text-gray-700">{t("complaint.form.or_ward")}</p>}
    </div>
  );
}
