//! PKCE code verifiers (RFC 7636), made like Hanko's SDK: 64 characters from the unreserved alphabet
//! `A-Z a-z 0-9 - . _ ~`, picked from random bytes by rejection sampling (no modulo bias).

/// The 66 characters a verifier is made of.
pub const ALPHABET: &[u8; 66] =
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";

/// Verifier length (Hanko uses 64; RFC 7636 allows 43–128).
pub const VERIFIER_LEN: usize = 64;

/// Bytes at or above this bound are rejected: 198 = 3 × 66, so `byte % 66` is uniform below it.
const ACCEPT_BELOW: u8 = (256 / ALPHABET.len() * ALPHABET.len()) as u8;

/// How many buffers of random bytes to try before giving up on a broken random source.
const MAX_ROUNDS: usize = 32;

/// Makes a verifier, asking `fill` for random bytes as often as needed (`fill` returns `false`
/// when no randomness is available). `None` if the source fails or keeps giving rejected bytes.
///
/// ```
/// use hanko_elements::flow::pkce::{code_verifier, VERIFIER_LEN};
/// let mut counter = 0u8;
/// let verifier = code_verifier(|buffer| {
///     for byte in buffer.iter_mut() {
///         *byte = counter;
///         counter = counter.wrapping_add(1);
///     }
///     true
/// })
/// .unwrap();
/// assert_eq!(verifier.len(), VERIFIER_LEN);
/// assert!(verifier.starts_with("ABCDEF"));
/// ```
pub fn code_verifier(mut fill: impl FnMut(&mut [u8]) -> bool) -> Option<String> {
    let mut verifier = String::with_capacity(VERIFIER_LEN);
    let mut buffer = [0u8; VERIFIER_LEN];
    for _ in 0..MAX_ROUNDS {
        if !fill(&mut buffer) {
            return None;
        }
        for &byte in &buffer {
            if byte < ACCEPT_BELOW {
                verifier.push(char::from(ALPHABET[usize::from(byte) % ALPHABET.len()]));
                if verifier.len() == VERIFIER_LEN {
                    return Some(verifier);
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_bound_is_a_multiple_of_the_alphabet() {
        assert_eq!(ACCEPT_BELOW, 198);
        assert_eq!(usize::from(ACCEPT_BELOW) % ALPHABET.len(), 0);
    }

    #[test]
    fn maps_bytes_onto_the_alphabet_and_rejects_biased_ones() {
        let mut rounds = 0;
        let verifier = code_verifier(|buffer| {
            rounds += 1;
            // Every byte value once per 256, in order: 198 accepted, 58 rejected per pass.
            for (i, byte) in buffer.iter_mut().enumerate() {
                *byte = ((rounds - 1) * VERIFIER_LEN + i) as u8;
            }
            true
        })
        .unwrap();
        assert_eq!(verifier.len(), VERIFIER_LEN);
        assert_eq!(&verifier[..3], "ABC");
        assert_eq!(&verifier[62..64], "-.");
        assert_eq!(rounds, 1);
    }

    #[test]
    fn skips_rejected_bytes_and_asks_for_more() {
        let mut rounds = 0;
        let verifier = code_verifier(|buffer| {
            rounds += 1;
            for (i, byte) in buffer.iter_mut().enumerate() {
                // Half the bytes are out of range (198..=255), the others index 0..=65 cyclically.
                *byte = if i % 2 == 0 { 250 } else { (i % 66) as u8 + 66 };
            }
            true
        })
        .unwrap();
        assert_eq!(rounds, 2);
        assert_eq!(verifier.len(), VERIFIER_LEN);
        assert!(verifier.bytes().all(|c| ALPHABET.contains(&c)));
        assert!(verifier.starts_with("BDF"));
    }

    #[test]
    fn covers_the_whole_alphabet() {
        let mut next = 0u8;
        let mut seen = std::collections::BTreeSet::new();
        for _ in 0..4 {
            let verifier = code_verifier(|buffer| {
                for byte in buffer.iter_mut() {
                    *byte = next;
                    next = next.wrapping_add(1);
                }
                true
            })
            .unwrap();
            seen.extend(verifier.bytes());
        }
        assert_eq!(seen.len(), ALPHABET.len());
    }

    #[test]
    fn gives_up_on_a_failing_or_stuck_source() {
        assert_eq!(code_verifier(|_| false), None);
        assert_eq!(
            code_verifier(|buffer| {
                buffer.fill(255);
                true
            }),
            None
        );
    }
}
