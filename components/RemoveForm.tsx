/**
 * Removing or cancelling one thing in a list without JavaScript: a form of one red, link-like button that
 * posts `fields` as hidden inputs to `action` (this page when none).
 */
import type { ComponentChildren } from "preact";

export function RemoveForm(
  { fields, action, class: spacing, children }: {
    fields: Record<string, string | number>;
    action?: string;
    class?: string;
    /** The button's words. */
    children: ComponentChildren;
  },
) {
  return (
    <form method="post" action={action} class={spacing}>
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" class="underline text-red-800 min-h-[44px]">{children}</button>
    </form>
  );
}
