
// Appended by scripts/build-bundle.sh (bundle/register.js): hanko-elements' entry point.
/**
 * Defines `<hanko-auth>`, `<hanko-login>` and `<hanko-registration>` for the Hanko API at `api`
 * and resolves `{ hanko }`. Loads the wasm module next to this file on first use, so no `init()`
 * call is needed (an earlier `init(...)` is reused). Languages other than English are loaded when
 * used, from the `i18n` folder next to this file unless `options.languagesLocation` says otherwise.
 */
export async function register(api, options) {
  await __wbg_init();
  const languagesLocation = new URL("i18n", import.meta.url).href;
  const withLanguages =
    options === undefined || options === null
      ? { languagesLocation }
      : typeof options === "object"
        ? { languagesLocation, ...options }
        : options;
  return registerElements(api, withLanguages);
}
