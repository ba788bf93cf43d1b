//! Japanese (`ja`).

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
            sign_in: "サインイン".into(),
            create_account: "アカウントの作成".into(),
        },
        labels: Labels {
            sign_in_with_microsoft: "Microsoft でサインイン".into(),
            sign_up_with_microsoft: "Microsoft でサインアップ".into(),
            sign_in_with: "{provider} でサインイン".into(),
            sign_up_with: "{provider} でサインアップ".into(),
            sign_out: "サインアウト".into(),
            try_again: "再試行".into(),
            try_again_in: "{seconds} 秒後に再試行".into(),
            try_again_in_one: "1 秒後に再試行".into(),
            use_another_account: "別のアカウントを使用".into(),
            sign_in_another_way: "別の方法でサインイン".into(),
            details: "詳細".into(),
            error_code: "エラー コード".into(),
            microsoft_error: "Microsoft のエラー".into(),
            trace_id: "トレース ID".into(),
            correlation_id: "相関 ID".into(),
            description: "説明".into(),
            last_used: "前回使用".into(),
            or: "または".into(),
            provider_fallback: "プロバイダー".into(),
        },
        texts: Texts {
            loading: "読み込んでいます…".into(),
            redirecting: "{provider} に移動しています…".into(),
            signing_in: "サインインしています…".into(),
            signed_in_as: "{email} でサインイン中".into(),
            signed_in: "サインイン済みです。".into(),
            signing_out: "サインアウトしています…".into(),
            no_providers: "現在、ここで利用できるサインイン方法はありません。".into(),
            unsupported_step: "このサインイン手順は、ここではまだサポートされていません ({state})。".into(),
            contact_support: "問題が解決しない場合は、サイトのサポートにお問い合わせください。".into(),
        },
        errors: ErrorTexts {
            cancelled: msg("サインインが取り消されました", "{provider} でのサインインを中止しました。変更は加えられていません。準備ができたら、もう一度お試しください。"),
            needs_admin_approval: msg("承認が必要です", "職場または学校アカウントでサインインするには、組織の管理者がこのサイトを承認する必要があります。IT 部門に問い合わせるか、別の方法でサインインしてください。"),
            account_not_allowed: msg("このアカウントはここでは使用できません", "{provider} で選択したアカウントでは、このサイトにサインインできません。個人用アカウントの代わりに職場または学校アカウントを使う (またはその逆) など、別のアカウントを使用してください。"),
            more_steps_needed: msg("追加の手順が必要です", "もう一度サインインするか、{provider} で本人確認を完了する必要があります。もう一度お試しになり、すべての手順を完了してください。"),
            provider_unavailable: msg("一時的に利用できません", "現在、{provider} でサインインできません。しばらく待ってから、もう一度お試しください。"),
            misconfigured: msg("サインインが正しく設定されていません", "このサイトでは {provider} でのサインインが正しく設定されていません。サイトのサポートに連絡し、下の詳細をお伝えください。"),
            user_conflict: msg("アカウントは既に存在します", "このメール アドレスのアカウントは既に存在します。以前に使用した別の方法でサインインしてください。"),
            multiple_accounts: msg("メール アドレスは既に使用されています", "この {provider} アカウントのメール アドレスは、このサイトの別のアカウントで既に使用されています。そのアカウントでサインインするか、別のアカウントを使用してください。"),
            unverified_email: msg("メール アドレスが確認されていません", "この {provider} アカウントのメール アドレスは確認されていません。先に確認を済ませるか、別のアカウントを使用してください。"),
            email_limit_reached: msg("メール アドレスが多すぎます", "アカウントのメール アドレスが上限に達しているため、このアドレスを追加できません。別の方法でサインインしてください。"),
            signup_disabled: msg("新規登録は受け付けていません", "このサイトでは新しいアカウントを作成できません。既存のアカウントでサインインしてください。"),
            invalid_request: msg("サインインを完了できませんでした", "{provider} でのサインイン中に問題が発生しました。もう一度お試しください。"),
            server_error: msg("問題が発生しました", "サインイン サービスで問題が発生しました。しばらくしてから、もう一度お試しください。"),
            expired: msg("サインインの有効期限が切れました", "サインインに時間がかかりすぎたため、有効期限が切れました。最初からやり直してください。"),
            rate_limited: msg("試行回数が多すぎます", "サインインの試行回数が多すぎます。しばらく待ってから、もう一度お試しください。"),
            not_permitted: msg("サインインが中断されました", "別のタブで変更されたなどの理由で、このサインインを続行できません。最初からやり直してください。"),
            invalid_input: msg("サインインを利用できません", "このページからは {provider} でサインインできないか、サインインを完了できませんでした。もう一度お試しになるか、別の方法でサインインしてください。"),
            network: msg("接続の問題", "サインイン サービスに接続できませんでした。インターネット接続を確認して、もう一度お試しください。"),
            lost_flow: msg("ここではサインインを完了できません", "{provider} から戻りましたが、このサインインは別のタブまたはブラウザーで開始されたか、データが消去されています。最初からやり直してください。"),
            unknown: msg("サインインに失敗しました", "予期しないエラーが発生しました。もう一度お試しください。"),
        },
    }
}
