//! Simplified Chinese (`zh`).

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
            sign_in: "登录".into(),
            create_account: "创建帐户".into(),
        },
        labels: Labels {
            sign_in_with_microsoft: "使用 Microsoft 登录".into(),
            sign_up_with_microsoft: "使用 Microsoft 注册".into(),
            sign_in_with: "使用 {provider} 登录".into(),
            sign_up_with: "使用 {provider} 注册".into(),
            sign_out: "退出登录".into(),
            try_again: "重试".into(),
            try_again_in: "{seconds} 秒后重试".into(),
            try_again_in_one: "1 秒后重试".into(),
            use_another_account: "使用其他帐户".into(),
            sign_in_another_way: "使用其他方式登录".into(),
            details: "详细信息".into(),
            error_code: "错误代码".into(),
            microsoft_error: "Microsoft 错误".into(),
            trace_id: "跟踪 ID".into(),
            correlation_id: "关联 ID".into(),
            description: "说明".into(),
            last_used: "上次使用".into(),
            or: "或".into(),
            provider_fallback: "提供商".into(),
        },
        texts: Texts {
            loading: "正在加载…".into(),
            redirecting: "正在前往 {provider}…".into(),
            signing_in: "正在登录…".into(),
            signed_in_as: "已以 {email} 身份登录".into(),
            signed_in: "你已登录。".into(),
            signing_out: "正在退出登录…".into(),
            no_providers: "此处当前没有可用的登录方式。".into(),
            unsupported_step: "此处尚不支持此登录步骤（{state}）。".into(),
            contact_support: "如果问题仍然存在，请联系本网站的支持人员。".into(),
        },
        errors: ErrorTexts {
            cancelled: msg("登录已取消", "你已停止使用 {provider} 登录。未做任何更改。准备好后可以重试。"),
            needs_admin_approval: msg("需要批准", "你所在组织的管理员必须先批准此网站，你才能使用工作或学校帐户登录。请联系你的 IT 部门，或使用其他方式登录。"),
            account_not_allowed: msg("此帐户无法在此使用", "你在 {provider} 选择的帐户无法登录此网站。请使用其他帐户，例如用工作或学校帐户代替个人帐户，或者反过来。"),
            more_steps_needed: msg("需要更多步骤", "你需要重新登录，或在 {provider} 完成身份验证。请重试并完成所有步骤。"),
            provider_unavailable: msg("暂时不可用", "目前无法使用 {provider} 登录。请稍等片刻，然后重试。"),
            misconfigured: msg("登录设置不正确", "此网站上的 {provider} 登录设置不正确。请联系本网站的支持人员，并提供下方的详细信息。"),
            user_conflict: msg("帐户已存在", "使用此电子邮件地址的帐户已存在。请使用你之前用过的其他方式登录。"),
            multiple_accounts: msg("电子邮件地址已被使用", "此 {provider} 帐户的电子邮件地址已属于此处的另一个帐户。请使用该帐户登录，或使用其他帐户。"),
            unverified_email: msg("电子邮件地址未验证", "此 {provider} 帐户的电子邮件地址尚未验证。请先完成验证，或使用其他帐户。"),
            email_limit_reached: msg("电子邮件地址过多", "你的帐户已达到电子邮件地址数量上限，因此无法添加此地址。请使用其他方式登录。"),
            signup_disabled: msg("已关闭注册", "此网站无法创建新帐户。请使用现有帐户登录。"),
            invalid_request: msg("无法完成登录", "使用 {provider} 登录时出现问题。请重试。"),
            server_error: msg("出现问题", "登录服务出现问题。请稍后重试。"),
            expired: msg("登录已过期", "登录用时过长，已过期。请重新开始。"),
            rate_limited: msg("尝试次数过多", "登录尝试次数过多。请稍等片刻再重试。"),
            not_permitted: msg("登录已中断", "此登录无法继续，例如因为它在其他标签页中被更改。请重新开始。"),
            invalid_input: msg("登录不可用", "无法从此页面使用 {provider} 登录，或登录未能完成。请重试，或使用其他方式登录。"),
            network: msg("连接问题", "无法连接到登录服务。请检查你的网络连接，然后重试。"),
            lost_flow: msg("无法在此处完成登录", "你已从 {provider} 返回，但此登录是在其他标签页或浏览器中开始的，或其数据已被清除。请重新开始。"),
            unknown: msg("登录失败", "发生意外错误。请重试。"),
        },
    }
}
