import { defineConfig } from "$fresh/server.ts";
import twindPlugin from "$fresh/plugins/twindv1.ts";
import twindConfig from "./twind.config.ts";
import { config } from "./lib/config.ts";

export default defineConfig({
  plugins: [twindPlugin(twindConfig)],
  server: { hostname: config.hostname, port: config.port },
});
