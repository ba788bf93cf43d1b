//! Authenticator-app MFA: RFC 6238 TOTP secrets (SHA-1, 6 digits, 30 s, as Hanko and authenticator
//! apps use) and the QR code of their `otpauth://` URL.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use qrcodegen::{QrCode, QrCodeEcc};
use totp_rs::{Builder, Secret};

/// Side length of the QR image in pixels (Hanko's 200×200, rounded down to whole modules).
const QR_PIXELS: usize = 200;

/// A new secret for `account` at `issuer`: `(base32 secret, data:image/png;base64 QR code)`.
pub fn new_secret(issuer: &str, account: &str) -> Result<(String, String), String> {
    let totp = Builder::new()
        .with_secret(Secret::generate())
        .with_issuer(Some(issuer.replace(':', " ")))
        .with_account_name(account.replace(':', " "))
        .build()
        .map_err(|e| format!("TOTP setup: {e}"))?;
    let url = totp.to_url().map_err(|e| format!("TOTP URL: {e}"))?;
    let png = qr_png(&url)?;
    Ok((
        totp.secret().to_base32(),
        format!("data:image/png;base64,{}", STANDARD.encode(png)),
    ))
}

/// Whether `code` is the current TOTP code of the base32 `secret` (one step of clock skew allowed).
pub fn check_code(secret: &str, code: &str) -> Result<bool, String> {
    let secret = Secret::try_from_base32(secret).map_err(|e| format!("TOTP secret: {e}"))?;
    let totp = Builder::new()
        .with_secret(secret)
        .build()
        .map_err(|e| format!("TOTP setup: {e}"))?;
    Ok(totp.check_current(code.trim()).is_some())
}

/// A black-on-white grayscale PNG of the QR code of `text`, with the standard 4-module quiet zone.
fn qr_png(text: &str) -> Result<Vec<u8>, String> {
    let qr = QrCode::encode_text(text, QrCodeEcc::Medium).map_err(|e| format!("QR code: {e}"))?;
    let modules = usize::try_from(qr.size()).map_err(|e| e.to_string())? + 8;
    let scale = (QR_PIXELS / modules).max(1);
    let side = modules * scale;
    let mut pixels = vec![255u8; side * side];
    for y in 0..side {
        for x in 0..side {
            let (mx, my) = ((x / scale) as i32 - 4, (y / scale) as i32 - 4);
            if qr.get_module(mx, my) {
                pixels[y * side + x] = 0;
            }
        }
    }
    let side = u32::try_from(side).map_err(|e| e.to_string())?;
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, side, side);
    encoder.set_color(png::ColorType::Grayscale);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().map_err(|e| e.to_string())?;
    writer
        .write_image_data(&pixels)
        .map_err(|e| e.to_string())?;
    writer.finish().map_err(|e| e.to_string())?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_qr_and_code_round_trip() {
        let (secret, image) = new_secret("Hanko Dev Server", "a@x.example").unwrap();
        assert!(image.starts_with("data:image/png;base64,"));
        let png = STANDARD
            .decode(image.trim_start_matches("data:image/png;base64,"))
            .unwrap();
        assert_eq!(&png[1..4], b"PNG");
        let bytes = Secret::try_from_base32(&secret).unwrap();
        let totp = Builder::new().with_secret(bytes).build().unwrap();
        let code = totp.generate_current().to_string();
        assert!(check_code(&secret, &code).unwrap());
        let wrong = format!(
            "{:06}",
            (code.parse::<u32>().unwrap() + 500_000) % 1_000_000
        );
        assert!(!check_code(&secret, &wrong).unwrap());
    }
}
