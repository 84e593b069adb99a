import type { PageProps } from "$fresh/server.ts";
import { completeState } from "@/lib/state.ts";
import { ErrorPage } from "@/components/ErrorPage.tsx";

export default function NotFound({ state }: PageProps) {
  const appState = completeState(state);
  return (
    <ErrorPage
      state={appState}
      title={appState.t("error.not_found_title")}
      text={appState.t("error.not_found_text")}
    />
  );
}
