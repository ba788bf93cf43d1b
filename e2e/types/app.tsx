// Type-checked by e2e/tests/types.rs with @types/react 19 against pkg/hanko_elements_react.d.ts.
import "hanko-elements-rs/react";

export function SignIn() {
  return (
    <main>
      <hanko-auth lang="de" mode="registration" theme="dark" className="auth" />
      <hanko-login api="https://auth.example.com" />
      <hanko-registration lang="fr" />
    </main>
  );
}

// @ts-expect-error: mode is "login" or "registration"
export const WrongMode = () => <hanko-auth mode="signup" />;
