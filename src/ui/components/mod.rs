//! Small presentational parts of the element: provider buttons, "Last used" badge, spinner,
//! headline, status line, the error notice, form inputs, and the shared stylesheet.

mod action_button;
mod button_frame;
pub mod error_notice;
mod headline;
mod last_used_badge;
mod microsoft_button;
mod press_guard;
mod provider_button;
mod spinner;
pub mod stylesheet;

pub(crate) use action_button::{action_button, Look};
pub use error_notice::ErrorNotice;
pub use headline::{Headline, Status};
pub use last_used_badge::LastUsedBadge;
pub use microsoft_button::{MicrosoftButton, MicrosoftLogo};
pub use provider_button::{provider_display_name, ProviderButton};
pub use spinner::Spinner;
