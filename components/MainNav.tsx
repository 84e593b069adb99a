import type { AppState } from "@/lib/state.ts";
import type { MessageKey } from "@/lib/i18n/mod.ts";
import { isStaff } from "@/lib/auth/session.ts";
import { Icon, type IconName } from "./Icon.tsx";

interface NavItem {
  href: string;
  label: MessageKey;
  icon: IconName;
}

const CITIZEN_ITEMS: NavItem[] = [
  { href: "/", label: "nav.home", icon: "home" },
  { href: "/complaints", label: "nav.complaints", icon: "complaints" },
  { href: "/services", label: "nav.services", icon: "services" },
  { href: "/account", label: "nav.account", icon: "account" },
];
const STAFF_ITEM: NavItem = { href: "/admin", label: "nav.staff", icon: "staff" };

function isCurrent(href: string, path: string): boolean {
  return href === "/" ? path === "/" : path === href || path.startsWith(`${href}/`);
}

/** The main navigation: a bottom bar within thumb reach on phones, a bar under the header on wider screens. */
export function MainNav({ state, url }: { state: AppState; url: URL }) {
  const items = isStaff(state.session?.user) ? [...CITIZEN_ITEMS, STAFF_ITEM] : CITIZEN_ITEMS;
  return (
    <nav
      aria-label={state.t("nav.label")}
      // Signed-in people move between these pages most: their clicks fetch only the page's partials. Visitors'
      // pages stay free of JavaScript (see fresh/README.md, "Client navigation").
      f-client-nav={Boolean(state.session)}
      class="fixed bottom-0 inset-x-0 z-10 bg-white border-t border-gray-200 md:static md:border-b md:border-t-0"
    >
      <ul class="max-w-3xl mx-auto flex md:gap-2 md:px-4">
        {items.map((item) => {
          const current = isCurrent(item.href, url.pathname);
          return (
            <li class="flex-1 md:flex-none">
              <a
                href={item.href}
                aria-current={current ? "page" : undefined}
                class={`flex flex-col md:flex-row items-center justify-center gap-0.5 md:gap-2 min-h-[56px] px-2 md:px-3 text-xs md:text-base border-t-4 md:border-t-0 md:border-b-4 ${
                  current
                    ? "border-green-700 text-green-800 font-bold"
                    : "border-transparent text-gray-700 hover:text-green-800"
                }`}
              >
                <Icon name={item.icon} />
                {state.t(item.label)}
              </a>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
