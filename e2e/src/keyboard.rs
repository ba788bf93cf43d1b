//! Keyboard-only use of a page: real key presses through WebDriver actions (sent to whatever has
//! focus, as a keyboard does), the focused element across shadow roots, and the check that a
//! focused control shows a visible focus indicator.

use crate::wait::{wait_for, DEFAULT_TIMEOUT};
use crate::Browser;
use anyhow::Context as _;
use fantoccini::actions::{InputSource as _, KeyAction, KeyActions};
use fantoccini::key::Key;
use serde_json::{json, Value};

/// How many Tab presses [`tab_to`] tries before giving up.
const MAX_TABS: usize = 30;

/// Finds the control: `arguments[0]` is a host selector whose shadow root holds `arguments[1]`,
/// or `null` for `arguments[1]` in the document. Then describes the deepest focused element
/// (through open shadow roots), whether it is the control, and the control's focus styles.
const FOCUS_PROBE: &str = r#"
const [hostSelector, selector] = arguments;
let root = document;
if (hostSelector !== null) {
  const host = document.querySelector(hostSelector);
  root = host && host.shadowRoot;
}
const control = root ? root.querySelector(selector) : null;
let active = document.activeElement;
while (active && active.shadowRoot && active.shadowRoot.activeElement) {
  active = active.shadowRoot.activeElement;
}
const describe = (node) => {
  if (!node) return "nothing";
  const attributes = Array.from(node.attributes, (a) => `${a.name}="${a.value}"`).join(" ");
  return `<${node.localName}${attributes ? " " + attributes : ""}>`;
};
const style = (node) => {
  if (!node) return null;
  const s = getComputedStyle(node);
  return {
    outlineStyle: s.outlineStyle,
    outlineWidth: s.outlineWidth,
    outlineColor: s.outlineColor,
    boxShadow: s.boxShadow,
  };
};
return {
  found: control !== null,
  focused: control !== null && control === active,
  active: describe(active),
  style: style(control),
};
"#;

/// The focus-related computed styles of one element.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FocusStyle {
    /// `outline-style`.
    pub outline_style: String,
    /// `outline-width`, e.g. `2px`.
    pub outline_width: String,
    /// `outline-color`.
    pub outline_color: String,
    /// `box-shadow`.
    pub box_shadow: String,
}

impl FocusStyle {
    fn from_json(value: &Value) -> Option<Self> {
        let text = |key: &str| Some(value.get(key)?.as_str()?.to_owned());
        Some(FocusStyle {
            outline_style: text("outlineStyle")?,
            outline_width: text("outlineWidth")?,
            outline_color: text("outlineColor")?,
            box_shadow: text("boxShadow")?,
        })
    }

    /// Whether the style draws something around the element: an outline of non-zero width, or a
    /// box shadow.
    pub fn draws_indicator(&self) -> bool {
        let width = self
            .outline_width
            .trim_end_matches("px")
            .parse::<f64>()
            .unwrap_or(0.0);
        let outline = self.outline_style != "none" && width > 0.0;
        let shadow = !self.box_shadow.is_empty() && self.box_shadow != "none";
        outline || shadow
    }
}

/// Where a control is: inside the shadow root of `host`, or in the document.
#[derive(Debug, Clone, Copy)]
pub struct Control<'a> {
    /// Selector of the shadow host, `None` for the document itself.
    pub host: Option<&'a str>,
    /// Selector of the control.
    pub selector: &'a str,
}

impl<'a> Control<'a> {
    /// The control `selector` inside the shadow root of `host`.
    pub fn in_shadow(host: &'a str, selector: &'a str) -> Self {
        Control {
            host: Some(host),
            selector,
        }
    }

    /// The control `selector` in the document.
    pub fn in_document(selector: &'a str) -> Self {
        Control {
            host: None,
            selector,
        }
    }

    fn name(&self) -> String {
        match self.host {
            Some(host) => format!("{} inside {host}", self.selector),
            None => self.selector.to_owned(),
        }
    }
}

/// One look at `control`: whether it exists, whether it has focus, what has focus, its style.
struct Probe {
    found: bool,
    focused: bool,
    active: String,
    style: Option<FocusStyle>,
}

async fn probe(browser: &Browser, control: Control<'_>) -> anyhow::Result<Probe> {
    let answer = browser
        .eval(
            FOCUS_PROBE,
            vec![json!(control.host), json!(control.selector)],
        )
        .await?;
    let flag = |key: &str| answer.get(key).and_then(Value::as_bool).unwrap_or(false);
    Ok(Probe {
        found: flag("found"),
        focused: flag("focused"),
        active: answer
            .get("active")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned(),
        style: answer.get("style").and_then(FocusStyle::from_json),
    })
}

/// Presses and releases `key` (a [`Key`] or a character) on the keyboard: the focused element
/// gets it, as from a real keyboard.
pub async fn press(browser: &Browser, key: impl Into<char>) -> anyhow::Result<()> {
    let key = key.into();
    let actions = KeyActions::new("keyboard".to_owned())
        .then(KeyAction::Down { value: key })
        .then(KeyAction::Up { value: key });
    browser
        .client()
        .perform_actions(actions)
        .await
        .with_context(|| format!("pressing key {:?}", key.escape_unicode().to_string()))
}

/// Shift+Tab: focus moves backwards.
pub async fn press_shift_tab(browser: &Browser) -> anyhow::Result<()> {
    let (shift, tab) = (char::from(Key::Shift), char::from(Key::Tab));
    let actions = KeyActions::new("keyboard".to_owned())
        .then(KeyAction::Down { value: shift })
        .then(KeyAction::Down { value: tab })
        .then(KeyAction::Up { value: tab })
        .then(KeyAction::Up { value: shift });
    browser
        .client()
        .perform_actions(actions)
        .await
        .context("pressing Shift+Tab")
}

/// Waits until `control` exists and has focus (e.g. after the page moved focus to it).
pub async fn wait_for_focus(browser: &Browser, control: Control<'_>) -> anyhow::Result<()> {
    let what = format!("focus on {}", control.name());
    wait_for(&what, DEFAULT_TIMEOUT, || async move {
        match probe(browser, control).await {
            Ok(probe) if probe.focused => Ok(()),
            Ok(probe) if !probe.found => {
                Err(format!("no such control; focus is on {}", probe.active))
            }
            Ok(probe) => Err(format!("focus is on {}", probe.active)),
            Err(error) => Err(format!("{error:#}")),
        }
    })
    .await
}

/// The focus styles of `control` right now (focused or not).
pub async fn focus_style(browser: &Browser, control: Control<'_>) -> anyhow::Result<FocusStyle> {
    let probe = probe(browser, control).await?;
    probe
        .style
        .with_context(|| format!("{} is not in the page", control.name()))
}

/// Checks that `control` has focus and shows a visible focus indicator: an outline of non-zero
/// width or a box shadow, which `unfocused` (its style without focus) does not have.
pub async fn expect_focus_indicator(
    browser: &Browser,
    control: Control<'_>,
    unfocused: &FocusStyle,
) -> anyhow::Result<()> {
    let probe = probe(browser, control).await?;
    anyhow::ensure!(
        probe.focused,
        "{} should have focus; focus is on {}",
        control.name(),
        probe.active
    );
    let focused = probe
        .style
        .with_context(|| format!("{} is not in the page", control.name()))?;
    anyhow::ensure!(
        focused.draws_indicator() && focused != *unfocused,
        "{} should show a visible focus indicator: focused {focused:?}, unfocused {unfocused:?}",
        control.name()
    );
    Ok(())
}

/// Presses Tab until `control` has focus (at most 30 times), then checks its visible focus
/// indicator against its style from before it had focus. `control` must exist and not have
/// focus yet.
pub async fn tab_to(browser: &Browser, control: Control<'_>) -> anyhow::Result<()> {
    let what = format!("{} to appear", control.name());
    let before = wait_for(&what, DEFAULT_TIMEOUT, || async move {
        match probe(browser, control).await {
            Ok(probe) if probe.found => Ok(probe),
            Ok(probe) => Err(format!("not there yet; focus is on {}", probe.active)),
            Err(error) => Err(format!("{error:#}")),
        }
    })
    .await?;
    anyhow::ensure!(
        !before.focused,
        "{} already has focus before pressing Tab",
        control.name()
    );
    let unfocused = before
        .style
        .with_context(|| format!("{} has no computed style", control.name()))?;
    let mut visited = Vec::new();
    for _ in 0..MAX_TABS {
        press(browser, Key::Tab).await?;
        let now = probe(browser, control).await?;
        if now.focused {
            return expect_focus_indicator(browser, control, &unfocused).await;
        }
        visited.push(now.active);
    }
    anyhow::bail!(
        "{MAX_TABS} presses of Tab did not reach {}; focus went to: {}",
        control.name(),
        visited.join(", ")
    )
}
