//! German (`de`).

use super::{ErrorMessage, ErrorTexts, Headlines, Labels, Texts, Translation};

fn msg(title: &str, text: &str) -> ErrorMessage {
    ErrorMessage {
        title: title.into(),
        text: text.into(),
    }
}

/// The strings.
pub(super) fn translation() -> Translation {
    Translation {
        headlines: Headlines {
            sign_in: "Anmelden".into(),
            create_account: "Konto erstellen".into(),
        },
        labels: Labels {
            sign_in_with_microsoft: "Mit Microsoft anmelden".into(),
            sign_up_with_microsoft: "Mit Microsoft registrieren".into(),
            sign_in_with: "Mit {provider} anmelden".into(),
            sign_up_with: "Mit {provider} registrieren".into(),
            sign_out: "Abmelden".into(),
            try_again: "Erneut versuchen".into(),
            try_again_in: "In {seconds} Sekunden erneut versuchen".into(),
            try_again_in_one: "In 1 Sekunde erneut versuchen".into(),
            use_another_account: "Anderes Konto verwenden".into(),
            sign_in_another_way: "Auf andere Weise anmelden".into(),
            details: "Details".into(),
            error_code: "Fehlercode".into(),
            microsoft_error: "Microsoft-Fehler".into(),
            trace_id: "Ablaufverfolgungs-ID".into(),
            correlation_id: "Korrelations-ID".into(),
            description: "Beschreibung".into(),
            last_used: "Zuletzt verwendet".into(),
            or: "oder".into(),
            provider_fallback: "dem Anbieter".into(),
        },
        texts: Texts {
            loading: "Wird geladen…".into(),
            redirecting: "Sie werden zu {provider} weitergeleitet…".into(),
            signing_in: "Sie werden angemeldet…".into(),
            signed_in_as: "Angemeldet als {email}".into(),
            signed_in: "Sie sind angemeldet.".into(),
            signing_out: "Sie werden abgemeldet…".into(),
            no_providers: "Hier ist derzeit keine Anmeldemethode verfügbar.".into(),
            unsupported_step: "Dieser Anmeldeschritt wird hier noch nicht unterstützt ({state}).".into(),
            contact_support: "Wenden Sie sich an den Support der Website, wenn das Problem weiterhin besteht.".into(),
        },
        errors: ErrorTexts {
            cancelled: msg("Anmeldung abgebrochen", "Sie haben die Anmeldung bei {provider} abgebrochen. Es wurde nichts geändert. Versuchen Sie es erneut, wann immer Sie bereit sind."),
            needs_admin_approval: msg("Genehmigung erforderlich", "Ein Administrator Ihrer Organisation muss diese Website genehmigen, bevor Sie sich mit Ihrem Geschäfts-, Schul- oder Unikonto anmelden können. Wenden Sie sich an Ihre IT-Abteilung, oder melden Sie sich auf andere Weise an."),
            account_not_allowed: msg("Dieses Konto kann hier nicht verwendet werden", "Mit dem bei {provider} gewählten Konto ist keine Anmeldung bei dieser Website möglich. Verwenden Sie ein anderes Konto, zum Beispiel ein Geschäfts-, Schul- oder Unikonto statt eines persönlichen Kontos oder umgekehrt."),
            more_steps_needed: msg("Weitere Schritte erforderlich", "Sie müssen sich erneut anmelden oder die Überprüfung Ihrer Identität bei {provider} abschließen. Versuchen Sie es erneut, und führen Sie alle Schritte aus."),
            provider_unavailable: msg("Vorübergehend nicht verfügbar", "Die Anmeldung mit {provider} ist gerade nicht möglich. Warten Sie einen Moment, und versuchen Sie es dann erneut."),
            misconfigured: msg("Anmeldung nicht richtig eingerichtet", "Die Anmeldung mit {provider} ist auf dieser Website nicht richtig eingerichtet. Wenden Sie sich an den Support der Website, und geben Sie die Details unten an."),
            user_conflict: msg("Konto existiert bereits", "Es gibt bereits ein Konto mit dieser E-Mail-Adresse. Melden Sie sich auf andere Weise an, mit der Methode, die Sie bisher verwendet haben."),
            multiple_accounts: msg("E-Mail-Adresse bereits verwendet", "Die E-Mail-Adresse dieses Kontos bei {provider} gehört hier bereits zu einem anderen Konto. Melden Sie sich mit diesem Konto an, oder verwenden Sie ein anderes."),
            unverified_email: msg("E-Mail-Adresse nicht bestätigt", "Die E-Mail-Adresse dieses Kontos bei {provider} ist nicht bestätigt. Bestätigen Sie sie zuerst, oder verwenden Sie ein anderes Konto."),
            email_limit_reached: msg("Zu viele E-Mail-Adressen", "Ihr Konto hat bereits die maximale Anzahl an E-Mail-Adressen, daher kann diese nicht hinzugefügt werden. Melden Sie sich auf andere Weise an."),
            signup_disabled: msg("Registrierung geschlossen", "Auf dieser Website können keine neuen Konten erstellt werden. Melden Sie sich mit einem bestehenden Konto an."),
            invalid_request: msg("Anmeldung konnte nicht abgeschlossen werden", "Bei der Anmeldung mit {provider} ist etwas schiefgelaufen. Bitte versuchen Sie es erneut."),
            server_error: msg("Etwas ist schiefgelaufen", "Beim Anmeldedienst ist ein Problem aufgetreten. Bitte versuchen Sie es gleich noch einmal."),
            expired: msg("Anmeldung abgelaufen", "Die Anmeldung hat zu lange gedauert und ist abgelaufen. Bitte beginnen Sie von vorn."),
            rate_limited: msg("Zu viele Versuche", "Es gab zu viele Anmeldeversuche. Bitte warten Sie einen Moment, bevor Sie es erneut versuchen."),
            not_permitted: msg("Anmeldung unterbrochen", "Diese Anmeldung kann nicht fortgesetzt werden, zum Beispiel weil sie in einem anderen Tab geändert wurde. Bitte beginnen Sie von vorn."),
            invalid_input: msg("Anmeldung nicht verfügbar", "Die Anmeldung mit {provider} ist auf dieser Seite nicht verfügbar oder konnte nicht abgeschlossen werden. Versuchen Sie es erneut, oder melden Sie sich auf andere Weise an."),
            network: msg("Verbindungsproblem", "Der Anmeldedienst ist nicht erreichbar. Überprüfen Sie Ihre Internetverbindung, und versuchen Sie es erneut."),
            lost_flow: msg("Anmeldung kann hier nicht abgeschlossen werden", "Sie kommen von {provider} zurück, aber diese Anmeldung wurde in einem anderen Tab oder Browser begonnen, oder ihre Daten wurden gelöscht. Bitte beginnen Sie von vorn."),
            unknown: msg("Anmeldung fehlgeschlagen", "Etwas Unerwartetes ist schiefgelaufen. Bitte versuchen Sie es erneut."),
        },
    }
}
