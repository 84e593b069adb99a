import type { AppState } from "@/lib/state.ts";

export function SiteFooter({ state }: { state: AppState }) {
  return (
    <footer class="border-t border-gray-200 bg-gray-100 text-gray-700 text-sm">
      <div class="max-w-3xl mx-auto px-4 py-6 space-y-2">
        <p>{state.t("shell.footer_emergency")}</p>
        <p>{state.t("shell.footer_about")}</p>
      </div>
    </footer>
  );
}
