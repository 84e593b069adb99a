import { Icon } from "@/components/Icon.tsx";

/** The bell: a link to the notification list, with a badge while anything is unread. */
export function BellLink({ count, label, unreadLabel, format, live = false }: {
  count: number;
  /** Whether it is kept current (joined the person's channel); for tests and styling. */
  live?: boolean;
  label: string;
  unreadLabel: (count: number) => string;
  format: (count: number) => string;
}) {
  return (
    <a
      href="/notifications"
      aria-label={count > 0 ? unreadLabel(count) : label}
      class="relative flex items-center justify-center min-w-[44px] min-h-[44px] rounded-md hover:bg-green-700"
      data-unread={count}
      data-live={live ? "true" : undefined}
    >
      <Icon name="bell" />
      {count > 0 && (
        <span
          aria-hidden="true"
          class="absolute top-1 right-0 min-w-[20px] h-5 px-1 rounded-full bg-yellow-300 text-green-900 text-xs font-bold leading-5 text-center"
        >
          {count > 99 ? `${format(99)}+` : format(count)}
        </span>
      )}
    </a>
  );
}
