import type { AppState } from "@/lib/state.ts";
import { EmergencyNumbers } from "./EmergencyNumbers.tsx";
import { PageHeading, PageTitle } from "./ui.tsx";

/** A section whose page is not built yet: says so plainly and offers the hotlines meanwhile. */
export function ComingSoon({ state, title, text }: { state: AppState; title: string; text: string }) {
  return (
    <>
      <PageTitle title={title} state={state} />
      <PageHeading title={title} lead={text} />
      <EmergencyNumbers state={state} count={2} />
    </>
  );
}
