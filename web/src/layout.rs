//! The frame every HTML page shares: `lang="da"`, a skip link, the header with navigation for the
//! user's role, the user's name and the logout button, `<main id="indhold">`, and a footer. Print
//! styles hide the navigation.

use audit::Role;
use axum::http::StatusCode;
use maud::{DOCTYPE, Markup, html};

use crate::assets;
use crate::components::form::csrf_field;
use crate::current_user::CurrentUser;

/// Wraps `content` in the shared frame; `title` is the page's own Danish title (also its `<h1>`).
pub fn page(title: &str, user: Option<&CurrentUser>, content: Markup) -> Markup {
    frame(title, user, html! { h1 { (title) } (content) })
}

/// Like [`page`], but the content brings its own `<h1>` (for pages whose heading is more than text).
pub fn page_with_own_heading(title: &str, user: Option<&CurrentUser>, content: Markup) -> Markup {
    frame(title, user, content)
}

/// An HTML document as every one auditpanel writes begins (the pages and the report's standalone
/// file): Danish, UTF-8, sized for the device. `head` adds the title and the styles; `body` is the
/// `<body>` element.
pub fn document(head: Markup, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="da" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                (head)
            }
            (body)
        }
    }
}

fn frame(title: &str, user: Option<&CurrentUser>, content: Markup) -> Markup {
    let head = html! {
        title { (title) " – auditpanel" }
        link rel="icon" type="image/svg+xml" href=(assets::href("favicon.svg"));
        link rel="stylesheet" href=(assets::href("style.css"));
        link rel="stylesheet" media="print" href=(assets::href("print.css"));
    };
    let body = html! {
        body {
            a.skip-link href="#indhold" { "Gå til indhold" }
            header.site-header {
                div.inner {
                    a.brand href="/" { "auditpanel" small { "Social- og Boligstyrelsen · Auditfunktionen" } }
                    @if let Some(user) = user {
                        (navigation(user))
                        div.who {
                            a.inbox href="/indbakke" aria-current=[(user.path() == "/indbakke").then_some("page")] {
                                "Indbakke"
                                @if user.unread() > 0 {
                                    " " span.badge { (user.unread()) span.visually-hidden { " ulæste" } }
                                }
                            }
                            span {
                                span.visually-hidden { "Logget ind som " }
                                (user.name())
                                " " span.role { "(" (user.role().navn()) ")" }
                            }
                            form method="post" action="/logout" {
                                (csrf_field(user.csrf_token()))
                                button type="submit" { "Log ud" }
                            }
                        }
                    }
                }
            }
            main #indhold tabindex="-1" { (content) }
            footer.site-footer {
                div.inner { "auditpanel · Lærende auditforløb for socialtilsynene" }
            }
        }
    };
    document(head, body)
}

/// The navigation links of a role: `(path, label)`. Page groups add their entry here.
pub fn nav_items(role: Role) -> Vec<(&'static str, &'static str)> {
    match role {
        Role::Koordinator => vec![
            ("/", "Auditforløb"),
            ("/audits/new", "Nyt auditforløb"),
            ("/opfoelgning", "Opfølgning"),
        ],
        Role::Panelist => vec![("/", "Mine auditforløb")],
        Role::Tilsynskontakt(_) => vec![("/", "Forside"), ("/opfoelgning", "Opfølgning")],
        Role::Laeser => vec![("/", "Rapporter"), ("/opfoelgning", "Opfølgning")],
    }
}

fn navigation(user: &CurrentUser) -> Markup {
    html! {
        nav.site-nav aria-label="Hovedmenu" {
            ul {
                @for (path, label) in nav_items(user.role()) {
                    li { a href=(path) aria-current=[(user.path() == path).then_some("page")] { (label) } }
                }
            }
        }
    }
}

/// The page for an error: its status in words, the Danish message and a way on.
pub fn error_page(status: StatusCode, message: &str) -> Markup {
    let title = match status {
        StatusCode::NOT_FOUND => "Siden findes ikke",
        StatusCode::FORBIDDEN => "Ingen adgang",
        StatusCode::UNAUTHORIZED => "Log ind",
        StatusCode::TOO_MANY_REQUESTS => "For mange forsøg",
        StatusCode::UNPROCESSABLE_ENTITY | StatusCode::BAD_REQUEST => {
            "Forespørgslen kunne ikke gennemføres"
        }
        StatusCode::CONFLICT => "Handlingen kunne ikke gennemføres",
        _ => "Der opstod en fejl",
    };
    page(
        title,
        None,
        html! {
            div.notice.error role="alert" { p { (message) } }
            p { a href="/" { "Gå til forsiden" } }
        },
    )
}
