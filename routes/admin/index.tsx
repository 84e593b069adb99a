/** The staff dashboard's entry: visitors sign in first, citizens get 403. */
import type { Handlers, PageProps } from "$fresh/server.ts";
import type { SignedInState } from "@/lib/auth/guard.ts";
import { isStaff } from "@/lib/auth/session.ts";
import { ComingSoon } from "@/components/ComingSoon.tsx";
import { ErrorPage } from "@/components/ErrorPage.tsx";

export const handler: Handlers<{ forbidden: boolean }, SignedInState> = {
  GET(_req, ctx) {
    const { session } = ctx.state;
    return isStaff(session.user)
      ? ctx.render({ forbidden: false })
      : ctx.render({ forbidden: true }, { status: 403 });
  },
};

export default function StaffPage({ data, state }: PageProps<{ forbidden: boolean }, SignedInState>) {
  const { t } = state;
  return data.forbidden
    ? <ErrorPage state={state} title="staff.title" text="staff.forbidden" />
    : <ComingSoon state={state} title={t("staff.title")} text={t("staff.coming_soon")} />;
}
