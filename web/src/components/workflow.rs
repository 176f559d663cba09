//! The workflow of an audit as numbered steps, the current one marked for eyes and screen readers.

use audit::WorkflowState;
use maud::{Markup, html};

use crate::components::labels::capitalized;

/// planlægning → vurdering → drøftelse → rapport → opfølgning → afsluttet, with `current` marked.
pub fn steps(current: WorkflowState) -> Markup {
    html! {
        ol.steps aria-label="Forløbets trin" {
            @for state in WorkflowState::ALL {
                @if state == current {
                    li.current aria-current="step" {
                        (capitalized(state.navn()))
                        span.visually-hidden { " (nuværende trin)" }
                    }
                } @else if state < current {
                    li.done { (capitalized(state.navn())) span.visually-hidden { " (afsluttet trin)" } }
                } @else {
                    li { (capitalized(state.navn())) }
                }
            }
        }
    }
}
