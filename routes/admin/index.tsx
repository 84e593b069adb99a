/** The staff dashboard's entry (statistics arrive with the dashboard issue): where to go from here. */
import type { PageProps } from "$fresh/server.ts";
import type { StaffState } from "@/lib/auth/guard.ts";
import { ComingSoon } from "@/components/ComingSoon.tsx";

export default function StaffPage({ state }: PageProps<unknown, StaffState>) {
  const { t } = state;
  return <ComingSoon state={state} title={t("staff.title")} text={t("staff.coming_soon")} />;
}
