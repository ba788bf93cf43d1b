//! The root view of one element or [`super::hanko_auth::HankoAuth`]: its controller, languages and
//! [`AuthView`].

use std::cell::RefCell;
use std::rc::Rc;

use leptos::prelude::*;

use super::options::RegisterOptions;
use crate::controller::{Controller, ControllerOptions, EventSink};
use crate::flow::model::{FlowName, Screen, Theme};
use crate::flow::view::Prefill;
use crate::i18n::{install_language_file, lookup, resolve, CustomTranslations, Lang};
use crate::protocol::in_flight::{shared, Registry};
use crate::ui::overrides::Overrides;
use crate::ui::AuthView;

/// Builds the controller's options from the register options.
pub(crate) fn controller_options(
    api: String,
    flow: FlowName,
    lang: String,
    options: &RegisterOptions,
) -> ControllerOptions {
    ControllerOptions {
        api,
        flow,
        lang,
        storage_key: options.storage_key.clone(),
        session_token_location: options.session_token_location,
        cookie_same_site: options.cookie_same_site.clone(),
        cookie_domain: options.cookie_domain.clone(),
        debug: options.debug,
    }
}

/// How long the first screen waits for a language file before it shows the fallback language.
const LANGUAGE_FILE_PATIENCE_MS: u64 = 3_000;

/// Loads the language file of a built-in language this build leaves out, from
/// `<location>/<code>.json` (`languagesLocation`), once per language, and counts each finished
/// attempt in `loaded`. For the language the element starts in, `waiting` holds it while its file
/// is on the way, for at most [`LANGUAGE_FILE_PATIENCE_MS`], so the first screen is not drawn in
/// another language first; a later switch keeps the screen (and what was typed) until the strings
/// arrive. A file that fails to load or is refused leaves the fallback language in place.
fn load_left_out_languages(
    location: String,
    lang: Memo<String>,
    loaded: RwSignal<u32>,
    waiting: RwSignal<Option<Lang>>,
) {
    let tried = StoredValue::new(Vec::<Lang>::new());
    Effect::new(move |started: Option<()>| {
        let Some(wanted) = Lang::parse(&lang.get()) else {
            return;
        };
        if wanted.translation().is_some() || tried.with_value(|t| t.contains(&wanted)) {
            return;
        }
        tried.update_value(|t| t.push(wanted));
        if started.is_none() {
            waiting.set(Some(wanted));
        }
        let stop_waiting = move || {
            if waiting.try_get_untracked() == Some(Some(wanted)) {
                waiting.try_set(None);
            }
        };
        set_timeout(
            stop_waiting,
            std::time::Duration::from_millis(LANGUAGE_FILE_PATIENCE_MS),
        );
        let url = format!("{location}/{}.json", wanted.code());
        leptos::task::spawn_local(async move {
            load_language_file(wanted, url).await;
            loaded.try_update(|count| *count += 1);
            stop_waiting();
        });
    });
}

thread_local! {
    /// The language files being loaded on this page, by address.
    static LANGUAGE_LOADS: Registry<()> = const { RefCell::new(Vec::new()) };
}

/// Fetches the language file at `url` and installs it for `lang`, once for all the elements of
/// the page: an element that asks for the same file while it is on the way waits for that load
/// instead of fetching it again. Ends when the load has ended, however it ended.
async fn load_language_file(lang: Lang, url: String) {
    shared(
        &LANGUAGE_LOADS,
        url.clone(),
        || fetch_language_file(lang, url),
        (),
    )
    .await;
}

/// Fetches the language file at `url` and installs it for `lang`; failures leave things as
/// they are (a refused file is reported on the console).
async fn fetch_language_file(lang: Lang, url: String) {
    if let Ok(response) = gloo_net::http::Request::get(&url).send().await {
        if response.ok() {
            if let Ok(text) = response.text().await {
                if let Err(refused) = install_language_file(lang, &text) {
                    web_sys::console::warn_1(
                        &format!("hanko-elements: {url} refused ({refused:?})").into(),
                    );
                }
            }
        }
    }
}

/// Fetches `<location>/<lang>.json` once per language that is neither built in (nor loaded from
/// `languagesLocation`) nor custom, and adds it to `custom` (`translationsLocation`). Failures
/// leave the fallback language in place.
fn fetch_missing_translations(
    location: String,
    lang: Memo<String>,
    custom: RwSignal<CustomTranslations>,
    left_out_loaded_elsewhere: bool,
) {
    let tried = StoredValue::new(Vec::<String>::new());
    Effect::new(move |_| {
        let lang = lang.get();
        let known = lookup(&lang).is_some()
            || left_out_loaded_elsewhere && Lang::parse(&lang).is_some()
            || custom.with_untracked(|c| c.has_tag(&lang))
            || tried.with_value(|t| t.contains(&lang));
        if known {
            return;
        }
        tried.update_value(|t| t.push(lang.clone()));
        let url = format!("{location}/{lang}.json");
        leptos::task::spawn_local(async move {
            let Ok(response) = gloo_net::http::Request::get(&url).send().await else {
                return;
            };
            if !response.ok() {
                return;
            }
            if let Ok(value @ serde_json::Value::Object(_)) =
                response.json::<serde_json::Value>().await
            {
                custom.try_update(|c| c.insert(&lang, value));
            }
        });
    });
}

/// The root view of one element or component instance: creates the [`Controller`], starts it,
/// keeps its language and flow in step with `lang` / `flow`, and renders [`AuthView`].
#[component]
pub(crate) fn AuthRoot(
    /// Hanko API URL.
    api: String,
    /// The flow (`mode`).
    flow: Signal<FlowName>,
    /// Language tag (`lang`); empty = the fallback language.
    lang: Signal<String>,
    /// Light / dark / auto.
    theme: Signal<Theme>,
    /// Register options (translations, fallback language, storage).
    options: Rc<RegisterOptions>,
    /// Where events go.
    events: EventSink,
    /// Bodies of your own for some states.
    #[prop(optional)]
    overrides: Overrides,
    /// The email / username to prefill on the first screens.
    #[prop(into, optional)]
    prefill: Signal<Prefill>,
) -> impl IntoView {
    let fallback = options.fallback_language.clone();
    let effective_lang = {
        let fallback = fallback.clone();
        Memo::new(move |_| {
            let lang = lang.get();
            if lang.trim().is_empty() {
                fallback.clone()
            } else {
                lang.trim().to_owned()
            }
        })
    };
    let custom = RwSignal::new(options.translations.clone());
    let languages_loaded = RwSignal::new(0_u32);
    let waiting_for_language = RwSignal::new(None);
    if let Some(location) = options.languages_location.clone() {
        load_left_out_languages(
            location,
            effective_lang,
            languages_loaded,
            waiting_for_language,
        );
    }
    if let Some(location) = options.translations_location.clone() {
        fetch_missing_translations(
            location,
            effective_lang,
            custom,
            options.languages_location.is_some(),
        );
    }
    let t = Memo::new(move |_| {
        languages_loaded.track();
        custom.with(|custom| resolve(&effective_lang.get(), &fallback, custom))
    });
    let controller = Controller::new(
        controller_options(
            api,
            flow.get_untracked(),
            effective_lang.get_untracked(),
            &options,
        ),
        events,
    );
    let actions = controller.actions();
    {
        let controller = controller.clone();
        Effect::new(move |previous: Option<String>| {
            let lang = effective_lang.get();
            if previous.is_some_and(|p| p != lang) {
                controller.set_lang(lang.clone());
            }
            lang
        });
    }
    {
        let controller = controller.clone();
        Effect::new(move |previous: Option<FlowName>| {
            let current = flow.get();
            if previous.is_some_and(|p| p != current) {
                controller.set_flow(current);
            }
            current
        });
    }
    let screen = {
        let screen = controller.screen();
        Signal::derive(move || match waiting_for_language.get() {
            Some(_) => Screen::Loading,
            None => screen.get(),
        })
    };
    let last_used = controller.last_used_provider();
    controller.start();
    let hide_passkey_button_on_login = options.hide_passkey_button_on_login;
    view! {
        <AuthView
            screen
            last_used
            t
            lang=effective_lang
            theme
            actions
            overrides
            hide_passkey_button_on_login
            prefill
        />
    }
}
