/** Prints the page (the receipt). Shown only once scripts run: without them the browser's own Print works. */
import { useEffect, useState } from "preact/hooks";

export default function PrintButton({ label }: { label: string }) {
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);
  if (!ready) return null;
  return (
    <button
      type="button"
      onClick={() => globalThis.print()}
      class="inline-flex items-center justify-center min-h-[48px] px-5 rounded-lg text-base font-bold bg-white text-green-800 border-2 border-green-700 hover:bg-green-50"
    >
      {label}
    </button>
  );
}
