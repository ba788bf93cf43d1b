//! Accessibility checks with axe-core (installed from npm, see [`crate::axe_core`]): injected into
//! the page under test and run on one element, its shadow roots included.

use crate::Browser;
use anyhow::Context as _;
use serde_json::{json, Value};
use std::fmt;

/// The impacts that fail a check.
pub const FAILING_IMPACTS: [&str; 2] = ["critical", "serious"];

/// Adds axe-core's script to the page unless `window.axe` is there already.
const INJECT: &str = r#"
const [src, done] = arguments;
if (window.axe) return done({ ok: true });
const script = document.createElement("script");
script.src = src;
script.onload = () => done({ ok: true });
script.onerror = () => done({ error: `loading ${src} failed` });
document.head.append(script);
"#;

/// Runs axe on the first element matching `arguments[0]`, shadow roots included, and reports the
/// violations; fails when the element or its rendered content is missing.
const RUN: &str = r#"
const [selector, done] = arguments;
const host = document.querySelector(selector);
if (!host) return done({ error: `no element matches ${selector}` });
const root = host.shadowRoot ?? host;
if (!Array.from(root.children).some((child) => child.localName !== "style")) {
  return done({ error: `${selector} has rendered nothing to check` });
}
const target = (path) => (Array.isArray(path) ? path.join(" >>> ") : String(path));
axe
  .run({ include: [[selector]] }, { resultTypes: ["violations"] })
  .then((results) =>
    done({
      version: axe.version,
      violations: results.violations.map((rule) => ({
        id: rule.id,
        impact: rule.impact,
        help: rule.help,
        helpUrl: rule.helpUrl,
        nodes: rule.nodes.map((node) => ({
          target: node.target.map(target).join(", "),
          summary: node.failureSummary ?? "",
        })),
      })),
    }),
  )
  .catch((error) => done({ error: `axe.run failed: ${error}` }));
"#;

/// One rule axe found broken, with every element that breaks it.
#[derive(Debug, Clone)]
pub struct Violation {
    /// The rule id, e.g. `color-contrast`.
    pub rule: String,
    /// `minor`, `moderate`, `serious` or `critical`.
    pub impact: String,
    /// What the rule asks for.
    pub help: String,
    /// Where axe explains the rule.
    pub help_url: String,
    /// Each offending element: its selector path (shadow levels joined by ` >>> `) and axe's
    /// summary of what to fix.
    pub nodes: Vec<(String, String)>,
}

impl Violation {
    /// Whether the violation's impact fails a check ([`FAILING_IMPACTS`]).
    pub fn fails(&self) -> bool {
        FAILING_IMPACTS.contains(&self.impact.as_str())
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "- {} ({}): {} <{}>",
            self.rule, self.impact, self.help, self.help_url
        )?;
        for (target, summary) in &self.nodes {
            let summary = summary.split_whitespace().collect::<Vec<_>>().join(" ");
            writeln!(f, "    at {target}: {summary}")?;
        }
        Ok(())
    }
}

/// Injects axe-core into the page in `browser` and runs it on the element `selector` (its shadow
/// root included); returns every violation, of any impact.
pub async fn audit(browser: &Browser, selector: &str) -> anyhow::Result<Vec<Violation>> {
    let src = tokio::task::spawn_blocking(crate::axe_core)
        .await
        .context("installing axe-core")??;
    let injected = browser.eval_async(INJECT, vec![json!(src)]).await?;
    if let Some(error) = injected.get("error").and_then(Value::as_str) {
        anyhow::bail!("injecting axe-core: {error}");
    }
    let answer = browser.eval_async(RUN, vec![json!(selector)]).await?;
    if let Some(error) = answer.get("error").and_then(Value::as_str) {
        anyhow::bail!("checking {selector} with axe-core: {error}");
    }
    let text = |value: &Value, key: &str| {
        value
            .get(key)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned()
    };
    let violations = answer
        .get("violations")
        .and_then(Value::as_array)
        .with_context(|| format!("axe-core answered without violations: {answer}"))?;
    Ok(violations
        .iter()
        .map(|rule| Violation {
            rule: text(rule, "id"),
            impact: text(rule, "impact"),
            help: text(rule, "help"),
            help_url: text(rule, "helpUrl"),
            nodes: rule
                .get("nodes")
                .and_then(Value::as_array)
                .map(|nodes| {
                    nodes
                        .iter()
                        .map(|node| (text(node, "target"), text(node, "summary")))
                        .collect()
                })
                .unwrap_or_default(),
        })
        .collect())
}

/// Runs [`audit`] on `selector` and fails with a readable list (rule id, impact, help, every
/// offending element) if axe finds any critical or serious violation.
pub async fn expect_accessible(browser: &Browser, selector: &str) -> anyhow::Result<()> {
    let failing: Vec<Violation> = audit(browser, selector)
        .await?
        .into_iter()
        .filter(Violation::fails)
        .collect();
    if failing.is_empty() {
        return Ok(());
    }
    let list: String = failing.iter().map(ToString::to_string).collect();
    anyhow::bail!(
        "axe-core found {} critical or serious violation(s) in {selector}:\n{list}",
        failing.len()
    )
}
