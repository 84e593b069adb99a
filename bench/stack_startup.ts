/**
 * How long `npm start`'s Supabase part takes to be ready: cold (a fresh cluster: initdb, bootstrap,
 * every migration, seed) and warm (an existing cluster: bootstrap and migration check only). Runs a
 * throw-away stack beside the developer's and prints medians.
 *
 *   node_modules/.bin/deno run -A bench/stack_startup.ts [rounds]
 */
import { makeStateDir, removeStack, startUntilReady } from "../devstack/testing/throwaway_stack.ts";
import { median } from "./stats.ts";

const rounds = Number(Deno.args[0] ?? 5);

async function timedStart(stateDir: string): Promise<number> {
  const started = performance.now();
  const stack = await startUntilReady(stateDir);
  const elapsed = performance.now() - started;
  stack.process.kill("SIGINT");
  await stack.process.status;
  return elapsed;
}

const cold: number[] = [];
const warm: number[] = [];
for (let round = 0; round < rounds; round++) {
  const stateDir = await makeStateDir();
  try {
    cold.push(await timedStart(stateDir));
    warm.push(await timedStart(stateDir));
  } finally {
    await removeStack(stateDir);
  }
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
console.log(`rounds: ${rounds}`);
console.log(`cold start (new cluster, migrations, seed): median ${seconds(median(cold))}`);
console.log(`warm start (existing cluster):              median ${seconds(median(warm))}`);
console.log(`cold / warm: ${(median(cold) / median(warm)).toFixed(1)}×`);
