import { defineConfig } from "$fresh/server.ts";
import twindPlugin from "$fresh/plugins/twindv1.ts";
import twindConfig from "./twind.config.ts";
import { config } from "./lib/config.ts";

export default defineConfig({
  plugins: [twindPlugin(twindConfig)],
  // One process per core shares the port (SO_REUSEPORT, Linux): `npm start` starts them, see README.
  server: { hostname: config.hostname, port: config.port, reusePort: true },
});
