//! Standalone bundle entry point.
