//! hanko-elements for Rust: Hanko authentication elements written in Rust and Leptos.
