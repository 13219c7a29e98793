//! Signed checkpoints: the bytes a `checkpoint_signed` entry signs, and the
//! Ed25519 signing and verification of them.
//!
//! The message is `countroom-checkpoint-v1`, a line feed, the election (the
//! version 2 header's), a line feed, `through` in decimal, a line feed, and
//! the chain head after entry `through` as 64 lower-case hex digits
//! (`docs/count-log.md`, `checkpoint_signed`). Naming the election and the
//! entry stops a signature being moved to another log or another point of
//! the same log; the head fixes every line up to `through`.

use ed25519_dalek::{Signature, Signer as _, SigningKey, VerifyingKey};

use crate::Sha256Digest;

/// The first line of every checkpoint message.
pub const CHECKPOINT_DOMAIN: &str = "countroom-checkpoint-v1";

/// The bytes a checkpoint over `head` (the chain head after entry
/// `through`) of `election`'s log signs.
#[must_use]
pub fn checkpoint_message(election: &str, through: u64, head: &Sha256Digest) -> Vec<u8> {
    format!(
        "{CHECKPOINT_DOMAIN}\n{election}\n{through}\n{}",
        head.to_hex()
    )
    .into_bytes()
}

/// Why a signature does not verify.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CheckpointError {
    /// The public key is not 64 lower-case hex digits.
    #[error("the public key is not 64 lower-case hex digits")]
    BadPublicKeyHex,
    /// The public key is not a point of the curve.
    #[error("the public key is not a valid Ed25519 key")]
    BadPublicKey,
    /// The signature is not 128 lower-case hex digits.
    #[error("the signature is not 128 lower-case hex digits")]
    BadSignatureHex,
    /// The signature does not verify under the key.
    #[error("the signature does not verify with the key appointed")]
    DoesNotVerify,
}

/// A secret signing key (zeroized when dropped).
pub struct CheckpointKey(SigningKey);

impl std::fmt::Debug for CheckpointKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never the secret.
        write!(f, "CheckpointKey({})", self.public_hex())
    }
}

impl CheckpointKey {
    /// The key with this 32-byte secret.
    #[must_use]
    pub fn from_secret(secret: &[u8; 32]) -> CheckpointKey {
        CheckpointKey(SigningKey::from_bytes(secret))
    }

    /// Reads a secret written as 64 lower-case hex digits.
    #[must_use]
    pub fn from_hex(text: &str) -> Option<CheckpointKey> {
        let bytes = from_hex::<32>(text)?;
        Some(CheckpointKey::from_secret(&bytes))
    }

    /// The public key, as 64 lower-case hex digits (the form of
    /// `public_key` in the log).
    #[must_use]
    pub fn public_hex(&self) -> String {
        to_hex(self.0.verifying_key().as_bytes())
    }

    /// Signs the checkpoint message: the signature as 128 lower-case hex
    /// digits.
    #[must_use]
    pub fn sign(&self, election: &str, through: u64, head: &Sha256Digest) -> String {
        let signature = self.0.sign(&checkpoint_message(election, through, head));
        to_hex(&signature.to_bytes())
    }
}

/// Verifies `signature` (hex) over the checkpoint message with
/// `public_key` (hex).
pub fn verify_checkpoint(
    public_key: &str,
    election: &str,
    through: u64,
    head: &Sha256Digest,
    signature: &str,
) -> Result<(), CheckpointError> {
    let key = from_hex::<32>(public_key).ok_or(CheckpointError::BadPublicKeyHex)?;
    let key = VerifyingKey::from_bytes(&key).map_err(|_| CheckpointError::BadPublicKey)?;
    let sig = from_hex::<64>(signature).ok_or(CheckpointError::BadSignatureHex)?;
    let sig = Signature::from_bytes(&sig);
    key.verify_strict(&checkpoint_message(election, through, head), &sig)
        .map_err(|_| CheckpointError::DoesNotVerify)
}

/// Whether `text` is a public key as the log writes one (64 lower-case hex
/// digits of a valid Ed25519 point).
#[must_use]
pub fn valid_public_key(text: &str) -> bool {
    from_hex::<32>(text).is_some_and(|k| VerifyingKey::from_bytes(&k).is_ok())
}

fn to_hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(s, "{b:02x}");
    }
    s
}

fn from_hex<const N: usize>(text: &str) -> Option<[u8; N]> {
    let bytes = text.as_bytes();
    if bytes.len() != N * 2 {
        return None;
    }
    let mut out = [0u8; N];
    for (slot, pair) in out.iter_mut().zip(bytes.chunks_exact(2)) {
        let digit = |b: u8| match b {
            b'0'..=b'9' => Some(b - b'0'),
            b'a'..=b'f' => Some(b - b'a' + 10),
            _ => None,
        };
        *slot = (digit(pair.first().copied()?)? << 4) | digit(pair.get(1).copied()?)?;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_message_is_the_documented_bytes() {
        let head = Sha256Digest([0xab; 32]);
        let m = checkpoint_message("exampleshire-2026", 68, &head);
        let expected = format!(
            "countroom-checkpoint-v1\nexampleshire-2026\n68\n{}",
            "ab".repeat(32)
        );
        assert_eq!(m, expected.into_bytes());
    }

    #[test]
    fn rfc8032_test_1_public_key() {
        // RFC 8032 §7.1 TEST 1: this secret's public key.
        let key = CheckpointKey::from_hex(
            "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
        )
        .unwrap();
        assert_eq!(
            key.public_hex(),
            "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"
        );
    }

    #[test]
    fn signs_and_verifies_and_any_change_fails() {
        let key = CheckpointKey::from_secret(&[7u8; 32]);
        let head = Sha256Digest([1; 32]);
        let sig = key.sign("e", 3, &head);
        assert_eq!(sig.len(), 128);
        let pk = key.public_hex();
        assert!(valid_public_key(&pk));
        assert_eq!(verify_checkpoint(&pk, "e", 3, &head, &sig), Ok(()));
        assert_eq!(
            verify_checkpoint(&pk, "e", 4, &head, &sig),
            Err(CheckpointError::DoesNotVerify)
        );
        assert_eq!(
            verify_checkpoint(&pk, "f", 3, &head, &sig),
            Err(CheckpointError::DoesNotVerify)
        );
        assert_eq!(
            verify_checkpoint(&pk, "e", 3, &Sha256Digest([2; 32]), &sig),
            Err(CheckpointError::DoesNotVerify)
        );
        let other = CheckpointKey::from_secret(&[8u8; 32]).public_hex();
        assert_eq!(
            verify_checkpoint(&other, "e", 3, &head, &sig),
            Err(CheckpointError::DoesNotVerify)
        );
        assert_eq!(
            verify_checkpoint(&pk, "e", 3, &head, &sig.to_uppercase()),
            Err(CheckpointError::BadSignatureHex)
        );
        assert_eq!(
            verify_checkpoint("00", "e", 3, &head, &sig),
            Err(CheckpointError::BadPublicKeyHex)
        );
    }
}
