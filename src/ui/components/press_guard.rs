//! The "press once" rule shared by every provider button.

use leptos::prelude::*;

/// Tracks whether a provider button has been pressed, so that a second press (double click, Enter
/// held down) before the flow reacts does nothing.
///
/// The button counts as busy while it is pressed or while the caller says it is busy; when the
/// caller's `busy` goes from `true` back to `false` (the attempt failed and the screen offers the
/// button again), the guard re-arms.
#[derive(Clone, Copy)]
pub(crate) struct PressGuard {
    pressed: RwSignal<bool>,
    busy: Signal<bool>,
    disabled: Signal<bool>,
}

impl PressGuard {
    /// A guard for a button whose busy and disabled states come from the caller.
    pub(crate) fn new(busy: Signal<bool>, disabled: Signal<bool>) -> Self {
        let pressed = RwSignal::new(false);
        Effect::new(move |was_busy: Option<bool>| {
            let now = busy.get();
            if was_busy == Some(true) && !now {
                pressed.set(false);
            }
            now
        });
        PressGuard {
            pressed,
            busy,
            disabled,
        }
    }

    /// `true` while the button shows progress (`aria-busy`, spinner).
    pub(crate) fn is_busy(&self) -> bool {
        self.pressed.get() || self.busy.get()
    }

    /// `true` while the button must not react (`disabled`).
    pub(crate) fn is_disabled(&self) -> bool {
        self.is_busy() || self.disabled.get()
    }

    /// Handles a press: runs `on_press` the first time only.
    pub(crate) fn press(&self, on_press: Callback<()>) {
        if self.pressed.get_untracked()
            || self.busy.get_untracked()
            || self.disabled.get_untracked()
        {
            return;
        }
        self.pressed.set(true);
        on_press.run(());
    }
}
