/**
 * Payments through the bkash function and the local bKash sandbox, on the running stack (`npm start`):
 * how long each step of a payment takes on our side (start in the database, bKash create through the
 * function, the payer's return: execute and record), and how fast reconciliation settles payments the payer
 * paid but whose return never reached us. The sandbox answers at once, so these are our own costs; bKash's
 * own latency comes on top in production.
 *
 * `node_modules/.bin/deno run -A bench/bkash_payments.ts [payments]`
 */
import { signInWithPhone } from "../devstack/testing/auth.ts";
import { payAtCheckout } from "../devstack/testing/bkash.ts";
import { checkoutUrl, followCallback, reconcile, startFee } from "../tests/payments/support.ts";
import { median, percentile } from "./stats.ts";

const payments = Number(Deno.args[0] ?? 30);
const payer = await signInWithPhone();
const timings: Record<string, number[]> = { start: [], create: [], "return (execute + record)": [] };
const time = async <T>(step: string, work: () => Promise<T>): Promise<T> => {
  const started = performance.now();
  const result = await work();
  timings[step].push(performance.now() - started);
  return result;
};

for (let i = 0; i < payments; i++) {
  const id = await time("start", () => startFee(payer));
  const url = await time("create", () => checkoutUrl(payer, id));
  const { callback } = await payAtCheckout(url);
  await time("return (execute + record)", () => followCallback(callback!));
}

// Paid at bKash, never returned: reconciliation finds and completes them all.
for (let i = 0; i < payments; i++) {
  const id = await startFee(payer);
  await payAtCheckout(await checkoutUrl(payer, id));
}
await reconcile(0); // settles earlier leftovers of the developer's database too
const unsettled = [];
for (let i = 0; i < payments; i++) {
  const id = await startFee(payer);
  await payAtCheckout(await checkoutUrl(payer, id));
  unsettled.push(id);
}
const started = performance.now();
const outcome = await reconcile(0);
const elapsed = performance.now() - started;

console.log(`${payments} payments, one at a time (ms):`);
for (const [step, values] of Object.entries(timings)) {
  console.log(
    `  ${step.padEnd(28)} median ${median(values).toFixed(1)}  p90 ${percentile(values, 0.9).toFixed(1)}`,
  );
}
console.log(
  `reconciliation: ${outcome.checked} unsettled in ${elapsed.toFixed(0)} ms ` +
    `(${(elapsed / Math.max(outcome.checked, 1)).toFixed(1)} ms each): ${JSON.stringify(outcome)}`,
);
