import type { ErrorHandler, PageProps } from "$fresh/server.ts";
import { applySecurityHeaders } from "@/lib/security.ts";
import { ErrorPage } from "@/components/ErrorPage.tsx";

/** A failure skips the rest of the middleware, so the error page adds the security headers itself. */
export const handler: ErrorHandler = async (_req, ctx) => {
  const response = await ctx.render();
  applySecurityHeaders(response.headers);
  return response;
};

export default function ServerError({ state, url }: PageProps) {
  return (
    <ErrorPage
      state={state}
      title="error.server_title"
      text="error.server_text"
      retryHref={url.pathname + url.search}
    />
  );
}
