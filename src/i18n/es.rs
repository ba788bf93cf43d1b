//! Spanish (`es`).

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
            sign_in: "Iniciar sesión".into(),
            create_account: "Crear cuenta".into(),
        },
        labels: Labels {
            sign_in_with_microsoft: "Iniciar sesión con Microsoft".into(),
            sign_up_with_microsoft: "Registrarse con Microsoft".into(),
            sign_in_with: "Iniciar sesión con {provider}".into(),
            sign_up_with: "Registrarse con {provider}".into(),
            sign_out: "Cerrar sesión".into(),
            try_again: "Volver a intentarlo".into(),
            try_again_in: "Volver a intentarlo en {seconds} segundos".into(),
            try_again_in_one: "Volver a intentarlo en 1 segundo".into(),
            use_another_account: "Usar otra cuenta".into(),
            sign_in_another_way: "Iniciar sesión de otra forma".into(),
            details: "Detalles".into(),
            error_code: "Código de error".into(),
            microsoft_error: "Error de Microsoft".into(),
            trace_id: "Id. de seguimiento".into(),
            correlation_id: "Id. de correlación".into(),
            description: "Descripción".into(),
            last_used: "Usado por última vez".into(),
            or: "o".into(),
            provider_fallback: "el proveedor".into(),
        },
        texts: Texts {
            loading: "Cargando…".into(),
            redirecting: "Abriendo {provider}…".into(),
            signing_in: "Iniciando sesión…".into(),
            signed_in_as: "Sesión iniciada como {email}".into(),
            signed_in: "Has iniciado sesión.".into(),
            signing_out: "Cerrando sesión…".into(),
            no_providers: "Ahora mismo no hay ningún método de inicio de sesión disponible aquí.".into(),
            unsupported_step: "Este paso de inicio de sesión aún no es compatible aquí ({state}).".into(),
            contact_support: "Si el problema continúa, ponte en contacto con el soporte del sitio.".into(),
        },
        errors: ErrorTexts {
            cancelled: msg("Inicio de sesión cancelado", "Has detenido el inicio de sesión con {provider}. No se ha cambiado nada. Vuelve a intentarlo cuando quieras."),
            needs_admin_approval: msg("Se necesita aprobación", "Un administrador de tu organización tiene que aprobar este sitio antes de que puedas iniciar sesión con tu cuenta profesional o educativa. Consulta a tu departamento de TI o inicia sesión de otra forma."),
            account_not_allowed: msg("No se puede usar esta cuenta aquí", "La cuenta que elegiste en {provider} no puede iniciar sesión en este sitio. Usa otra cuenta, por ejemplo una cuenta profesional o educativa en lugar de una personal, o al revés."),
            more_steps_needed: msg("Se necesitan más pasos", "Tienes que volver a iniciar sesión o terminar de verificar tu identidad en {provider}. Vuelve a intentarlo y completa todos los pasos."),
            provider_unavailable: msg("No disponible temporalmente", "Ahora mismo no se puede iniciar sesión con {provider}. Espera un momento y vuelve a intentarlo."),
            misconfigured: msg("El inicio de sesión no está bien configurado", "El inicio de sesión con {provider} no está configurado correctamente en este sitio. Ponte en contacto con el soporte del sitio e incluye los detalles que aparecen abajo."),
            user_conflict: msg("La cuenta ya existe", "Ya existe una cuenta con esta dirección de correo electrónico. Inicia sesión de otra forma, con el método que usaste antes."),
            multiple_accounts: msg("Dirección de correo ya en uso", "La dirección de correo electrónico de esta cuenta en {provider} ya pertenece a otra cuenta aquí. Inicia sesión con esa cuenta o usa otra."),
            unverified_email: msg("Dirección de correo no verificada", "La dirección de correo electrónico de esta cuenta en {provider} no está verificada. Verifícala primero o usa otra cuenta."),
            email_limit_reached: msg("Demasiadas direcciones de correo", "Tu cuenta ya tiene el número máximo de direcciones de correo electrónico, así que no se puede añadir esta. Inicia sesión de otra forma."),
            signup_disabled: msg("Registro cerrado", "En este sitio no se pueden crear cuentas nuevas. Inicia sesión con una cuenta existente."),
            invalid_request: msg("No se pudo completar el inicio de sesión", "Algo salió mal al iniciar sesión con {provider}. Vuelve a intentarlo."),
            server_error: msg("Algo salió mal", "El servicio de inicio de sesión tuvo un problema. Vuelve a intentarlo en un momento."),
            expired: msg("El inicio de sesión caducó", "El inicio de sesión tardó demasiado y ha caducado. Empieza de nuevo."),
            rate_limited: msg("Demasiados intentos", "Hubo demasiados intentos de inicio de sesión. Espera un momento antes de volver a intentarlo."),
            not_permitted: msg("Inicio de sesión interrumpido", "Este inicio de sesión no puede continuar, por ejemplo porque se modificó en otra pestaña. Empieza de nuevo."),
            invalid_input: msg("Inicio de sesión no disponible", "El inicio de sesión con {provider} no está disponible desde esta página o no se pudo completar. Vuelve a intentarlo o inicia sesión de otra forma."),
            network: msg("Problema de conexión", "No se pudo conectar con el servicio de inicio de sesión. Comprueba tu conexión a Internet y vuelve a intentarlo."),
            lost_flow: msg("No se puede terminar el inicio de sesión aquí", "Has vuelto desde {provider}, pero este inicio de sesión se empezó en otra pestaña u otro navegador, o se borraron sus datos. Empieza de nuevo."),
            unknown: msg("Error al iniciar sesión", "Se produjo un error inesperado. Vuelve a intentarlo."),
        },
    }
}
