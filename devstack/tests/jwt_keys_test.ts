/**
 * Asymmetric JWT signing keys, as a Supabase project has them: Auth signs access tokens with ES256 and
 * publishes the public key at `/auth/v1/.well-known/jwks.json`; PostgREST and Storage verify both those and
 * the legacy HS256 tokens (the demo anon and service-role keys); a token signed with any other key is refused.
 */
import assert from "node:assert/strict";
import { createLocalJWKSet, decodeProtectedHeader, generateKeyPair, jwtVerify, SignJWT } from "jose";
import { API_URL } from "../config.ts";
import { ANON_KEY, SIGNING_KEY_ID, signJwt } from "../keys.ts";
import { signInWithPhone } from "../testing/auth.ts";

const JWKS_URL = `${API_URL}/auth/v1/.well-known/jwks.json`;

/** Reads the caller's own profile row through the gateway and PostgREST with `token`. */
function readOwnProfile(token: string, userId: string) {
  return fetch(`${API_URL}/rest/v1/profiles?select=id&id=eq.${userId}`, {
    headers: { apikey: ANON_KEY, authorization: `Bearer ${token}` },
  });
}

Deno.test("Auth publishes its public signing key and signs access tokens with it (ES256)", async () => {
  const response = await fetch(JWKS_URL); // no API key: anyone may verify tokens
  assert.equal(response.status, 200);
  assert.match(response.headers.get("cache-control") ?? "", /max-age=\d+/);
  const jwks = await response.json();
  assert.equal(jwks.keys.length, 1);
  assert.equal(jwks.keys[0].alg, "ES256");
  assert.equal(jwks.keys[0].kid, SIGNING_KEY_ID);
  assert.equal(jwks.keys[0].d, undefined, "never the private part");

  const { accessToken, id } = await signInWithPhone();
  assert.deepEqual(decodeProtectedHeader(accessToken), { alg: "ES256", typ: "JWT", kid: SIGNING_KEY_ID });
  const { payload } = await jwtVerify(accessToken, createLocalJWKSet(jwks));
  assert.equal(payload.sub, id);
});

Deno.test("PostgREST and Storage take Auth's ES256 tokens and legacy HS256 ones, and refuse other keys", async () => {
  const { accessToken, id } = await signInWithPhone();
  const claims = JSON.parse(atob(accessToken.split(".")[1].replace(/-/g, "+").replace(/_/g, "/")));

  const signed = await readOwnProfile(accessToken, id);
  assert.equal(signed.status, 200);
  assert.deepEqual(await signed.json(), [{ id }]);

  const legacy = await readOwnProfile(await signJwt(claims), id);
  assert.equal(legacy.status, 200, "an HS256 token signed with the legacy secret still works");
  assert.deepEqual(await legacy.json(), [{ id }]);

  // Someone else's ES256 key, claiming to be Auth's.
  const { privateKey } = await generateKeyPair("ES256", { extractable: true });
  const forged = await new SignJWT(claims).setProtectedHeader({
    alg: "ES256",
    typ: "JWT",
    kid: SIGNING_KEY_ID,
  })
    .sign(privateKey);
  const refused = await readOwnProfile(forged, id);
  assert.equal(refused.status, 401);
  await refused.body?.cancel();

  const buckets = (token: string) =>
    fetch(`${API_URL}/storage/v1/bucket`, {
      headers: { apikey: ANON_KEY, authorization: `Bearer ${token}` },
    });
  const storageSigned = await buckets(accessToken);
  assert.equal(storageSigned.status, 200);
  await storageSigned.body?.cancel();
  const storageForged = await buckets(forged);
  assert.ok(
    storageForged.status >= 400 && storageForged.status < 500,
    `Storage answered ${storageForged.status}`,
  );
  // Storage verifies with jose and passes its message on, as Supabase Storage does.
  assert.match(await storageForged.text(), /signature verification failed/);
});
