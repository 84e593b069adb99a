import type { FreshContext } from "$fresh/server.ts";
import { Partial } from "$fresh/runtime.ts";
import { completeState } from "@/lib/state.ts";
import { SiteHeader } from "@/components/SiteHeader.tsx";
import { MainNav } from "@/components/MainNav.tsx";
import { SiteFooter } from "@/components/SiteFooter.tsx";
import { UrgentNotices } from "@/components/notices/UrgentNotices.tsx";

const isStaffArea = (url: URL) => url.pathname === "/admin" || url.pathname.startsWith("/admin/");

export default async function Layout(_req: Request, { Component, state, url }: FreshContext) {
  const appState = completeState(state);
  const shell = await appState.shell;
  return (
    <div class="min-h-screen flex flex-col pb-[72px] md:pb-0">
      <a
        href="#main"
        class="absolute left-2 -top-16 focus:top-2 z-20 px-4 py-3 rounded-md bg-white text-green-900 font-bold"
      >
        {appState.t("shell.skip_link")}
      </a>
      {/* Partials: client navigation (MainNav, the complaint list) swaps these and keeps the rest. */}
      <Partial name="header">
        <SiteHeader state={appState} url={url} unreadNotifications={shell?.unreadNotifications} />
      </Partial>
      <Partial name="nav">
        <MainNav state={appState} url={url} />
      </Partial>
      <UrgentNotices state={appState} notices={shell?.urgentNotices} />
      {/* The staff dashboard works at a ward office's desktop width; citizens' pages read best narrow. */}
      <main
        id="main"
        tabIndex={-1}
        class={`flex-1 w-full ${isStaffArea(url) ? "max-w-7xl" : "max-w-3xl"} mx-auto px-4 py-6`}
      >
        <Partial name="main">
          <Component />
        </Partial>
      </main>
      <SiteFooter state={appState} />
    </div>
  );
}
