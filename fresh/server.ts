/** `$fresh/server.ts`: what `main.ts`, routes and tests import on the server. */
export {
  createHandler,
  defineApp,
  defineConfig,
  defineLayout,
  defineRoute,
  ServerContext,
  start,
  STATUS_CODE,
} from "./src/server/mod.ts";
export type * from "./src/server/mod.ts";
