//! E-mail: the settings for sending ([`MailSettings`]) and a [`Mailer`] that builds each message and
//! hands it to an SMTP relay with the `lettre` crate, one connection per message, with a timeout on every
//! step.
//!
//! The message is UTF-8 text: lettre writes the subject as an RFC 2047 encoded word and picks a transfer
//! encoding for the body (quoted-printable or base64), so no line is too long and no 8-bit support is
//! needed from the relay. Addresses come from `store::reminders::set_email`, which refuses anything with
//! spaces, `<`, `>` or control characters; lettre parses them once more and refuses what is not an
//! address, so nothing can break out of a command or a header.
//!
//! This module knows nothing of reminders or of the application's state: the reminder job
//! (`crate::reminders`) says what to send, and [`crate::WebConfig`] carries the settings.

use std::time::{Duration, SystemTime};

use lettre::message::header::{Header, HeaderName, HeaderValue};
use lettre::message::{Mailbox, Message, SinglePart};
use lettre::{AsyncSmtpTransport, AsyncTransport as _, Tokio1Executor};
use time::OffsetDateTime;

/// How long each SMTP step may take.
const STEP_TIMEOUT: Duration = Duration::from_secs(10);

/// Where e-mails go out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailSettings {
    /// The SMTP server: `smtp://host:port` for plain SMTP, as to a local relay (port 25 when left out);
    /// `smtp://host:port?tls=required` for STARTTLS and `smtps://host:port` for TLS from the start (both
    /// check the server's certificate against the Mozilla roots); `user:password@` before the host logs
    /// in.
    pub smtp_url: String,
    /// The sender address.
    pub from: String,
}

/// One e-mail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mail {
    /// Recipient address.
    pub to: String,
    /// Subject, any Unicode.
    pub subject: String,
    /// Plain text body, lines ending in `\n`.
    pub body: String,
    /// The Message-ID without angle brackets.
    pub message_id: String,
    /// The Date header.
    pub date: OffsetDateTime,
}

/// Why a message was not sent.
#[derive(Debug, thiserror::Error)]
pub enum MailError {
    /// The SMTP URL is not one [`MailSettings::smtp_url`] describes.
    #[error("SMTP-adressen »{url}« kan ikke bruges ({reason}); skriv den som smtp://vært:port")]
    Url {
        /// The URL as configured.
        url: String,
        /// What lettre said about it.
        reason: String,
    },
    /// An address (sender or recipient) is not an e-mail address.
    #[error("»{0}« er ikke en e-mailadresse")]
    Address(String),
    /// The message could not be put together.
    #[error("e-mailen kunne ikke dannes: {0}")]
    Message(String),
    /// The relay could not be reached, timed out or refused the message.
    #[error("SMTP-serveren tog ikke imod e-mailen: {0}")]
    Smtp(#[from] lettre::transport::smtp::Error),
}

impl MailError {
    /// Whether the fault lies with this one message (an address that does not parse), so that other
    /// messages may still go out; otherwise the relay is the problem and the rest should wait too.
    pub fn is_message_fault(&self) -> bool {
        matches!(self, MailError::Address(_) | MailError::Message(_))
    }
}

/// A stable Message-ID for a reminder key (FNV-1a, so the same reminder always has the same id).
pub fn message_id(key: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in key.bytes() {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("paamindelse-{hash:016x}@auditpanel")
}

/// Sends mail through one relay from one sender; build it once per batch of messages.
#[derive(Debug, Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl Mailer {
    /// A mailer for `settings`; nothing is connected until a message is sent.
    ///
    /// # Errors
    /// [`MailError::Url`] for an SMTP URL lettre does not understand, [`MailError::Address`] for a sender
    /// that is not an address.
    pub fn new(settings: &MailSettings) -> Result<Mailer, MailError> {
        let url_error = |reason: String| MailError::Url {
            url: settings.smtp_url.clone(),
            reason,
        };
        if !(settings.smtp_url.starts_with("smtp://") || settings.smtp_url.starts_with("smtps://"))
        {
            return Err(url_error("ukendt skema".to_owned()));
        }
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(&settings.smtp_url)
            .map_err(|e| url_error(e.to_string()))?
            .timeout(Some(STEP_TIMEOUT))
            .build();
        let from = settings
            .from
            .parse()
            .map(|address| Mailbox::new(Some("auditpanel".to_owned()), address))
            .map_err(|_| MailError::Address(settings.from.clone()))?;
        Ok(Mailer { transport, from })
    }

    /// Sends `mail`.
    ///
    /// # Errors
    /// [`MailError`] saying whether the message or the relay was at fault.
    pub async fn send(&self, mail: &Mail) -> Result<(), MailError> {
        let message = self.message(mail)?;
        self.transport.send(message).await?;
        Ok(())
    }

    /// The message as it goes out.
    fn message(&self, mail: &Mail) -> Result<Message, MailError> {
        let to: Mailbox = mail
            .to
            .parse()
            .map_err(|_| MailError::Address(mail.to.clone()))?;
        Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(mail.subject.as_str())
            .date(SystemTime::from(mail.date))
            .message_id(Some(format!("<{}>", mail.message_id)))
            .header(AutoSubmitted)
            .singlepart(SinglePart::plain(mail.body.clone()))
            .map_err(|e| MailError::Message(e.to_string()))
    }
}

/// `Auto-Submitted: auto-generated` (RFC 3834), so that mail servers send no vacation replies back.
#[derive(Debug, Clone, Copy)]
struct AutoSubmitted;

impl Header for AutoSubmitted {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("Auto-Submitted")
    }

    fn parse(_: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(AutoSubmitted)
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), "auto-generated".to_owned())
    }
}

#[cfg(test)]
mod tests {
    use time::macros::datetime;

    use super::{Mail, MailError, MailSettings, Mailer, message_id};

    fn settings(url: &str) -> MailSettings {
        MailSettings {
            smtp_url: url.to_owned(),
            from: "auditpanel@eksempel.dk".to_owned(),
        }
    }

    #[test]
    fn smtp_urls_are_understood_and_others_refused() {
        assert!(Mailer::new(&settings("smtp://127.0.0.1:2525")).is_ok());
        assert!(Mailer::new(&settings("smtp://relay.local")).is_ok());
        assert!(Mailer::new(&settings("smtp://relay.local:587?tls=required")).is_ok());
        for bad in ["http://x", "smtp://", "relay.local:25", ""] {
            assert!(
                matches!(Mailer::new(&settings(bad)), Err(MailError::Url { .. })),
                "{bad}"
            );
        }
        let mut no_sender = settings("smtp://127.0.0.1:2525");
        no_sender.from = "ikke en adresse".to_owned();
        assert!(matches!(
            Mailer::new(&no_sender),
            Err(MailError::Address(_))
        ));
    }

    #[tokio::test]
    async fn a_message_has_encoded_subject_stable_id_and_is_marked_automatic() {
        let mailer = Mailer::new(&settings("smtp://127.0.0.1:2525")).unwrap();
        let mail = Mail {
            to: "midt@eksempel.dk".into(),
            subject: "Påmindelse".into(),
            body: "Fristen er overskredet for tiltag æøå.\n".into(),
            message_id: message_id("19.1/x"),
            date: datetime!(2025-03-03 09:00 UTC),
        };
        let text = String::from_utf8(mailer.message(&mail).unwrap().formatted()).unwrap();
        // "Påmindelse" in UTF-8, base64: UMOlbWluZGVsc2U= (RFC 2047 allows either case of "utf-8?b").
        assert!(
            text.to_ascii_lowercase()
                .contains("subject: =?utf-8?b?umolbwluzgvsc2u=?=\r\n"),
            "{text}"
        );
        assert!(
            text.contains("Date: Mon, 03 Mar 2025 09:00:00 +0000\r\n"),
            "{text}"
        );
        assert!(
            text.contains(&format!("Message-ID: <{}>\r\n", message_id("19.1/x"))),
            "{text}"
        );
        assert!(text.contains("From: auditpanel <auditpanel@eksempel.dk>\r\n"));
        assert!(text.contains("To: midt@eksempel.dk\r\n"), "{text}");
        assert!(text.contains("Auto-Submitted: auto-generated\r\n"));
        assert!(text.contains("Content-Type: text/plain; charset=utf-8\r\n"));
        assert_eq!(message_id("19.1/x"), message_id("19.1/x"));
        assert_ne!(message_id("19.1/x"), message_id("19.1/y"));

        let bad = Mail {
            to: "ikke en adresse".into(),
            ..mail
        };
        let err = mailer.send(&bad).await.unwrap_err();
        assert!(err.is_message_fault(), "{err}");
    }
}
