//! French (`fr`).

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
            sign_in: "Se connecter".into(),
            create_account: "Créer un compte".into(),
        },
        labels: Labels {
            sign_in_with_microsoft: "Se connecter avec Microsoft".into(),
            sign_up_with_microsoft: "S'inscrire avec Microsoft".into(),
            sign_in_with: "Se connecter avec {provider}".into(),
            sign_up_with: "S'inscrire avec {provider}".into(),
            sign_out: "Se déconnecter".into(),
            try_again: "Réessayer".into(),
            try_again_in: "Réessayer dans {seconds} secondes".into(),
            try_again_in_one: "Réessayer dans 1 seconde".into(),
            use_another_account: "Utiliser un autre compte".into(),
            sign_in_another_way: "Se connecter autrement".into(),
            details: "Détails".into(),
            error_code: "Code d'erreur".into(),
            microsoft_error: "Erreur Microsoft".into(),
            trace_id: "ID de suivi".into(),
            correlation_id: "ID de corrélation".into(),
            description: "Description".into(),
            last_used: "Dernière utilisation".into(),
            or: "ou".into(),
            provider_fallback: "le fournisseur".into(),
        },
        texts: Texts {
            loading: "Chargement…".into(),
            redirecting: "Redirection vers {provider}…".into(),
            signing_in: "Connexion en cours…".into(),
            signed_in_as: "Connecté en tant que {email}".into(),
            signed_in: "Vous êtes connecté.".into(),
            signing_out: "Déconnexion en cours…".into(),
            no_providers: "Aucune méthode de connexion n'est disponible ici pour le moment.".into(),
            unsupported_step: "Cette étape de connexion n'est pas encore prise en charge ici ({state}).".into(),
            contact_support: "Contactez l'assistance du site si le problème persiste.".into(),
        },
        errors: ErrorTexts {
            cancelled: msg("Connexion annulée", "Vous avez interrompu la connexion avec {provider}. Rien n'a été modifié. Réessayez quand vous le souhaitez."),
            needs_admin_approval: msg("Approbation requise", "Un administrateur de votre organisation doit approuver ce site avant que vous puissiez vous connecter avec votre compte professionnel ou scolaire. Contactez votre service informatique, ou connectez-vous autrement."),
            account_not_allowed: msg("Ce compte ne peut pas être utilisé ici", "Le compte choisi chez {provider} ne permet pas de se connecter à ce site. Utilisez un autre compte, par exemple un compte professionnel ou scolaire au lieu d'un compte personnel, ou inversement."),
            more_steps_needed: msg("Étapes supplémentaires requises", "Vous devez vous reconnecter ou terminer la vérification de votre identité chez {provider}. Réessayez et effectuez toutes les étapes."),
            provider_unavailable: msg("Temporairement indisponible", "La connexion avec {provider} est impossible pour le moment. Patientez un instant, puis réessayez."),
            misconfigured: msg("Connexion mal configurée", "La connexion avec {provider} n'est pas correctement configurée sur ce site. Contactez l'assistance du site en indiquant les détails ci-dessous."),
            user_conflict: msg("Le compte existe déjà", "Un compte avec cette adresse e-mail existe déjà. Connectez-vous autrement, avec la méthode utilisée auparavant."),
            multiple_accounts: msg("Adresse e-mail déjà utilisée", "L'adresse e-mail de ce compte chez {provider} appartient déjà à un autre compte ici. Connectez-vous avec ce compte, ou utilisez-en un autre."),
            unverified_email: msg("Adresse e-mail non vérifiée", "L'adresse e-mail de ce compte chez {provider} n'est pas vérifiée. Vérifiez-la d'abord, ou utilisez un autre compte."),
            email_limit_reached: msg("Trop d'adresses e-mail", "Votre compte a déjà le nombre maximal d'adresses e-mail, celle-ci ne peut donc pas être ajoutée. Connectez-vous autrement."),
            signup_disabled: msg("Inscriptions fermées", "Il n'est pas possible de créer de nouveaux comptes sur ce site. Connectez-vous avec un compte existant."),
            invalid_request: msg("Impossible de terminer la connexion", "Un problème est survenu lors de la connexion avec {provider}. Veuillez réessayer."),
            server_error: msg("Un problème est survenu", "Le service de connexion a rencontré un problème. Veuillez réessayer dans un instant."),
            expired: msg("Connexion expirée", "La connexion a pris trop de temps et a expiré. Veuillez recommencer."),
            rate_limited: msg("Trop de tentatives", "Il y a eu trop de tentatives de connexion. Veuillez patienter un instant avant de réessayer."),
            not_permitted: msg("Connexion interrompue", "Cette connexion ne peut pas continuer, par exemple parce qu'elle a été modifiée dans un autre onglet. Veuillez recommencer."),
            invalid_input: msg("Connexion indisponible", "La connexion avec {provider} n'est pas disponible depuis cette page ou n'a pas pu aboutir. Réessayez, ou connectez-vous autrement."),
            network: msg("Problème de réseau", "Le service de connexion est injoignable. Vérifiez votre connexion Internet et réessayez."),
            lost_flow: msg("La connexion ne peut pas être terminée ici", "Vous revenez de chez {provider}, mais cette connexion a été commencée dans un autre onglet ou navigateur, ou ses données ont été effacées. Veuillez recommencer."),
            unknown: msg("Échec de la connexion", "Une erreur inattendue s'est produite. Veuillez réessayer."),
        },
    }
}
