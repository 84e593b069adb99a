/** Every staff page: the staff menu above the page (the shell around it comes from routes/_layout.tsx). */
import type { PageProps } from "$fresh/server.ts";
import type { StaffState } from "@/lib/auth/guard.ts";
import { StaffNav } from "@/components/admin/StaffNav.tsx";

export default function StaffLayout({ Component, state, url }: PageProps<unknown, StaffState>) {
  return (
    <>
      <StaffNav state={state} url={url} />
      <Component />
    </>
  );
}
