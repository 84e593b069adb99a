/**
 * Puts freshly rendered figures (HTML from the app's own server) in place of the ones on the page, keeping
 * what the reader was doing there: tables they opened stay open and the control they were on keeps focus
 * (both found again by id). Browser only.
 */
export function replaceFigures(region: HTMLElement, html: string): void {
  const open = [...region.querySelectorAll("details[open]")].map((details) => details.id).filter(Boolean);
  const focused = document.activeElement;
  const focusedId = focused && region.contains(focused) ? focused.id : "";

  region.innerHTML = html;

  for (const id of open) region.querySelector(`details[id="${CSS.escape(id)}"]`)?.setAttribute("open", "");
  if (focusedId) region.querySelector<HTMLElement>(`[id="${CSS.escape(focusedId)}"]`)?.focus();
}
