//! The browser's WebAuthn API, kept small: support detection for `register_client_capabilities`
//! and one ceremony at a time (`navigator.credentials.create` / `get`) with a shared
//! `AbortController`, the result turned into the webauthn-json shape Hanko reads.

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;

use js_sys::{Array, ArrayBuffer, Function, Object, Reflect, Uint8Array};
use serde_json::{json, Map, Value};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::flow::auto::Capabilities;
use crate::flow::webauthn::{binary_paths, decode, encode};
use crate::protocol::in_flight::{shared, Registry};

fn get(target: &JsValue, key: &str) -> Option<JsValue> {
    Reflect::get(target, &JsValue::from_str(key))
        .ok()
        .filter(|v| !v.is_undefined() && !v.is_null())
}

/// Calls `target[method]()` if it is a function and awaits it when it returns a promise.
async fn call(target: &JsValue, method: &str) -> Option<JsValue> {
    let function = get(target, method)?.dyn_into::<Function>().ok()?;
    let result = function.call0(target).ok()?;
    match result.dyn_into::<js_sys::Promise>() {
        Ok(promise) => JsFuture::from(promise).await.ok(),
        Err(value) => Some(value),
    }
}

thread_local! {
    /// What the page's browser said it supports, once it said so.
    static DETECTED: Cell<Option<Capabilities>> = const { Cell::new(None) };
    /// The detection under way.
    static DETECTIONS: Registry<Capabilities> = const { RefCell::new(Vec::new()) };
}

/// What the browser supports ([`detect`]), asked once per page: callers while the browser is
/// asked wait for its answer, later callers get it at once. Elements start it when they start,
/// so the answer is there when `register_client_capabilities` needs it.
pub fn capabilities() -> Pin<Box<dyn Future<Output = Capabilities>>> {
    let known = DETECTED.with(Cell::get);
    let work = move || async move {
        match known {
            Some(capabilities) => capabilities,
            None => {
                let capabilities = detect().await;
                DETECTED.with(|detected| detected.set(Some(capabilities)));
                capabilities
            }
        }
    };
    shared(&DETECTIONS, String::new(), work, Capabilities::default())
}

/// What the browser supports: `window.PublicKeyCredential` with `navigator.credentials`, and what
/// its two static checks resolve to (`false` when they are missing or fail).
async fn detect() -> Capabilities {
    let Some(window) = web_sys::window() else {
        return Capabilities::default();
    };
    let window: JsValue = window.into();
    let credentials = get(&window, "navigator").and_then(|n| get(&n, "credentials"));
    let Some(class) = get(&window, "PublicKeyCredential").filter(|_| credentials.is_some()) else {
        return Capabilities::default();
    };
    let platform = call(&class, "isUserVerifyingPlatformAuthenticatorAvailable").await;
    let conditional = call(&class, "isConditionalMediationAvailable").await;
    Capabilities {
        webauthn: true,
        platform_authenticator: platform.and_then(|v| v.as_bool()).unwrap_or(false),
        conditional_mediation: conditional.and_then(|v| v.as_bool()).unwrap_or(false),
    }
}

/// The options as a JS object, with the base64url fields as `ArrayBuffer`s.
fn js_options(options: &Value) -> Option<JsValue> {
    let text = serde_json::to_string(options).ok()?;
    let js = js_sys::JSON::parse(&text).ok()?;
    for path in binary_paths(options) {
        let segments: Vec<&str> = path.trim_start_matches('/').split('/').collect();
        let (last, parents) = segments.split_last()?;
        let mut target = js.clone();
        for segment in parents {
            target = get(&target, segment)?;
        }
        let encoded = get(&target, last)?.as_string()?;
        let bytes = decode(&encoded)?;
        let buffer = Uint8Array::from(bytes.as_slice()).buffer();
        Reflect::set(&target, &JsValue::from_str(last), &buffer).ok()?;
    }
    Some(js)
}

fn base64url(value: Option<JsValue>) -> Value {
    match value {
        Some(value) if value.is_instance_of::<ArrayBuffer>() || ArrayBuffer::is_view(&value) => {
            let bytes = if value.is_instance_of::<ArrayBuffer>() {
                Uint8Array::new(&value).to_vec()
            } else {
                Uint8Array::new(&get(&value, "buffer").unwrap_or(value)).to_vec()
            };
            Value::String(encode(&bytes))
        }
        _ => Value::Null,
    }
}

fn js_json(value: Option<JsValue>) -> Value {
    value
        .and_then(|v| js_sys::JSON::stringify(&v).ok())
        .and_then(|s| s.as_string())
        .and_then(|s| serde_json::from_str(&s).ok())
        .unwrap_or_else(|| json!({}))
}

/// The credential in the webauthn-json shape.
async fn credential_json(credential: &JsValue, create: bool) -> Value {
    let response = get(credential, "response").unwrap_or(JsValue::NULL);
    let mut fields = Map::new();
    fields.insert(
        "clientDataJSON".into(),
        base64url(get(&response, "clientDataJSON")),
    );
    if create {
        fields.insert(
            "attestationObject".into(),
            base64url(get(&response, "attestationObject")),
        );
        let transports = call(&response, "getTransports")
            .await
            .map(|list| {
                Array::from(&list)
                    .iter()
                    .filter_map(|t| t.as_string())
                    .collect()
            })
            .unwrap_or_else(Vec::new);
        fields.insert("transports".into(), json!(transports));
    } else {
        for key in ["authenticatorData", "signature", "userHandle"] {
            fields.insert(key.into(), base64url(get(&response, key)));
        }
    }
    let mut out = json!({
        "type": get(credential, "type").and_then(|v| v.as_string()).unwrap_or_else(|| "public-key".into()),
        "id": get(credential, "id").and_then(|v| v.as_string()).unwrap_or_default(),
        "rawId": base64url(get(credential, "rawId")),
        "response": Value::Object(fields),
        "clientExtensionResults": js_json(call(credential, "getClientExtensionResults").await),
    });
    if let Some(attachment) = get(credential, "authenticatorAttachment").and_then(|v| v.as_string())
    {
        out["authenticatorAttachment"] = Value::String(attachment);
    }
    out
}

/// Runs `navigator.credentials.create` (or `get`, with `mediation: "conditional"` when
/// `conditional`) with `options` and `signal`; the credential in the webauthn-json shape, or the
/// error's name (`NotAllowedError` for a closed dialog, `AbortError` once aborted).
pub async fn ceremony(
    create: bool,
    conditional: bool,
    options: &Value,
    signal: &web_sys::AbortSignal,
) -> Result<Value, String> {
    let credentials = web_sys::window()
        .map(JsValue::from)
        .and_then(|w| get(&w, "navigator"))
        .and_then(|n| get(&n, "credentials"))
        .ok_or_else(|| "NotSupportedError".to_owned())?;
    let public_key = js_options(options)
        .and_then(|o| get(&o, "publicKey"))
        .ok_or_else(|| "DataError".to_owned())?;
    let request = Object::new();
    let set = |key: &str, value: &JsValue| Reflect::set(&request, &JsValue::from_str(key), value);
    set("publicKey", &public_key).map_err(|_| "DataError".to_owned())?;
    set("signal", signal).map_err(|_| "DataError".to_owned())?;
    if conditional {
        set("mediation", &JsValue::from_str("conditional")).map_err(|_| "DataError".to_owned())?;
    }
    let method = get(&credentials, if create { "create" } else { "get" })
        .and_then(|f| f.dyn_into::<Function>().ok())
        .ok_or_else(|| "NotSupportedError".to_owned())?;
    let promise = method
        .call1(&credentials, &request)
        .map_err(error_name)?
        .dyn_into::<js_sys::Promise>()
        .map_err(|_| "NotSupportedError".to_owned())?;
    let credential = JsFuture::from(promise).await.map_err(error_name)?;
    if credential.is_null() || credential.is_undefined() {
        return Err("NotAllowedError".to_owned());
    }
    Ok(credential_json(&credential, create).await)
}

fn error_name(error: JsValue) -> String {
    get(&error, "name")
        .and_then(|n| n.as_string())
        .unwrap_or_else(|| "UnknownError".to_owned())
}
