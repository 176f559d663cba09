//! A small SMTP client (RFC 5321) for the reminder e-mails: one plain connection per message to a
//! relay (`smtp://host:port`), EHLO, MAIL FROM, RCPT TO, DATA, QUIT, with a timeout on every step.
//!
//! The message is UTF-8 text: the subject is an RFC 2047 encoded word and the body is base64
//! (RFC 2045), so no line is too long and no 8-bit support is needed from the relay. Addresses come from
//! `store::reminders::set_email`, which refuses anything with spaces, `<`, `>` or control characters, so
//! they cannot break out of a command or a header.

use std::time::Duration;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use time::OffsetDateTime;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

/// How long each step may take.
const STEP_TIMEOUT: Duration = Duration::from_secs(10);

/// One e-mail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mail {
    /// Sender address.
    pub from: String,
    /// Recipient address.
    pub to: String,
    /// Subject, any Unicode.
    pub subject: String,
    /// Plain text body.
    pub body: String,
    /// The Message-ID without angle brackets.
    pub message_id: String,
    /// The Date header.
    pub date: OffsetDateTime,
}

/// Why a message was not sent.
#[derive(Debug, thiserror::Error)]
pub enum SmtpError {
    /// The URL is not `smtp://host[:port]`.
    #[error("SMTP-adressen »{0}« skal have formen smtp://vært:port")]
    Url(String),
    /// The connection failed or timed out.
    #[error("forbindelsen til SMTP-serveren fejlede: {0}")]
    Io(#[from] std::io::Error),
    /// A step took too long.
    #[error("SMTP-serveren svarede ikke i tide")]
    Timeout,
    /// The server refused a command.
    #[error("SMTP-serveren afviste »{command}«: {reply}")]
    Refused {
        /// The command.
        command: String,
        /// The server's reply.
        reply: String,
    },
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

/// `host:port` from `smtp://host[:port]`.
fn address(url: &str) -> Result<String, SmtpError> {
    let rest = url
        .strip_prefix("smtp://")
        .ok_or_else(|| SmtpError::Url(url.to_owned()))?
        .trim_end_matches('/');
    if rest.is_empty() || rest.contains(['/', '@', ' ']) {
        return Err(SmtpError::Url(url.to_owned()));
    }
    Ok(
        if rest
            .rsplit_once(':')
            .is_some_and(|(_, p)| p.parse::<u16>().is_ok())
        {
            rest.to_owned()
        } else {
            format!("{rest}:25")
        },
    )
}

/// Sends `mail` through the relay at `url`.
///
/// # Errors
/// [`SmtpError`] naming the step that failed.
pub async fn send(url: &str, mail: &Mail) -> Result<(), SmtpError> {
    let addr = address(url)?;
    let stream = step(TcpStream::connect(addr)).await??;
    let (read, mut write) = stream.into_split();
    let mut read = BufReader::new(read);
    expect(&mut read, "forbindelse", 220).await?;
    command(&mut read, &mut write, "EHLO auditpanel", 250).await?;
    command(
        &mut read,
        &mut write,
        &format!("MAIL FROM:<{}>", mail.from),
        250,
    )
    .await?;
    command(
        &mut read,
        &mut write,
        &format!("RCPT TO:<{}>", mail.to),
        250,
    )
    .await?;
    command(&mut read, &mut write, "DATA", 354).await?;
    step(write.write_all(render(mail).as_bytes())).await??;
    expect(&mut read, "DATA", 250).await?;
    // The message is accepted; a failing QUIT changes nothing.
    let _ = command(&mut read, &mut write, "QUIT", 221).await;
    Ok(())
}

async fn step<T>(future: impl Future<Output = T>) -> Result<T, SmtpError> {
    tokio::time::timeout(STEP_TIMEOUT, future)
        .await
        .map_err(|_| SmtpError::Timeout)
}

async fn command(
    read: &mut BufReader<tokio::net::tcp::OwnedReadHalf>,
    write: &mut tokio::net::tcp::OwnedWriteHalf,
    line: &str,
    code: u16,
) -> Result<(), SmtpError> {
    step(write.write_all(format!("{line}\r\n").as_bytes())).await??;
    expect(read, line, code).await
}

/// Reads one (possibly multi-line) reply and checks its code.
async fn expect(
    read: &mut BufReader<tokio::net::tcp::OwnedReadHalf>,
    command: &str,
    code: u16,
) -> Result<(), SmtpError> {
    let mut reply = String::new();
    loop {
        let mut line = String::new();
        if step(read.read_line(&mut line)).await?? == 0 {
            return Err(SmtpError::Refused {
                command: command.to_owned(),
                reply: "forbindelsen blev lukket".to_owned(),
            });
        }
        reply.push_str(&line);
        // "250-…" continues, "250 …" ends a reply.
        if line.as_bytes().get(3) != Some(&b'-') {
            break;
        }
    }
    if reply.get(..3).and_then(|c| c.parse::<u16>().ok()) == Some(code)
        || (code == 250 && reply.starts_with("251"))
    {
        Ok(())
    } else {
        Err(SmtpError::Refused {
            command: command.split(':').next().unwrap_or(command).to_owned(),
            reply: reply.trim().to_owned(),
        })
    }
}

/// The message as sent after DATA, ending in the lone dot.
fn render(mail: &Mail) -> String {
    let date = mail
        .date
        .format(&time::format_description::well_known::Rfc2822)
        .unwrap_or_default();
    let body = BASE64.encode(mail.body.replace('\n', "\r\n").as_bytes());
    let mut out = format!(
        "From: auditpanel <{}>\r\nTo: <{}>\r\nSubject: =?UTF-8?B?{}?=\r\nDate: {date}\r\n\
         Message-ID: <{}>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\
         Content-Transfer-Encoding: base64\r\nAuto-Submitted: auto-generated\r\n\r\n",
        mail.from,
        mail.to,
        BASE64.encode(mail.subject.as_bytes()),
        mail.message_id
    );
    // Base64 lines never start with a dot, so no dot-stuffing is needed.
    for chunk in body.as_bytes().chunks(76) {
        out.push_str(&String::from_utf8_lossy(chunk));
        out.push_str("\r\n");
    }
    out.push_str(".\r\n");
    out
}

#[cfg(test)]
mod tests {
    use time::macros::datetime;

    use super::{Mail, address, message_id, render};

    #[test]
    fn urls_become_addresses() {
        assert_eq!(address("smtp://127.0.0.1:2525").unwrap(), "127.0.0.1:2525");
        assert_eq!(address("smtp://relay.local").unwrap(), "relay.local:25");
        assert!(address("http://x").is_err());
        assert!(address("smtp://").is_err());
    }

    #[test]
    fn a_message_has_encoded_subject_and_body() {
        let text = render(&Mail {
            from: "auditpanel@eksempel.dk".into(),
            to: "midt@eksempel.dk".into(),
            subject: "Påmindelse".into(),
            body: "Fristen er overskredet.\n".into(),
            message_id: message_id("19.1/x"),
            date: datetime!(2025-03-03 09:00 UTC),
        });
        assert!(
            text.contains("Subject: =?UTF-8?B?UMOlbWluZGVsc2U=?=\r\n"),
            "{text}"
        );
        assert!(
            text.contains("Date: Mon, 03 Mar 2025 09:00:00 +0000\r\n"),
            "{text}"
        );
        assert!(text.ends_with("\r\n.\r\n"));
        assert_eq!(message_id("19.1/x"), message_id("19.1/x"));
        assert_ne!(message_id("19.1/x"), message_id("19.1/y"));
    }
}
