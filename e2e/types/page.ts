// Type-checked by e2e/tests/types.rs against pkg/hanko_elements.d.ts: what a page written for
// hanko-elements does with the module. Nothing here runs.
import { register, type SessionDetail, type User } from "hanko-elements-rs";

const { hanko } = await register("https://auth.example.com", { sessionCheckInterval: 5000 });

const unsubscribe: () => void = hanko.onSessionCreated((detail: SessionDetail) => {
  const millis: number = detail.expirationSeconds;
  const subject: string = detail.claims.subject;
  const address: string | undefined = detail.claims.email?.address;
  console.log(millis, subject, address);
});
unsubscribe();
hanko.onSessionExpired(() => console.log("expired"), true);
hanko.onUserLoggedOut(() => console.log("signed out"));
hanko.onUserDeleted(() => console.log("deleted"));

const user: User = await hanko.getUser();
const profile = await hanko.getCurrentUser();
const firstEmail: string | undefined = profile.emails?.[0]?.address;
const check = await hanko.validateSession();
const valid: boolean = check.is_valid;
const expires: string | undefined = check.claims?.expiration;
const token: string | undefined = hanko.getSessionToken();
await hanko.logout();
hanko.setLang("de");
console.log(user.id, firstEmail, valid, expires, token);

const element: HTMLElement = document.createElement("hanko-auth");
element.setAttribute("lang", "de");
document.addEventListener("hanko-session-created", (event) => {
  const claims = event.detail.claims;
  console.log(claims.session_id);
});

// @ts-expect-error: the API URL is required
await register();
// @ts-expect-error: sessionTokenLocation is "cookie" or "sessionStorage"
await register("https://auth.example.com", { sessionTokenLocation: "localStorage" });
// @ts-expect-error: the callback gets the session detail, not a string
hanko.onSessionCreated((detail: string) => console.log(detail));
