/**
 * The id of the running build, shared by server and browser code. The server sets it at startup, the
 * browser from the page state; `asset()` reads it to add a cache-busting query.
 */
let currentBuildId = "";

export function getBuildId(): string {
  return currentBuildId;
}

export function setBuildId(id: string): void {
  currentBuildId = id;
}
