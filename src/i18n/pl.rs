//! Polish (`pl`). `{provider}` always follows `konta`/`konto` or `logowania`, so a brand name stays uninflected and the fallback is the genitive `dostawcy`.

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
            sign_in: "Zaloguj się".into(),
            create_account: "Utwórz konto".into(),
        },
        labels: Labels {
            sign_in_with_microsoft: "Zaloguj się przy użyciu konta Microsoft".into(),
            sign_up_with_microsoft: "Zarejestruj się przy użyciu konta Microsoft".into(),
            sign_in_with: "Zaloguj się przy użyciu konta {provider}".into(),
            sign_up_with: "Zarejestruj się przy użyciu konta {provider}".into(),
            sign_out: "Wyloguj się".into(),
            try_again: "Spróbuj ponownie".into(),
            try_again_in: "Spróbuj ponownie za {seconds} s".into(),
            try_again_in_one: "Spróbuj ponownie za 1 sekundę".into(),
            use_another_account: "Użyj innego konta".into(),
            sign_in_another_way: "Zaloguj się w inny sposób".into(),
            details: "Szczegóły".into(),
            error_code: "Kod błędu".into(),
            microsoft_error: "Błąd Microsoft".into(),
            trace_id: "Identyfikator śledzenia".into(),
            correlation_id: "Identyfikator korelacji".into(),
            description: "Opis".into(),
            last_used: "Ostatnio używane".into(),
            or: "lub".into(),
            provider_fallback: "dostawcy".into(),
        },
        texts: Texts {
            loading: "Ładowanie…".into(),
            redirecting: "Przechodzenie do strony logowania {provider}…".into(),
            signing_in: "Trwa logowanie…".into(),
            signed_in_as: "Zalogowano jako {email}".into(),
            signed_in: "Zalogowano.".into(),
            signing_out: "Trwa wylogowywanie…".into(),
            no_providers: "Obecnie nie jest tu dostępna żadna metoda logowania.".into(),
            unsupported_step: "Ten krok logowania nie jest tu jeszcze obsługiwany ({state}).".into(),
            contact_support: "Jeśli problem będzie się powtarzał, skontaktuj się z pomocą techniczną witryny.".into(),
        },
        errors: ErrorTexts {
            cancelled: msg("Logowanie anulowane", "Przerwano logowanie przy użyciu konta {provider}. Nic nie zostało zmienione. Spróbuj ponownie, kiedy zechcesz."),
            needs_admin_approval: msg("Wymagana zgoda", "Administrator Twojej organizacji musi zatwierdzić tę witrynę, zanim będzie można zalogować się przy użyciu konta służbowego lub szkolnego. Skontaktuj się z działem IT lub zaloguj się w inny sposób."),
            account_not_allowed: msg("Tego konta nie można tu użyć", "Wybranego konta {provider} nie można użyć do logowania w tej witrynie. Użyj innego konta, na przykład konta służbowego lub szkolnego zamiast osobistego, albo odwrotnie."),
            more_steps_needed: msg("Wymagane dodatkowe kroki", "Musisz zalogować się ponownie lub dokończyć weryfikację tożsamości dla konta {provider}. Spróbuj ponownie i wykonaj wszystkie kroki."),
            provider_unavailable: msg("Chwilowo niedostępne", "Logowanie przy użyciu konta {provider} jest teraz niemożliwe. Poczekaj chwilę i spróbuj ponownie."),
            misconfigured: msg("Logowanie nie jest poprawnie skonfigurowane", "Logowanie przy użyciu konta {provider} nie jest poprawnie skonfigurowane w tej witrynie. Skontaktuj się z pomocą techniczną witryny i podaj poniższe szczegóły."),
            user_conflict: msg("Konto już istnieje", "Konto z tym adresem e-mail już istnieje. Zaloguj się w inny sposób, tak jak wcześniej."),
            multiple_accounts: msg("Adres e-mail jest już używany", "Adres e-mail tego konta {provider} należy tu już do innego konta. Zaloguj się na to konto lub użyj innego."),
            unverified_email: msg("Adres e-mail nie jest zweryfikowany", "Adres e-mail tego konta {provider} nie jest zweryfikowany. Najpierw go zweryfikuj lub użyj innego konta."),
            email_limit_reached: msg("Zbyt wiele adresów e-mail", "Twoje konto ma już maksymalną liczbę adresów e-mail, więc nie można dodać tego adresu. Zaloguj się w inny sposób."),
            signup_disabled: msg("Rejestracja jest zamknięta", "W tej witrynie nie można tworzyć nowych kont. Zaloguj się na istniejące konto."),
            invalid_request: msg("Nie udało się dokończyć logowania", "Podczas logowania przy użyciu konta {provider} coś poszło nie tak. Spróbuj ponownie."),
            server_error: msg("Coś poszło nie tak", "Usługa logowania napotkała problem. Spróbuj ponownie za chwilę."),
            expired: msg("Logowanie wygasło", "Logowanie trwało zbyt długo i wygasło. Zacznij od nowa."),
            rate_limited: msg("Zbyt wiele prób", "Było zbyt wiele prób logowania. Poczekaj chwilę, zanim spróbujesz ponownie."),
            not_permitted: msg("Logowanie zostało przerwane", "Tego logowania nie można kontynuować, na przykład dlatego, że zostało zmienione na innej karcie. Zacznij od nowa."),
            invalid_input: msg("Logowanie niedostępne", "Logowanie przy użyciu konta {provider} jest niedostępne na tej stronie lub nie mogło zostać dokończone. Spróbuj ponownie lub zaloguj się w inny sposób."),
            network: msg("Problem z połączeniem", "Nie można połączyć się z usługą logowania. Sprawdź połączenie z internetem i spróbuj ponownie."),
            lost_flow: msg("Nie można tu dokończyć logowania", "Wracasz ze strony logowania {provider}, ale to logowanie rozpoczęto na innej karcie lub w innej przeglądarce albo jego dane zostały usunięte. Zacznij od nowa."),
            unknown: msg("Logowanie nie powiodło się", "Wystąpił nieoczekiwany błąd. Spróbuj ponownie."),
        },
    }
}
