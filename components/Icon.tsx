/** Line icons drawn for this app (24×24, stroke follows the text colour); decorative, hidden from readers. */
const PATHS = {
  home: "M3 11.5 12 4l9 7.5M5.5 10v10h5v-6h3v6h5V10",
  complaints:
    "M8 4h8v3H8zM6 5.5H5a1 1 0 0 0-1 1V20a1 1 0 0 0 1 1h14a1 1 0 0 0 1-1V6.5a1 1 0 0 0-1-1h-1M8 12h8M8 16h5",
  services: "M4 4h6.5v6.5H4zM13.5 4H20v6.5h-6.5zM4 13.5h6.5V20H4zM13.5 13.5H20V20h-6.5z",
  account: "M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM4 21c0-4.4 3.6-7 8-7s8 2.6 8 7",
  staff: "M12 3 20 6v6c0 4.8-3.4 8-8 9-4.6-1-8-4.2-8-9V6zM8.5 12l2.5 2.5 4.5-5",
  phone:
    "M6.5 3.5h3l1.6 4.2-2 1.3a11 11 0 0 0 5.9 5.9l1.3-2 4.2 1.6v3a2 2 0 0 1-2.2 2A16.5 16.5 0 0 1 4.5 5.7a2 2 0 0 1 2-2.2z",
  plus: "M12 5v14M5 12h14",
  close: "M6 6l12 12M18 6 6 18",
  search: "M11 18a7 7 0 1 0 0-14 7 7 0 0 0 0 14zM16.2 16.2 20 20",
  arrow: "M5 12h14M13 6l6 6-6 6",
  leaf: "M5 20c0-9.5 5.5-15 15-15 0 9.5-5.5 15-14 15M5 20l8.5-8.5",
  bell: "M6 16V11a6 6 0 1 1 12 0v5l1.5 2h-15zM10 20.5a2 2 0 0 0 4 0",
  language: "M4 5h9M8.5 3v2M6 5c.8 3.5 3 6.5 6 8M11 5c-.8 3.8-3.4 7-7 9M13 21l4-9 4 9M14.5 18h5",
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name, class: className = "w-6 h-6" }: { name: IconName; class?: string }) {
  return (
    <svg
      class={className}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      stroke-width="1.8"
      stroke-linecap="round"
      stroke-linejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d={PATHS[name]} />
    </svg>
  );
}
