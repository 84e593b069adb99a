#!/usr/bin/env -S deno run -A --watch=static/,routes/,islands/,components/,lib/
/**
 * Development entry: regenerates fresh.gen.ts when routes or islands were added or removed, then starts
 * main.ts. `deno run -A dev.ts build` bundles the islands into _fresh/; `dev.ts check` exits 1 when
 * fresh.gen.ts is stale.
 */
import dev from "$fresh/dev.ts";
import config from "./fresh.config.ts";

await dev(import.meta.url, "./main.ts", config);
