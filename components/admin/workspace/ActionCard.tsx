/**
 * One of the workspace's small forms: a titled card posting to the page itself with `action` and the
 * version the page showed. A refusal or a note about this form is shown at its top, and the answer to the
 * post scrolls back here (`#<id>`).
 */
import type { ComponentChildren } from "preact";
import { Notice } from "@/components/ui.tsx";

export interface ActionCardProps {
  id: string;
  title: string;
  version: number;
  /** The action the form posts; forms with several buttons name it on each button instead. */
  action?: string;
  refusal?: string;
  notice?: string;
  /** Said instead of the form when there is nothing to do. */
  empty?: string;
  children?: ComponentChildren;
}

export function ActionCard(
  { id, title, version, action, refusal, notice, empty, children }: ActionCardProps,
) {
  return (
    <section id={id} aria-labelledby={`${id}-title`} class="p-4 rounded-lg bg-white border border-gray-200">
      <h3 id={`${id}-title`} class="mb-3 text-lg font-bold text-gray-900">{title}</h3>
      {refusal && <Notice kind="error">{refusal}</Notice>}
      {notice && <Notice kind="info">{notice}</Notice>}
      {empty ? <p class="text-gray-700">{empty}</p> : (
        <form method="post" action={`#${id}`} class="space-y-4">
          {action && <input type="hidden" name="action" value={action} />}
          <input type="hidden" name="version" value={String(version)} />
          {children}
        </form>
      )}
    </section>
  );
}

/** A tick box with its words beside it, big enough to hit on a phone. */
export function Checkbox(
  { id, name, label, checked }: { id: string; name: string; label: string; checked: boolean },
) {
  return (
    <label for={id} class="flex items-start gap-3 min-h-[44px] cursor-pointer">
      <input
        id={id}
        type="checkbox"
        name={name}
        checked={checked}
        class="mt-1 w-5 h-5 shrink-0 accent-green-700"
      />
      <span class="text-gray-900">{label}</span>
    </label>
  );
}
