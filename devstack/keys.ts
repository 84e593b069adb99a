/**
 * The local JWT secret and the API keys derived from it: the Supabase CLI's public demo values, so that
 * documentation and tools line up with `supabase start`.
 */
import { type JWTPayload, jwtVerify, SignJWT } from "jose";

export const JWT_SECRET = "super-secret-jwt-token-with-at-least-32-characters-long";
const secretKey = new TextEncoder().encode(JWT_SECRET);

/** Expiry of the demo keys (the CLI's fixed value). */
const DEMO_KEY_EXP = 1983812996;

export function signJwt(claims: JWTPayload): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: "HS256", typ: "JWT" }).sign(secretKey);
}

/** Verifies an HS256 token signed with the local secret; throws when invalid or expired. */
export async function verifyJwt<T extends JWTPayload = JWTPayload & { role?: string }>(
  token: string,
): Promise<T> {
  const { payload } = await jwtVerify(token, secretKey, { algorithms: ["HS256"] });
  return payload as T;
}

export const ANON_KEY = await signJwt({ iss: "supabase-demo", role: "anon", exp: DEMO_KEY_EXP });
export const SERVICE_ROLE_KEY = await signJwt({
  iss: "supabase-demo",
  role: "service_role",
  exp: DEMO_KEY_EXP,
});
