/** One term and its value in a complaint's details list (`<dl>`). */
import type { ComponentChildren } from "preact";

export function DetailItem({ term, children }: { term: string; children: ComponentChildren }) {
  return (
    <div>
      <dt class="text-sm text-gray-600">{term}</dt>
      <dd class="text-gray-900">{children}</dd>
    </div>
  );
}
