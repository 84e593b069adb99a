/** Set by `$fresh/dev.ts` before it imports the app's entry point. */
let devMode = false;

export function isDevMode(): boolean {
  return devMode;
}

export function setDevMode(enabled: boolean): void {
  devMode = enabled;
}
