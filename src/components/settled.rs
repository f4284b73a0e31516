//! Heavy derivations that follow an editor (a large chart, a scan of every public text) wait
//! for typing to pause instead of running on every keystroke.

use leptos::leptos_dom::helpers::TimeoutHandle;
use leptos::prelude::*;
use std::time::Duration;

/// A counter that moves once whatever `track` reads has been still for `pause`. It is 0 at
/// first and 1 after the first frame, so the first result shows without waiting for a pause
/// but after the page around it.
pub fn settled_after_pause(track: impl Fn() + 'static, pause: Duration) -> ReadSignal<u64> {
    let (settled, set_settled) = signal(0u64);
    let pending = StoredValue::new(None::<TimeoutHandle>);
    let cancel = move || {
        if let Some(handle) = pending.try_update_value(Option::take).flatten() {
            handle.clear();
        }
    };
    Effect::new(move |first: Option<()>| {
        track();
        if first.is_none() {
            request_animation_frame(move || set_settled.set(1));
            return;
        }
        cancel();
        let handle = set_timeout_with_handle(move || set_settled.update(|n| *n += 1), pause).ok();
        pending.set_value(handle);
    });
    on_cleanup(cancel);
    settled
}
