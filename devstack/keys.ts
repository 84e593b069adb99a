/**
 * The local stack's JWT keys, as a Supabase project with asymmetric signing keys has them:
 *
 * - an ES256 signing key: Auth signs access tokens with it and publishes its public half as a JWKS
 *   (`GET /auth/v1/.well-known/jwks.json`), so anyone can verify a token without asking Auth;
 * - the legacy HS256 secret (the Supabase CLI's public demo value): the anon and service-role API keys
 *   are HS256 JWTs signed with it, as `supabase start` prints them, and Storage signs its URL tokens with it.
 *
 * Every local service verifies both (`verifyJwt`), and PostgREST gets both as one JWKS (`POSTGREST_JWKS`).
 * The private key is a fixed local value, like the demo secret: development and tests only.
 */
import { importJWK, type JWK, type JWTPayload, jwtVerify, SignJWT } from "jose";

export const JWT_SECRET = "super-secret-jwt-token-with-at-least-32-characters-long";
const secretKey = new TextEncoder().encode(JWT_SECRET);

/** The key id access tokens name in their header, and the JWKS lists. */
export const SIGNING_KEY_ID = "b81269f1-21d8-4f2e-b719-c2240a840d90";
const SIGNING_KEY_PUBLIC: JWK = {
  kty: "EC",
  crv: "P-256",
  x: "4Unaw7ceQ8UJsvKehoK-eBrwibnV-Rj8H0W2HATx-uM",
  y: "cRF8brDK3ENa4LSldijfHMLEnr-ep4e17YGJr2drOy0",
};
const signingKey = await importJWK(
  { ...SIGNING_KEY_PUBLIC, d: "epj0VTDewVll11ty48i5BRrvN8dXrQfapm54MdFdFQo" },
  "ES256",
);
const verifyingKey = await importJWK(SIGNING_KEY_PUBLIC, "ES256");

/** What Auth publishes at `/auth/v1/.well-known/jwks.json`: the public signing key, as Supabase Auth lists it. */
export const JWKS = {
  keys: [{
    ...SIGNING_KEY_PUBLIC,
    kid: SIGNING_KEY_ID,
    alg: "ES256",
    use: "sig",
    key_ops: ["verify"],
    ext: true,
  }],
};

/** PostgREST's `jwt-secret`: the signing key and the legacy secret, so both kinds of token are accepted. */
export const POSTGREST_JWKS = JSON.stringify({
  keys: [
    ...JWKS.keys,
    { kty: "oct", k: btoa(JWT_SECRET).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "") },
  ],
});

/** Expiry of the demo keys (the CLI's fixed value). */
const DEMO_KEY_EXP = 1983812996;

/** An access token as Auth issues it: ES256, naming the signing key. */
export function signAccessToken(claims: JWTPayload): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: "ES256", typ: "JWT", kid: SIGNING_KEY_ID })
    .sign(signingKey);
}

/** An HS256 token with the legacy secret: the API keys, Storage's URL tokens. */
export function signJwt(claims: JWTPayload): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: "HS256", typ: "JWT" }).sign(secretKey);
}

/** Verifies a token signed with the signing key or the legacy secret; throws when invalid or expired. */
export async function verifyJwt<T extends JWTPayload = JWTPayload & { role?: string }>(
  token: string,
): Promise<T> {
  const { payload } = await jwtVerify(
    token,
    (header) => header.alg === "HS256" ? secretKey : verifyingKey,
    { algorithms: ["HS256", "ES256"] },
  );
  return payload as T;
}

export const ANON_KEY = await signJwt({ iss: "supabase-demo", role: "anon", exp: DEMO_KEY_EXP });
export const SERVICE_ROLE_KEY = await signJwt({
  iss: "supabase-demo",
  role: "service_role",
  exp: DEMO_KEY_EXP,
});
