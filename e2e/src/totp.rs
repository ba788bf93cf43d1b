//! Authenticator-app codes (RFC 6238: SHA-1, 6 digits, 30 s), as a person's app would show them.

/// The current code for the base32 `secret` (surrounding whitespace ignored), e.g. the one a page
/// shows at set-up or the dev backend's `seed::TOTP_SECRET`.
pub fn current_code(secret: &str) -> anyhow::Result<String> {
    let secret = totp_rs::Secret::try_from_base32(secret.trim())
        .map_err(|e| anyhow::anyhow!("the TOTP secret {secret:?} is not base32: {e}"))?;
    Ok(totp_rs::Builder::new()
        .with_secret(secret)
        .build()
        .map_err(|e| anyhow::anyhow!("TOTP: {e}"))?
        .generate_current()
        .to_string())
}
