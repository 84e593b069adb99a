import type { AppState } from "@/lib/state.ts";
import type { MessageKey } from "@/lib/i18n/mod.ts";
import { localDigits } from "@/lib/i18n/mod.ts";
import { Icon } from "./Icon.tsx";

/** National short codes, free from any phone in Bangladesh. */
const HOTLINES: { number: string; label: MessageKey }[] = [
  { number: "999", label: "emergency.999" },
  { number: "333", label: "emergency.333" },
  { number: "109", label: "emergency.109" },
  { number: "16263", label: "emergency.16263" },
];

/**
 * Call buttons (`tel:` links) for the national hotlines; `count` limits the list for the home page. The
 * link's name is its visible text (number and service) followed by "call <number>" for screen readers, so
 * people who operate it by voice can say what they see.
 */
export function EmergencyNumbers({ state, count = HOTLINES.length }: { state: AppState; count?: number }) {
  const { t, locale } = state;
  return (
    <ul class="space-y-3">
      {HOTLINES.slice(0, count).map(({ number, label }) => (
        <li>
          <a
            href={`tel:${number}`}
            class="flex items-center gap-4 min-h-[64px] p-3 rounded-lg bg-white border border-gray-300 hover:border-red-700"
          >
            <span class="flex-none w-20 text-center text-2xl font-bold text-red-800">
              {localDigits(number, locale)}
            </span>
            <span class="flex-1 text-gray-800 leading-snug">
              {t(label)}{" "}
              <span class="sr-only">({t("emergency.call", { number: localDigits(number, locale) })})</span>
            </span>
            <Icon name="phone" class="flex-none w-6 h-6 text-red-800" />
          </a>
        </li>
      ))}
    </ul>
  );
}
