//! Italian (`it`).

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
            sign_in: "Accedi".into(),
            create_account: "Crea account".into(),
        },
        labels: Labels {
            sign_in_with_microsoft: "Accedi con Microsoft".into(),
            sign_up_with_microsoft: "Registrati con Microsoft".into(),
            sign_in_with: "Accedi con {provider}".into(),
            sign_up_with: "Registrati con {provider}".into(),
            sign_out: "Esci".into(),
            try_again: "Riprova".into(),
            try_again_in: "Riprova tra {seconds} secondi".into(),
            try_again_in_one: "Riprova tra 1 secondo".into(),
            use_another_account: "Usa un altro account".into(),
            sign_in_another_way: "Accedi in un altro modo".into(),
            details: "Dettagli".into(),
            error_code: "Codice di errore".into(),
            microsoft_error: "Errore Microsoft".into(),
            trace_id: "ID traccia".into(),
            correlation_id: "ID correlazione".into(),
            description: "Descrizione".into(),
            last_used: "Usato l'ultima volta".into(),
            or: "oppure".into(),
            provider_fallback: "il provider".into(),
        },
        texts: Texts {
            loading: "Caricamento…".into(),
            redirecting: "Reindirizzamento verso {provider}…".into(),
            signing_in: "Accesso in corso…".into(),
            signed_in_as: "Accesso eseguito come {email}".into(),
            signed_in: "Hai eseguito l'accesso.".into(),
            signing_out: "Disconnessione in corso…".into(),
            no_providers: "Al momento qui non è disponibile alcun metodo di accesso.".into(),
            unsupported_step: "Questo passaggio di accesso non è ancora supportato qui ({state}).".into(),
            contact_support: "Se il problema persiste, contatta l'assistenza del sito.".into(),
        },
        errors: ErrorTexts {
            cancelled: msg("Accesso annullato", "Hai interrotto l'accesso con {provider}. Non è stato modificato nulla. Riprova quando vuoi."),
            needs_admin_approval: msg("Approvazione necessaria", "Un amministratore della tua organizzazione deve approvare questo sito prima che tu possa accedere con il tuo account aziendale o dell'istituto di istruzione. Rivolgiti al reparto IT oppure accedi in un altro modo."),
            account_not_allowed: msg("Questo account non può essere usato qui", "L'account scelto tramite {provider} non può accedere a questo sito. Usa un altro account, ad esempio un account aziendale o dell'istituto di istruzione invece di uno personale, o viceversa."),
            more_steps_needed: msg("Sono necessari altri passaggi", "Devi accedere di nuovo o completare la verifica della tua identità con {provider}. Riprova e completa tutti i passaggi."),
            provider_unavailable: msg("Temporaneamente non disponibile", "Al momento non è possibile accedere con {provider}. Attendi qualche istante, poi riprova."),
            misconfigured: msg("Accesso non configurato correttamente", "L'accesso con {provider} non è configurato correttamente su questo sito. Contatta l'assistenza del sito e includi i dettagli riportati sotto."),
            user_conflict: msg("L'account esiste già", "Esiste già un account con questo indirizzo email. Accedi in un altro modo, con il metodo che hai usato in precedenza."),
            multiple_accounts: msg("Indirizzo email già in uso", "L'indirizzo email dell'account usato con {provider} appartiene già a un altro account qui. Accedi con quell'account oppure usane un altro."),
            unverified_email: msg("Indirizzo email non verificato", "L'indirizzo email dell'account usato con {provider} non è verificato. Verificalo prima oppure usa un altro account."),
            email_limit_reached: msg("Troppi indirizzi email", "Il tuo account ha già il numero massimo di indirizzi email, quindi non è possibile aggiungerne un altro. Accedi in un altro modo."),
            signup_disabled: msg("Registrazione chiusa", "Su questo sito non è possibile creare nuovi account. Accedi con un account esistente."),
            invalid_request: msg("Impossibile completare l'accesso", "Si è verificato un problema durante l'accesso con {provider}. Riprova."),
            server_error: msg("Si è verificato un problema", "Il servizio di accesso ha riscontrato un problema. Riprova tra qualche istante."),
            expired: msg("Accesso scaduto", "L'accesso ha richiesto troppo tempo ed è scaduto. Ricomincia da capo."),
            rate_limited: msg("Troppi tentativi", "Ci sono stati troppi tentativi di accesso. Attendi qualche istante prima di riprovare."),
            not_permitted: msg("Accesso interrotto", "Questo accesso non può continuare, ad esempio perché è stato modificato in un'altra scheda. Ricomincia da capo."),
            invalid_input: msg("Accesso non disponibile", "L'accesso con {provider} non è disponibile da questa pagina o non è stato completato. Riprova oppure accedi in un altro modo."),
            network: msg("Problema di connessione", "Impossibile raggiungere il servizio di accesso. Controlla la connessione a Internet e riprova."),
            lost_flow: msg("L'accesso non può essere completato qui", "Sei tornato dopo l'accesso con {provider}, ma questo accesso è stato avviato in un'altra scheda o in un altro browser, oppure i suoi dati sono stati cancellati. Ricomincia da capo."),
            unknown: msg("Accesso non riuscito", "Si è verificato un errore imprevisto. Riprova."),
        },
    }
}
