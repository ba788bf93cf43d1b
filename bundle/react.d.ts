// JSX typings of the elements for React 19 (`import "<bundle>/hanko_elements_react"` once, e.g. in
// a `.d.ts` of the app): `<hanko-auth lang="de" mode="registration" />` type-checks, a wrong
// `mode` does not.
import type { DetailedHTMLProps, HTMLAttributes } from "react";
import type { HankoElementAttributes } from "./hanko_elements.js";

type HankoElementProps = DetailedHTMLProps<HTMLAttributes<HTMLElement>, HTMLElement> &
  HankoElementAttributes;

declare module "react" {
  namespace JSX {
    interface IntrinsicElements {
      "hanko-auth": HankoElementProps;
      "hanko-login": Omit<HankoElementProps, "mode">;
      "hanko-registration": Omit<HankoElementProps, "mode">;
    }
  }
}
