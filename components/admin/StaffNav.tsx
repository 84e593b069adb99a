import type { StaffState } from "@/lib/auth/guard.ts";
import type { MessageKey } from "@/lib/i18n/mod.ts";
import type { AppRole } from "@/lib/auth/session.ts";
import { chipClass } from "@/components/ui.tsx";

interface StaffNavItem {
  href: string;
  label: MessageKey;
  /** The roles that see the link; every staff role when absent. */
  roles?: AppRole[];
}

const ITEMS: StaffNavItem[] = [
  { href: "/admin", label: "staff.nav.dashboard" },
  { href: "/admin/complaints", label: "staff.nav.queue" },
  { href: "/admin/sos", label: "sos.admin.title", roles: ["ward_admin", "super_admin"] },
  { href: "/admin/notices", label: "notices.admin.title", roles: ["ward_admin", "super_admin"] },
  { href: "/admin/waste", label: "waste.admin.title", roles: ["ward_admin", "super_admin"] },
  { href: "/admin/gallery", label: "gallery.admin.title", roles: ["ward_admin", "super_admin"] },
  { href: "/admin/emergency", label: "emergency.admin.nav", roles: ["ward_admin", "super_admin"] },
  { href: "/admin/help", label: "chat.help_queue", roles: ["ward_admin", "super_admin"] },
  { href: "/admin/staff", label: "staff.nav.staff", roles: ["super_admin"] },
  { href: "/admin/audit", label: "staff.nav.audit", roles: ["super_admin"] },
  { href: "/admin/deadlines", label: "staff.nav.deadlines", roles: ["super_admin"] },
  { href: "/admin/payments", label: "payments_admin.nav.payments", roles: ["super_admin"] },
  { href: "/admin/fees", label: "payments_admin.nav.fees", roles: ["super_admin"] },
  { href: "/admin/campaigns", label: "payments_admin.nav.campaigns", roles: ["super_admin"] },
];

/** The staff area's own menu, above each of its pages: only the parts the person's role may open. */
export function StaffNav({ state, url }: { state: StaffState; url: URL }) {
  const role = state.session.user.role;
  const items = ITEMS.filter((item) => !item.roles || item.roles.includes(role));
  return (
    <nav aria-label={state.t("staff.nav.label")} class="mb-6 -mx-4 px-4 overflow-x-auto">
      <ul class="flex gap-2 whitespace-nowrap">
        {items.map((item) => {
          const current = item.href === "/admin"
            ? url.pathname === "/admin"
            : url.pathname === item.href || url.pathname.startsWith(`${item.href}/`);
          return (
            <li>
              <a
                href={item.href}
                aria-current={current ? "page" : undefined}
                class={chipClass(current)}
              >
                {state.t(item.label)}
              </a>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
