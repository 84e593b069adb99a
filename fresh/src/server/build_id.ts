import { setBuildId } from "../runtime/build_id.ts";
import { INTERNAL_PREFIX } from "../runtime/utils.ts";

/**
 * Identifies this server process's build in asset URLs (`/_frsh/js/<id>/…`, `?__frsh_c=<id>`), whose
 * responses are cached forever. The deployment id when the platform sets one, else random per start.
 */
export const BUILD_ID: string = deploymentId() ?? crypto.randomUUID().replaceAll("-", "");
setBuildId(BUILD_ID);

function deploymentId(): string | undefined {
  try {
    return Deno.env.get("DENO_DEPLOYMENT_ID") || undefined;
  } catch {
    return undefined; // no --allow-env
  }
}

/** URL folder of this build's island bundle files. */
export const BUNDLE_PATH = `${INTERNAL_PREFIX}/js/${BUILD_ID}/`;
