import type { PageProps } from "$fresh/server.ts";
import { ErrorPage } from "@/components/ErrorPage.tsx";

export default function NotFound({ state }: PageProps) {
  return <ErrorPage state={state} title="error.not_found_title" text="error.not_found_text" />;
}
