//! English (`en`), the default and last-resort fallback.

use super::{ErrorMessage, ErrorTexts, Headlines, Labels, Texts, Translation};

fn msg(title: &str, text: &str) -> ErrorMessage {
    ErrorMessage {
        title: title.into(),
        text: text.into(),
    }
}

/// The English strings.
pub(super) fn translation() -> Translation {
    Translation {
        headlines: Headlines {
            sign_in: "Sign in".into(),
            create_account: "Create account".into(),
        },
        labels: Labels {
            sign_in_with_microsoft: "Sign in with Microsoft".into(),
            sign_up_with_microsoft: "Sign up with Microsoft".into(),
            sign_in_with: "Sign in with {provider}".into(),
            sign_up_with: "Sign up with {provider}".into(),
            sign_out: "Sign out".into(),
            try_again: "Try again".into(),
            try_again_in: "Try again in {seconds} seconds".into(),
            try_again_in_one: "Try again in 1 second".into(),
            use_another_account: "Use another account".into(),
            sign_in_another_way: "Sign in another way".into(),
            details: "Details".into(),
            error_code: "Error code".into(),
            microsoft_error: "Microsoft error".into(),
            trace_id: "Trace ID".into(),
            correlation_id: "Correlation ID".into(),
            description: "Description".into(),
            last_used: "Last used".into(),
            or: "or".into(),
            provider_fallback: "the provider".into(),
        },
        texts: Texts {
            loading: "Loading…".into(),
            redirecting: "Taking you to {provider}…".into(),
            signing_in: "Signing you in…".into(),
            signed_in_as: "Signed in as {email}".into(),
            signed_in: "You are signed in.".into(),
            signing_out: "Signing out…".into(),
            no_providers: "No sign-in method is available here right now.".into(),
            unsupported_step: "This sign-in step isn't supported here yet ({state}).".into(),
            contact_support: "Contact the site's support if this keeps happening.".into(),
        },
        errors: ErrorTexts {
            cancelled: msg(
                "Sign-in cancelled",
                "You stopped signing in with {provider}. Nothing was changed. Try again whenever you're ready.",
            ),
            needs_admin_approval: msg(
                "Approval needed",
                "An administrator in your organization has to approve this site before you can sign in with your work or school account. Ask your IT department, or sign in another way.",
            ),
            account_not_allowed: msg(
                "This account can't be used here",
                "The account you chose at {provider} can't sign in to this site. Use another account, for example a work or school account instead of a personal one, or the other way round.",
            ),
            more_steps_needed: msg(
                "More steps needed",
                "You need to sign in again or finish verifying your identity with {provider}. Try again and complete every step.",
            ),
            provider_unavailable: msg(
                "Temporarily unavailable",
                "Signing in with {provider} isn't possible right now. Wait a moment, then try again.",
            ),
            misconfigured: msg(
                "Sign-in isn't set up correctly",
                "Signing in with {provider} isn't set up correctly on this site. Contact the site's support and include the details below.",
            ),
            user_conflict: msg(
                "Account already exists",
                "An account with this email address already exists. Sign in another way, using the method you used before.",
            ),
            multiple_accounts: msg(
                "Email address already in use",
                "The email address of this account at {provider} already belongs to another account here. Sign in with that account, or use another one.",
            ),
            unverified_email: msg(
                "Email address not verified",
                "The email address of this account at {provider} isn't verified. Verify it first, or use another account.",
            ),
            email_limit_reached: msg(
                "Too many email addresses",
                "Your account already has the maximum number of email addresses, so this one can't be added. Sign in another way.",
            ),
            signup_disabled: msg(
                "Sign-up is closed",
                "New accounts can't be created on this site. Sign in with an existing account.",
            ),
            invalid_request: msg(
                "Sign-in couldn't be completed",
                "Something went wrong while signing you in with {provider}. Please try again.",
            ),
            server_error: msg(
                "Something went wrong",
                "The sign-in service ran into a problem on its side. Please try again in a moment.",
            ),
            expired: msg(
                "Sign-in expired",
                "Signing in took too long and has expired. Please start again.",
            ),
            rate_limited: msg(
                "Too many attempts",
                "There were too many sign-in attempts. Please wait a moment before trying again.",
            ),
            not_permitted: msg(
                "Sign-in was interrupted",
                "This sign-in can't continue, for example because it was changed in another tab. Please start again.",
            ),
            invalid_input: msg(
                "Sign-in not available",
                "Signing in with {provider} isn't available from this page or couldn't be completed. Try again, or sign in another way.",
            ),
            network: msg(
                "Connection problem",
                "The sign-in service couldn't be reached. Check your internet connection and try again.",
            ),
            lost_flow: msg(
                "Sign-in couldn't be finished here",
                "You came back from {provider}, but this sign-in was started in another tab or browser, or its data was cleared. Please start again.",
            ),
            unknown: msg(
                "Sign-in failed",
                "Something unexpected went wrong. Please try again.",
            ),
        },
    }
}
