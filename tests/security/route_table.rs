//! The one table of who gets which answer from which route in which state, read by both sweeps
//! (`route_sweep` asserts the statuses, `sentinel_sweep` fetches every URL the table names), and the
//! link from the table back to the router: [`router_routes`] reads every `.route("…", …)` in `web/src`,
//! so a route added to the application without a line here fails the sweep.
//!
//! An answer depends on the kind of viewer (relative to the audit the URL names), the audit's workflow
//! state and whether it has a published report; [`Access`] names each rule once.

use std::collections::BTreeSet;
use std::path::Path;

use audit::WorkflowState;

/// Who is asking, relative to the audit a URL names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Viewer {
    /// No session, no token.
    Anonymous,
    /// The audit function.
    Koordinator,
    /// A panelist who sits on the audit's panel and rates.
    Member,
    /// A panelist who does not sit on the audit's panel.
    Outsider,
    /// A contact person of a socialtilsyn.
    Tilsynskontakt,
    /// A reader.
    Laeser,
}

impl Viewer {
    /// Every kind of viewer.
    pub(crate) const ALL: [Viewer; 6] = [
        Viewer::Anonymous,
        Viewer::Koordinator,
        Viewer::Member,
        Viewer::Outsider,
        Viewer::Tilsynskontakt,
        Viewer::Laeser,
    ];
}

/// The facts about the audit a URL names that decide an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Facts {
    /// Its workflow state.
    pub(crate) state: WorkflowState,
    /// Whether a version of its report has been published.
    pub(crate) published: bool,
    /// Whether it has submitted round-1 ratings on a scale (the agreement API computes from those).
    pub(crate) scale_ratings: bool,
    /// Whether the follow-up action the sweep uses is addressed to the tilsynskontakt's tilsyn (Midt).
    pub(crate) action_for_contact: bool,
    /// Whether the tilsynskontakt's tilsyn (Midt) has a member on the audit's panel.
    pub(crate) contact_took_part: bool,
}

impl Facts {
    /// Whether a reader sees the audit's follow-up plan: a version of the report is published, or the
    /// audit is in opfølgning or later (which the workflow reaches only by publishing; the demo's
    /// historical audits stand there without a stored version until the demo publishes them).
    pub(crate) fn plan_public(self) -> bool {
        self.published || self.state >= WorkflowState::Opfoelgning
    }
}

/// An HTTP method the sweeps use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Method {
    /// Reads.
    Get,
    /// Writes.
    Post,
}

/// The access rules, each once. The answer to a GET follows from the rule in [`Access::get`]; a POST is
/// swept only for the viewers the rule refuses ([`Access::refuses`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Access {
    /// Everyone, without logging in (`/healthz`, the stylesheets).
    Public,
    /// The login page: anonymous users see it, logged-in users are sent on.
    LoginPage,
    /// Anyone logged in.
    LoggedIn,
    /// The koordinator only (set-up, editor).
    Koordinator,
    /// The koordinator and the audit's panel (the audit page, the case timelines).
    AuditMember,
    /// The audit's overview: the koordinator, the panel, and the tilsynskontakt whose tilsyn took part.
    Overview,
    /// The panel's raters (the rating form); the koordinator does not rate.
    Rater,
    /// The "Indsend" confirmation: a rater's, shown while round 1 is open (vurdering), otherwise back
    /// to the rating form.
    SubmitConfirm,
    /// The koordinator and the panel once the ratings are revealed (dashboard, exports).
    Revealed,
    /// The agreement API: as [`Access::Revealed`], but 409 (nothing to compute) for an audit without
    /// ratings on a scale (19.1 nominates, 19.2 selects cases).
    Agreement,
    /// A rater's own comparison with the panel, once revealed.
    RevealedRater,
    /// The koordinator's progress figures.
    Progress,
    /// The koordinator's reveal confirmation: shown during vurdering, otherwise back to the workflow page.
    RevealConfirm,
    /// The koordinator's publish confirmation: once the ratings are revealed; 409 before.
    PublishConfirm,
    /// The report: the koordinator's draft always, everyone else the published version (404 without one).
    Report,
    /// The høring of the report draft: the koordinator's page always; the tilsynskontakt of a tilsyn
    /// that took part reads the frozen draft once one is sent (404 before: the sweep sends none); the
    /// overview rule refuses everyone else (403), and a panel member is no høringspart (403).
    Hoering,
    /// A høringssvar: written by the tilsynskontakt of a tilsyn that took part, refused to everyone else.
    HoeringSvar,
    /// A follow-up action: visible to a role exactly when the report it comes from is ([`Access::Report`]).
    FollowUpAction,
    /// A material file: the koordinator always, the panel once the material is released (from vurdering).
    MaterialFile,
    /// The calendar feed: only with its own feed token, never with a session.
    FeedToken,
}

/// What a viewer gets.
pub(crate) type Status = u16;

impl Access {
    /// The status a GET by `viewer` answers with; `api` routes answer 401 instead of the login redirect.
    pub(crate) fn get(self, viewer: Viewer, facts: Facts, api: bool) -> Status {
        use Viewer::{Anonymous, Koordinator, Member};
        const OK: Status = 200;
        const SEE_OTHER: Status = 303;
        const FORBIDDEN: Status = 403;
        const NOT_FOUND: Status = 404;
        let revealed = facts.state.is_revealed();
        if viewer == Anonymous
            && !matches!(self, Access::Public | Access::LoginPage | Access::FeedToken)
        {
            return if api { 401 } else { SEE_OTHER };
        }
        let allow = |yes: bool| if yes { OK } else { FORBIDDEN };
        match self {
            Access::Public => OK,
            Access::LoginPage => {
                if viewer == Anonymous {
                    OK
                } else {
                    SEE_OTHER
                }
            }
            Access::LoggedIn => OK,
            Access::Koordinator | Access::Progress => allow(viewer == Koordinator),
            Access::AuditMember => allow(matches!(viewer, Koordinator | Member)),
            Access::Overview => allow(
                matches!(viewer, Koordinator | Member)
                    || (viewer == Viewer::Tilsynskontakt && facts.contact_took_part),
            ),
            Access::Rater => allow(viewer == Member),
            Access::SubmitConfirm => match viewer {
                Member if facts.state == WorkflowState::Vurdering => OK,
                Member => SEE_OTHER,
                _ => FORBIDDEN,
            },
            Access::Revealed => allow(matches!(viewer, Koordinator | Member) && revealed),
            Access::Agreement => match allow(matches!(viewer, Koordinator | Member) && revealed) {
                OK if !facts.scale_ratings => 409,
                status => status,
            },
            Access::RevealedRater => allow(viewer == Member && revealed),
            Access::RevealConfirm => match viewer {
                Koordinator if facts.state == WorkflowState::Vurdering => OK,
                Koordinator => SEE_OTHER,
                _ => FORBIDDEN,
            },
            Access::PublishConfirm => match viewer {
                Koordinator if revealed => OK,
                Koordinator => 409,
                _ => FORBIDDEN,
            },
            Access::Report => {
                if viewer == Koordinator || facts.published {
                    OK
                } else {
                    NOT_FOUND
                }
            }
            Access::Hoering => match viewer {
                Koordinator => OK,
                Viewer::Tilsynskontakt if facts.contact_took_part => NOT_FOUND,
                _ => FORBIDDEN,
            },
            Access::HoeringSvar => FORBIDDEN,
            // A contact person sees only their own tilsyn's actions; what a viewer may not see answers
            // as if it did not exist.
            Access::FollowUpAction => {
                let visible = viewer == Koordinator
                    || (facts.plan_public()
                        && (viewer != Viewer::Tilsynskontakt || facts.action_for_contact));
                if visible { OK } else { NOT_FOUND }
            }
            Access::MaterialFile => allow(
                viewer == Koordinator
                    || (viewer == Member && facts.state != WorkflowState::Planlaegning),
            ),
            // Without its own feed token the feed is refused to everyone, logged in or not.
            Access::FeedToken => 401,
        }
    }

    /// Whether the rule refuses a write by `viewer`, and so whether a POST by them is swept. The
    /// tilsynskontakt is not swept on their own tilsyn's visible actions: reporting on them is their job.
    pub(crate) fn refuses(self, viewer: Viewer, facts: Facts) -> bool {
        match self {
            Access::Public | Access::LoginPage | Access::FeedToken => false,
            Access::LoggedIn => viewer == Viewer::Anonymous,
            Access::FollowUpAction => match viewer {
                Viewer::Koordinator => false,
                Viewer::Tilsynskontakt => !(facts.plan_public() && facts.action_for_contact),
                Viewer::Anonymous => true,
                // Readers and panelists never write follow-up; hidden actions are refused as unknown.
                Viewer::Member | Viewer::Outsider | Viewer::Laeser => true,
            },
            Access::RevealConfirm => viewer != Viewer::Koordinator,
            Access::HoeringSvar => !(viewer == Viewer::Tilsynskontakt && facts.contact_took_part),
            // A rater may write while the audit takes ratings; refusals to them are the workflow's.
            Access::Rater | Access::SubmitConfirm => viewer != Viewer::Member,
            Access::Revealed => !matches!(viewer, Viewer::Koordinator | Viewer::Member),
            rule => rule.get(viewer, facts, false) != 200,
        }
    }
}

/// One route of the application and its rule.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Route {
    /// GET or POST.
    pub(crate) method: Method,
    /// The path as the router spells it, with `{nr}` and the other parameters.
    pub(crate) pattern: &'static str,
    /// Who gets what.
    pub(crate) access: Access,
}

impl Route {
    /// Whether this is a route of the JSON API (which answers 401, not a login redirect).
    pub(crate) fn is_api(&self) -> bool {
        self.pattern.starts_with("/api/")
    }

    /// Whether the path names an audit.
    pub(crate) fn names_audit(&self) -> bool {
        self.pattern.contains("{nr}")
    }
}

const fn route(method: Method, pattern: &'static str, access: Access) -> Route {
    Route {
        method,
        pattern,
        access,
    }
}

use Access as A;
use Method::{Get, Post};

/// Every route of the application and its rule: the table both sweeps read.
pub(crate) const ROUTES: &[Route] = &[
    route(Get, "/healthz", A::Public),
    route(Get, "/assets/{name}", A::Public),
    route(Get, "/login", A::LoginPage),
    route(Post, "/login", A::LoginPage),
    route(Post, "/logout", A::LoggedIn),
    route(Get, "/", A::LoggedIn),
    route(Get, "/audits/new", A::Koordinator),
    route(Post, "/audits/new", A::Koordinator),
    route(Get, "/audits/{nr}", A::Overview),
    route(Get, "/audits/{nr}/edit", A::Koordinator),
    route(Post, "/audits/{nr}/edit", A::Koordinator),
    route(Get, "/audits/{nr}/panel", A::Koordinator),
    route(Post, "/audits/{nr}/panel", A::Koordinator),
    route(Post, "/audits/{nr}/panel/remove", A::Koordinator),
    route(Post, "/audits/{nr}/panel/attendance", A::Koordinator),
    route(Get, "/audits/{nr}/material", A::Koordinator),
    route(Post, "/audits/{nr}/material", A::Koordinator),
    route(Post, "/audits/{nr}/material/{id}/file", A::Koordinator),
    route(Post, "/audits/{nr}/material/{id}/cpr", A::Koordinator),
    route(Post, "/audits/{nr}/material/remove", A::Koordinator),
    route(Get, "/audits/{nr}/material/{id}/download", A::MaterialFile),
    route(Get, "/audits/{nr}/forms", A::Koordinator),
    route(Post, "/audits/{nr}/forms", A::Koordinator),
    route(Get, "/audits/{nr}/workflow", A::Koordinator),
    route(Post, "/audits/{nr}/transition", A::Koordinator),
    route(Get, "/audits/{nr}/reveal", A::RevealConfirm),
    route(Get, "/audits/{nr}/bedoemmelse", A::Rater),
    route(Post, "/audits/{nr}/bedoemmelse", A::Rater),
    route(Get, "/audits/{nr}/bedoemmelse/indsend", A::SubmitConfirm),
    route(Post, "/audits/{nr}/bedoemmelse/indsend", A::SubmitConfirm),
    route(Get, "/audits/{nr}/enighed", A::Revealed),
    route(Get, "/audits/{nr}/mig", A::RevealedRater),
    route(Get, "/audits/{nr}/droeftelser", A::Revealed),
    route(Get, "/audits/{nr}/droeftelser/{emne}", A::Revealed),
    route(Post, "/audits/{nr}/droeftelser/{emne}", A::Revealed),
    route(Get, "/audits/{nr}/stikproeve", A::AuditMember),
    route(Post, "/audits/{nr}/stikproeve", A::Koordinator),
    route(Get, "/audits/{nr}/sagsforloeb", A::AuditMember),
    route(Get, "/audits/{nr}/rapport", A::Report),
    route(Get, "/audits/{nr}/rapport/sidehoved.css", A::Report),
    route(Get, "/audits/{nr}/rapport/versioner", A::Report),
    route(Get, "/audits/{nr}/rapport/v/{n}", A::Report),
    route(Get, "/audits/{nr}/rapport/offentliggoer", A::PublishConfirm),
    route(Post, "/audits/{nr}/rapport/offentliggoer", A::Koordinator),
    route(Get, "/audits/{nr}/rapport/eksport/{fil}", A::Revealed),
    route(Get, "/audits/{nr}/rapport/hoering", A::Hoering),
    route(Post, "/audits/{nr}/rapport/hoering", A::Koordinator),
    route(Post, "/audits/{nr}/rapport/hoering/svar", A::HoeringSvar),
    route(Get, "/audits/{nr}/rapport/rediger", A::Koordinator),
    route(Get, "/audits/{nr}/rapport/rediger/afsnit", A::Koordinator),
    route(
        Get,
        "/audits/{nr}/rapport/rediger/genereret",
        A::Koordinator,
    ),
    route(
        Post,
        "/audits/{nr}/rapport/rediger/genereret",
        A::Koordinator,
    ),
    route(Post, "/audits/{nr}/rapport/rediger/afsnit", A::Koordinator),
    route(
        Get,
        "/audits/{nr}/rapport/rediger/droeftelse",
        A::Koordinator,
    ),
    route(
        Post,
        "/audits/{nr}/rapport/rediger/droeftelse",
        A::Koordinator,
    ),
    route(
        Get,
        "/audits/{nr}/rapport/rediger/anbefaling",
        A::Koordinator,
    ),
    route(
        Post,
        "/audits/{nr}/rapport/rediger/anbefaling",
        A::Koordinator,
    ),
    route(Get, "/audits/{nr}/rapport/rediger/tiltag", A::Koordinator),
    route(Post, "/audits/{nr}/rapport/rediger/tiltag", A::Koordinator),
    route(Get, "/opfoelgning", A::LoggedIn),
    route(Get, "/opfoelgning.csv", A::LoggedIn),
    route(Get, "/opfoelgning.ics", A::FeedToken),
    route(Post, "/opfoelgning/kalender", A::LoggedIn),
    route(Get, "/opfoelgning/{nr}/{id}", A::FollowUpAction),
    route(Post, "/opfoelgning/{nr}/{id}/haendelse", A::FollowUpAction),
    route(Post, "/opfoelgning/{nr}/{id}/rapport", A::FollowUpAction),
    route(
        Get,
        "/opfoelgning/{nr}/{id}/bilag/{bilag}",
        A::FollowUpAction,
    ),
    route(Get, "/indbakke", A::LoggedIn),
    route(Post, "/indbakke/laest", A::LoggedIn),
    route(Post, "/indbakke/e-mail", A::LoggedIn),
    route(Get, "/api/v1/audits", A::LoggedIn),
    route(Get, "/api/v1/audits/{nr}", A::AuditMember),
    route(Get, "/api/v1/audits/{nr}/ratings", A::AuditMember),
    route(Post, "/api/v1/audits/{nr}/ratings", A::Rater),
    route(Get, "/api/v1/audits/{nr}/progress", A::Progress),
    route(Post, "/api/v1/audits/{nr}/transition", A::Koordinator),
    route(Get, "/api/v1/audits/{nr}/agreement", A::Agreement),
    route(Get, "/api/v1/audits/{nr}/rapport.html", A::Report),
    route(Get, "/api/v1/audits/{nr}/rapport.docx", A::Report),
    route(Get, "/api/v1/audits/{nr}/eksport/{fil}", A::Revealed),
];

/// Every (method, path) the router in `web/src` declares: each `.route("path", …)` call with the
/// methods named in it, under the `/api/v1` prefix for the files of `web/src/api/`.
pub(crate) fn router_routes() -> BTreeSet<(Method, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../web/src");
    let mut found = BTreeSet::new();
    for file in rust_files(&root) {
        let text = std::fs::read_to_string(&file).unwrap();
        let prefix = if file.starts_with(root.join("api")) {
            "/api/v1"
        } else {
            ""
        };
        let mut rest = text.as_str();
        while let Some(start) = rest.find(".route(") {
            rest = &rest[start + ".route(".len()..];
            let call = balanced_call(rest);
            let Some(open) = call.find('"') else { continue };
            let Some(len) = call[open + 1..].find('"') else {
                continue;
            };
            let path = format!("{prefix}{}", &call[open + 1..open + 1 + len]);
            let methods = &call[open + 1 + len..];
            if methods.contains("get(") {
                found.insert((Method::Get, path.clone()));
            }
            if methods.contains("post(") {
                found.insert((Method::Post, path));
            }
        }
    }
    found
}

/// The text of a call's arguments: up to the parenthesis that closes the one before `text`.
fn balanced_call(text: &str) -> &str {
    let mut depth = 1;
    for (i, c) in text.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    return &text[..i];
                }
            }
            _ => {}
        }
    }
    text
}

fn rust_files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files
}

#[test]
fn the_table_names_every_route_of_the_router_and_no_other() {
    let table: BTreeSet<(Method, String)> = ROUTES
        .iter()
        .map(|r| (r.method, r.pattern.to_owned()))
        .collect();
    let router = router_routes();
    assert!(router.len() > 50, "the scan found the router's routes");
    let missing: Vec<_> = router.difference(&table).collect();
    let stale: Vec<_> = table.difference(&router).collect();
    assert!(
        missing.is_empty() && stale.is_empty(),
        "routes without a rule in tests/security/route_table.rs: {missing:?}; rules without a route: {stale:?}"
    );
}
