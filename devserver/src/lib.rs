//! Dev backend.
