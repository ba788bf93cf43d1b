//! Dutch (`nl`).

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
            sign_in: "Aanmelden".into(),
            create_account: "Account maken".into(),
        },
        labels: Labels {
            sign_in_with_microsoft: "Aanmelden met Microsoft".into(),
            sign_up_with_microsoft: "Registreren met Microsoft".into(),
            sign_in_with: "Aanmelden met {provider}".into(),
            sign_up_with: "Registreren met {provider}".into(),
            sign_out: "Afmelden".into(),
            try_again: "Opnieuw proberen".into(),
            try_again_in: "Opnieuw proberen over {seconds} seconden".into(),
            try_again_in_one: "Opnieuw proberen over 1 seconde".into(),
            use_another_account: "Een ander account gebruiken".into(),
            sign_in_another_way: "Op een andere manier aanmelden".into(),
            details: "Details".into(),
            error_code: "Foutcode".into(),
            microsoft_error: "Microsoft-fout".into(),
            trace_id: "Tracerings-id".into(),
            correlation_id: "Correlatie-id".into(),
            description: "Beschrijving".into(),
            last_used: "Laatst gebruikt".into(),
            or: "of".into(),
            provider_fallback: "de provider".into(),
        },
        texts: Texts {
            loading: "Laden…".into(),
            redirecting: "Je wordt doorgestuurd naar {provider}…".into(),
            signing_in: "Je wordt aangemeld…".into(),
            signed_in_as: "Aangemeld als {email}".into(),
            signed_in: "Je bent aangemeld.".into(),
            signing_out: "Je wordt afgemeld…".into(),
            no_providers: "Er is hier momenteel geen aanmeldmethode beschikbaar.".into(),
            unsupported_step: "Deze aanmeldstap wordt hier nog niet ondersteund ({state}).".into(),
            contact_support: "Neem contact op met de ondersteuning van de site als dit blijft gebeuren.".into(),
        },
        errors: ErrorTexts {
            cancelled: msg("Aanmelden geannuleerd", "Je bent gestopt met aanmelden bij {provider}. Er is niets gewijzigd. Probeer het opnieuw wanneer je wilt."),
            needs_admin_approval: msg("Goedkeuring nodig", "Een beheerder van je organisatie moet deze site eerst goedkeuren voordat je je kunt aanmelden met je werk- of schoolaccount. Vraag het je IT-afdeling of meld je op een andere manier aan."),
            account_not_allowed: msg("Dit account kan hier niet worden gebruikt", "Met het account dat je bij {provider} hebt gekozen, kun je je niet aanmelden bij deze site. Gebruik een ander account, bijvoorbeeld een werk- of schoolaccount in plaats van een persoonlijk account, of andersom."),
            more_steps_needed: msg("Meer stappen nodig", "Je moet je opnieuw aanmelden of de verificatie van je identiteit bij {provider} afronden. Probeer het opnieuw en voltooi alle stappen."),
            provider_unavailable: msg("Tijdelijk niet beschikbaar", "Aanmelden met {provider} is op dit moment niet mogelijk. Wacht even en probeer het dan opnieuw."),
            misconfigured: msg("Aanmelden is niet goed ingesteld", "Aanmelden met {provider} is op deze site niet goed ingesteld. Neem contact op met de ondersteuning van de site en vermeld de details hieronder."),
            user_conflict: msg("Account bestaat al", "Er bestaat al een account met dit e-mailadres. Meld je op een andere manier aan, met de methode die je eerder hebt gebruikt."),
            multiple_accounts: msg("E-mailadres al in gebruik", "Het e-mailadres van dit account bij {provider} hoort hier al bij een ander account. Meld je aan met dat account of gebruik een ander account."),
            unverified_email: msg("E-mailadres niet geverifieerd", "Het e-mailadres van dit account bij {provider} is niet geverifieerd. Verifieer het eerst of gebruik een ander account."),
            email_limit_reached: msg("Te veel e-mailadressen", "Je account heeft al het maximale aantal e-mailadressen, dus dit adres kan niet worden toegevoegd. Meld je op een andere manier aan."),
            signup_disabled: msg("Registreren is gesloten", "Op deze site kunnen geen nieuwe accounts worden gemaakt. Meld je aan met een bestaand account."),
            invalid_request: msg("Aanmelden kon niet worden voltooid", "Er is iets misgegaan bij het aanmelden met {provider}. Probeer het opnieuw."),
            server_error: msg("Er is iets misgegaan", "De aanmeldservice had een probleem. Probeer het zo meteen opnieuw."),
            expired: msg("Aanmelding verlopen", "Het aanmelden duurde te lang en is verlopen. Begin opnieuw."),
            rate_limited: msg("Te veel pogingen", "Er waren te veel aanmeldpogingen. Wacht even voordat je het opnieuw probeert."),
            not_permitted: msg("Aanmelden onderbroken", "Deze aanmelding kan niet verder, bijvoorbeeld omdat ze in een ander tabblad is gewijzigd. Begin opnieuw."),
            invalid_input: msg("Aanmelden niet beschikbaar", "Aanmelden met {provider} is vanaf deze pagina niet beschikbaar of kon niet worden voltooid. Probeer het opnieuw of meld je op een andere manier aan."),
            network: msg("Verbindingsprobleem", "De aanmeldservice is niet bereikbaar. Controleer je internetverbinding en probeer het opnieuw."),
            lost_flow: msg("Aanmelden kan hier niet worden afgerond", "Je bent teruggekomen van {provider}, maar deze aanmelding is in een ander tabblad of een andere browser gestart, of de gegevens ervan zijn gewist. Begin opnieuw."),
            unknown: msg("Aanmelden mislukt", "Er is iets onverwachts misgegaan. Probeer het opnieuw."),
        },
    }
}
