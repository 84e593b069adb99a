/** The city's services as big links: notices, emergency help, waste collection, gallery. */
import type { AppState } from "@/lib/state.ts";
import type { MessageKey } from "@/lib/i18n/mod.ts";

const SERVICES: { href: string; title: MessageKey; hint: MessageKey }[] = [
  { href: "/emergency", title: "city.emergency", hint: "city.emergency_hint" },
  { href: "/notices", title: "city.notices", hint: "city.notices_hint" },
  { href: "/waste", title: "city.waste", hint: "city.waste_hint" },
  { href: "/gallery", title: "city.gallery", hint: "city.gallery_hint" },
];

export function CityServiceLinks({ state }: { state: AppState }) {
  const { t } = state;
  return (
    <ul class="grid gap-3 sm:grid-cols-2">
      {SERVICES.map((service) => (
        <li>
          <a
            href={service.href}
            class="block min-h-[72px] p-4 rounded-xl bg-white border-2 border-green-700 hover:bg-green-50"
          >
            <span class="block text-lg font-bold text-green-900">{t(service.title)}</span>
            <span class="block text-sm text-gray-700">{t(service.hint)}</span>
          </a>
        </li>
      ))}
    </ul>
  );
}
