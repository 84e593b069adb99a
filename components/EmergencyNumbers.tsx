import type { AppState } from "@/lib/state.ts";
import { localDigits } from "@/lib/i18n/mod.ts";
import { displayPhone } from "@/lib/phone.ts";
import type { EmergencyContact } from "@/lib/emergency/repository.ts";
import { Icon } from "./Icon.tsx";

/**
 * Call buttons (`tel:` links) for emergency numbers. Each link's accessible name is its visible text (the
 * number, then what it is), followed by "(call)" for screen readers, so speech users can say what they see.
 */
export function EmergencyNumbers(
  { state, contacts }: { state: AppState; contacts: readonly EmergencyContact[] },
) {
  const { t, locale } = state;
  return (
    <ul class="space-y-3">
      {contacts.map((contact) => (
        <li>
          <a
            href={`tel:${contact.phone}`}
            class="flex items-center gap-4 min-h-[64px] p-3 rounded-lg bg-white border border-gray-300 hover:border-red-700"
          >
            <span class="flex-none min-w-[5rem] text-center text-xl font-bold text-red-800">
              {contact.phone.startsWith("+")
                ? displayPhone(contact.phone, locale)
                : localDigits(contact.phone, locale)}
            </span>
            <span class="flex-1 text-gray-800 leading-snug">
              {locale === "bn" ? contact.name_bn : contact.name_en}
              <span class="sr-only">{` ${t("emergency.call_suffix")}`}</span>
            </span>
            <Icon name="phone" class="flex-none w-6 h-6 text-red-800" />
          </a>
        </li>
      ))}
    </ul>
  );
}
