//! Brazilian Portuguese (`pt-BR`).

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
            sign_in: "Entrar".into(),
            create_account: "Criar conta".into(),
        },
        labels: Labels {
            sign_in_with_microsoft: "Entrar com a Microsoft".into(),
            sign_up_with_microsoft: "Inscrever-se com a Microsoft".into(),
            sign_in_with: "Entrar com {provider}".into(),
            sign_up_with: "Inscrever-se com {provider}".into(),
            sign_out: "Sair".into(),
            try_again: "Tentar novamente".into(),
            try_again_in: "Tentar novamente em {seconds} segundos".into(),
            try_again_in_one: "Tentar novamente em 1 segundo".into(),
            use_another_account: "Usar outra conta".into(),
            sign_in_another_way: "Entrar de outra forma".into(),
            details: "Detalhes".into(),
            error_code: "Código do erro".into(),
            microsoft_error: "Erro da Microsoft".into(),
            trace_id: "ID de rastreamento".into(),
            correlation_id: "ID de correlação".into(),
            description: "Descrição".into(),
            last_used: "Usado por último".into(),
            or: "ou".into(),
            provider_fallback: "o provedor".into(),
        },
        texts: Texts {
            loading: "Carregando…".into(),
            redirecting: "Levando você para {provider}…".into(),
            signing_in: "Entrando…".into(),
            signed_in_as: "Conectado como {email}".into(),
            signed_in: "Você está conectado.".into(),
            signing_out: "Saindo…".into(),
            no_providers: "Nenhum método de entrada está disponível aqui no momento.".into(),
            unsupported_step: "Esta etapa de entrada ainda não é compatível aqui ({state}).".into(),
            contact_support: "Entre em contato com o suporte do site se isso continuar acontecendo.".into(),
        },
        errors: ErrorTexts {
            cancelled: msg("Entrada cancelada", "Você interrompeu a entrada com {provider}. Nada foi alterado. Tente novamente quando quiser."),
            needs_admin_approval: msg("Aprovação necessária", "Um administrador da sua organização precisa aprovar este site antes que você possa entrar com sua conta corporativa ou de estudante. Fale com o departamento de TI ou entre de outra forma."),
            account_not_allowed: msg("Esta conta não pode ser usada aqui", "A conta escolhida ao entrar com {provider} não pode acessar este site. Use outra conta, por exemplo uma conta corporativa ou de estudante em vez de uma conta pessoal, ou vice-versa."),
            more_steps_needed: msg("Mais etapas necessárias", "Você precisa entrar novamente ou concluir a verificação da sua identidade com {provider}. Tente novamente e conclua todas as etapas."),
            provider_unavailable: msg("Temporariamente indisponível", "No momento não é possível entrar com {provider}. Aguarde um instante e tente novamente."),
            misconfigured: msg("A entrada não está configurada corretamente", "A entrada com {provider} não está configurada corretamente neste site. Entre em contato com o suporte do site e informe os detalhes abaixo."),
            user_conflict: msg("A conta já existe", "Já existe uma conta com este endereço de email. Entre de outra forma, usando o método que você usou antes."),
            multiple_accounts: msg("Endereço de email já em uso", "O endereço de email da conta usada com {provider} já pertence a outra conta aqui. Entre com essa conta ou use outra."),
            unverified_email: msg("Endereço de email não verificado", "O endereço de email da conta usada com {provider} não está verificado. Verifique-o primeiro ou use outra conta."),
            email_limit_reached: msg("Endereços de email demais", "Sua conta já tem o número máximo de endereços de email, então este não pode ser adicionado. Entre de outra forma."),
            signup_disabled: msg("Inscrições encerradas", "Não é possível criar novas contas neste site. Entre com uma conta existente."),
            invalid_request: msg("Não foi possível concluir a entrada", "Algo deu errado ao entrar com {provider}. Tente novamente."),
            server_error: msg("Algo deu errado", "O serviço de entrada teve um problema. Tente novamente em instantes."),
            expired: msg("A entrada expirou", "A entrada demorou demais e expirou. Comece de novo."),
            rate_limited: msg("Tentativas demais", "Houve tentativas de entrada demais. Aguarde um instante antes de tentar novamente."),
            not_permitted: msg("Entrada interrompida", "Esta entrada não pode continuar, por exemplo porque foi alterada em outra guia. Comece de novo."),
            invalid_input: msg("Entrada indisponível", "A entrada com {provider} não está disponível nesta página ou não pôde ser concluída. Tente novamente ou entre de outra forma."),
            network: msg("Problema de conexão", "Não foi possível acessar o serviço de entrada. Verifique sua conexão com a internet e tente novamente."),
            lost_flow: msg("Não é possível concluir a entrada aqui", "Você voltou após entrar com {provider}, mas esta entrada foi iniciada em outra guia ou outro navegador, ou os dados dela foram apagados. Comece de novo."),
            unknown: msg("Falha ao entrar", "Ocorreu um erro inesperado. Tente novamente."),
        },
    }
}
