/** `$fresh/runtime.ts`: what pages, components and islands may import (safe in the browser). */
export * from "./src/runtime/mod.ts";
