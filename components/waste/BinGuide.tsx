/** What goes in which bin, for households. */
import type { AppState } from "@/lib/state.ts";

const BINS = [
  { colour: "border-green-700 bg-green-50", title: "waste.bin.green", items: "waste.bin.green_items" },
  { colour: "border-blue-700 bg-blue-50", title: "waste.bin.blue", items: "waste.bin.blue_items" },
  { colour: "border-red-700 bg-red-50", title: "waste.bin.red", items: "waste.bin.red_items" },
] as const;

export function BinGuide({ state }: { state: AppState }) {
  const { t } = state;
  return (
    <>
      <ul class="space-y-3">
        {BINS.map((bin) => (
          <li class={`p-3 rounded-lg border-l-8 ${bin.colour}`}>
            <p class="font-bold">{t(bin.title)}</p>
            <p class="text-gray-800">{t(bin.items)}</p>
          </li>
        ))}
      </ul>
      <p class="mt-3 font-bold text-gray-900">{t("waste.bin.never")}</p>
    </>
  );
}
