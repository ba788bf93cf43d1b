
// Appended by scripts/build-bundle.sh (bundle/register.js): hanko-elements' entry point.
/**
 * Defines `<hanko-auth>`, `<hanko-login>` and `<hanko-registration>` for the Hanko API at `api`
 * and resolves `{ hanko }`. Loads the wasm module next to this file on first use, so no `init()`
 * call is needed (an earlier `init(...)` is reused).
 */
export async function register(api, options) {
  await __wbg_init();
  return registerElements(api, options);
}
