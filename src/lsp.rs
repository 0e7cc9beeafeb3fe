//! Editor edge: `claimlint lsp`, a Language Server that checks open Markdown documents
//! as they are typed and publishes the findings as diagnostics.
//!
//! The server runs the same pipeline as `claimlint check` on the editor's in-memory text:
//! each document under its own `claimlint.toml` (found afresh on every check, so edits to
//! the configuration apply at once), and a language version (README.md) together with
//! its siblings (README.zh-CN.md), read from the editor when open and from disk
//! otherwise. Findings carry byte ranges; [`Utf16Index`] turns them into the UTF-16
//! line/character positions the protocol counts in. Code actions insert suppression
//! comments (see [`crate::suppress`]).
//!
//! The library still never prints: [`run`] talks to an [`lsp_server::Connection`] (the
//! binary hands it the stdio one; tests may hand it an in-memory one).

use std::collections::HashMap;
use std::ops::Range;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::Arc;

use lsp_server::{Connection, ErrorCode, Message, Notification, ProtocolError, Request, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidCloseTextDocument, DidOpenTextDocument, DidSaveTextDocument,
    Notification as _, PublishDiagnostics,
};
use lsp_types::request::{CodeActionRequest, Request as _};
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOptions, CodeActionOrCommand, CodeActionParams,
    CodeActionProviderCapability, Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity,
    DidChangeTextDocumentParams, DidCloseTextDocumentParams, DidOpenTextDocumentParams,
    DidSaveTextDocumentParams, Location, NumberOrString, Position, PositionEncodingKind,
    PublishDiagnosticsParams, SaveOptions, ServerCapabilities, ServerInfo,
    TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions,
    TextDocumentSyncSaveOptions, TextEdit, Uri, WorkspaceEdit,
};

use crate::config::{Config, Resolver};
use crate::report::{Finding, Severity};
use crate::source::SourceFile;
use crate::{Options, group, suppress};

/// The `source` of every diagnostic this server publishes.
pub const SOURCE: &str = "claimlint";

/// The code of the diagnostic that reports a document that could not be checked (a
/// broken `claimlint.toml`, say).
pub const CHECK_FAILED: &str = "check-failed";

/// Line starts of a text, for UTF-16 positions. `\n`, `\r\n` and a lone `\r` end a line,
/// as in the protocol. A leading BOM is not part of the first line's columns: editors
/// do not show it.
pub struct Utf16Index<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> Utf16Index<'a> {
    pub fn new(text: &'a str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        for (i, &b) in bytes.iter().enumerate() {
            match b {
                b'\n' => starts.push(i + 1),
                b'\r' if bytes.get(i + 1) != Some(&b'\n') => starts.push(i + 1),
                _ => {}
            }
        }
        Utf16Index { text, starts }
    }

    /// The position of byte `offset`; offsets past the end clamp to it and offsets
    /// inside a character snap back to its start.
    pub fn position(&self, offset: usize) -> Position {
        let text = self.text;
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset).max(1) - 1;
        let mut start = self.starts[line];
        if start == 0 && text.starts_with('\u{feff}') {
            start = offset.min(3);
        }
        // An offset between `\r` and `\n` belongs to the line the pair ends.
        let end = offset.max(start);
        let character = text[start..end]
            .trim_end_matches('\r')
            .encode_utf16()
            .count();
        Position {
            line: line as u32,
            character: character as u32,
        }
    }

    pub fn range(&self, span: &Range<usize>) -> lsp_types::Range {
        lsp_types::Range {
            start: self.position(span.start),
            end: self.position(span.end.max(span.start)),
        }
    }

    /// The bytes of 0-based line `line` without its line break, if the text has it.
    pub fn line_text(&self, line: usize) -> Option<&'a str> {
        let start = *self.starts.get(line)?;
        let end = self
            .starts
            .get(line + 1)
            .copied()
            .unwrap_or(self.text.len());
        Some(self.text[start..end].trim_end_matches(['\n', '\r']))
    }

    /// The line break that ends 0-based line `line`: that of the line itself, else the
    /// text's first one, else `\n`.
    pub fn line_break(&self, line: usize) -> &'static str {
        let ending = |start: usize, end: usize| {
            let s = &self.text[start..end];
            if s.ends_with("\r\n") {
                Some("\r\n")
            } else if s.ends_with('\r') {
                Some("\r")
            } else if s.ends_with('\n') {
                Some("\n")
            } else {
                None
            }
        };
        let own = self
            .starts
            .get(line)
            .zip(self.starts.get(line + 1))
            .and_then(|(&s, &e)| ending(s, e));
        own.or_else(|| self.starts.get(1).and_then(|&e| ending(0, e)))
            .unwrap_or("\n")
    }
}

/// The local path of a `file:` URI (percent-decoded), or None for other schemes.
pub fn uri_to_path(uri: &str) -> Option<PathBuf> {
    let rest = uri
        .strip_prefix("file://")
        .or_else(|| uri.strip_prefix("FILE://"))?;
    let slash = rest.find('/')?;
    let (host, path) = rest.split_at(slash);
    if !host.is_empty() && !host.eq_ignore_ascii_case("localhost") {
        return None;
    }
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let decoded = percent_decode(path)?;
    // file:///C:/x on Windows.
    let b = decoded.as_bytes();
    if cfg!(windows) && b.len() >= 3 && b[0] == b'/' && b[1].is_ascii_alphabetic() && b[2] == b':' {
        return Some(PathBuf::from(&decoded[1..]));
    }
    Some(PathBuf::from(decoded))
}

fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// A `file:` URI for an absolute path, percent-encoding all but unreserved characters.
pub fn path_to_uri(path: &Path) -> Option<Uri> {
    let s = path.to_str()?.replace('\\', "/");
    let mut out = String::from("file://");
    if !s.starts_with('/') {
        out.push('/');
    }
    for &byte in s.as_bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            out.push(byte as char);
        } else if byte == b':' && cfg!(windows) {
            out.push(':');
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    Uri::from_str(&out).ok()
}

/// Whether a document is Markdown, by its language id or else its file name.
fn is_markdown(language_id: &str, uri: &str) -> bool {
    language_id.eq_ignore_ascii_case("markdown")
        || uri_to_path(uri).is_some_and(|p| group::is_markdown(&p))
}

/// One document the editor has open.
struct OpenDoc {
    uri: Uri,
    /// Its absolute path, for `file:` URIs.
    path: Option<PathBuf>,
    text: String,
    /// The editor's version of `text`, echoed in published diagnostics.
    version: Option<i32>,
    markdown: bool,
    /// What was last published for it: what code actions act on.
    diagnostics: Vec<Diagnostic>,
}

/// The server's state: the open documents, by URI.
#[derive(Default)]
struct Server {
    docs: HashMap<String, OpenDoc>,
    /// The explicit configuration (`claimlint lsp --config PATH`), if any.
    config_file: Option<PathBuf>,
    /// Documents changed since they were last checked, in order.
    dirty: Vec<String>,
}

/// What the server announces: full text sync, UTF-16 positions, quick fixes.
pub fn capabilities() -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(PositionEncodingKind::UTF16),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::FULL),
                save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                    include_text: Some(false),
                })),
                ..TextDocumentSyncOptions::default()
            },
        )),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
            ..CodeActionOptions::default()
        })),
        ..ServerCapabilities::default()
    }
}

/// How the server ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// `shutdown` then `exit`: exit 0.
    Clean,
    /// `exit` without `shutdown`, or the client went away: exit 1.
    Abrupt,
}

/// Serve one client: the `initialize` handshake, then messages until `exit`.
/// `config_file` is `--config`: used for every document instead of discovery.
pub fn run(conn: &Connection, config_file: Option<PathBuf>) -> Result<Ending, ProtocolError> {
    let init = serde_json::json!({
        "capabilities": capabilities(),
        "serverInfo": ServerInfo {
            name: "claimlint".into(),
            version: Some(env!("CARGO_PKG_VERSION").into()),
        },
    });
    let (id, _params) = conn.initialize_start()?;
    conn.initialize_finish(id, init)?;
    let mut server = Server {
        config_file,
        ..Server::default()
    };
    let mut next = None;
    loop {
        let msg = match next.take() {
            Some(m) => m,
            None => match conn.receiver.recv() {
                Ok(m) => m,
                Err(_) => return Ok(Ending::Abrupt),
            },
        };
        let out = match msg {
            Message::Request(req) => {
                // A request (a code action) sees the diagnostics of the latest text.
                let mut out = server.flush();
                if conn.handle_shutdown(&req)? {
                    return Ok(Ending::Clean);
                }
                out.push(server.request(req).into());
                out
            }
            Message::Notification(n) => {
                if n.method == "exit" {
                    return Ok(Ending::Abrupt);
                }
                let mut out: Vec<Message> =
                    server.notification(n).into_iter().map(Into::into).collect();
                // Changes typed faster than they are checked are checked once: while
                // the client has more to say, read on before checking.
                match conn.receiver.try_recv() {
                    Ok(m) => next = Some(m),
                    Err(_) => out.extend(server.flush()),
                }
                out
            }
            Message::Response(_) => Vec::new(),
        };
        for m in out {
            if !send(conn, m) {
                return Ok(Ending::Abrupt);
            }
        }
    }
}

/// False when the client has gone away.
fn send(conn: &Connection, msg: Message) -> bool {
    conn.sender.send(msg).is_ok()
}

impl Server {
    fn request(&mut self, req: Request) -> Response {
        if req.method != CodeActionRequest::METHOD {
            return Response::new_err(
                req.id,
                ErrorCode::MethodNotFound as i32,
                format!("claimlint does not handle {}", req.method),
            );
        }
        match serde_json::from_value::<CodeActionParams>(req.params) {
            Ok(p) => {
                let actions = self.code_actions(&p);
                Response::new_ok(req.id, actions)
            }
            Err(e) => Response::new_err(
                req.id,
                ErrorCode::InvalidParams as i32,
                format!("bad codeAction parameters: {e}"),
            ),
        }
    }

    /// Handle a notification; what to send back (diagnostics).
    fn notification(&mut self, n: Notification) -> Vec<Notification> {
        match n.method.as_str() {
            DidOpenTextDocument::METHOD => {
                let Ok(p) = serde_json::from_value::<DidOpenTextDocumentParams>(n.params) else {
                    return Vec::new();
                };
                let d = p.text_document;
                let key = d.uri.as_str().to_string();
                let markdown = is_markdown(&d.language_id, &key);
                self.docs.insert(
                    key.clone(),
                    OpenDoc {
                        path: uri_to_path(&key).map(|p| absolute(&p)),
                        uri: d.uri,
                        text: d.text,
                        version: Some(d.version),
                        markdown,
                        diagnostics: Vec::new(),
                    },
                );
                self.mark(&key);
                Vec::new()
            }
            DidChangeTextDocument::METHOD => {
                let Ok(p) = serde_json::from_value::<DidChangeTextDocumentParams>(n.params) else {
                    return Vec::new();
                };
                let key = p.text_document.uri.as_str().to_string();
                let Some(doc) = self.docs.get_mut(&key) else {
                    return Vec::new();
                };
                // Full sync: the last change holding the whole text wins.
                match p
                    .content_changes
                    .into_iter()
                    .rev()
                    .find(|c| c.range.is_none())
                {
                    Some(c) => {
                        doc.text = c.text;
                        doc.version = Some(p.text_document.version);
                    }
                    None => return Vec::new(),
                }
                self.mark(&key);
                Vec::new()
            }
            DidSaveTextDocument::METHOD => {
                let Ok(p) = serde_json::from_value::<DidSaveTextDocumentParams>(n.params) else {
                    return Vec::new();
                };
                let key = p.text_document.uri.as_str().to_string();
                if let (Some(text), Some(doc)) = (p.text, self.docs.get_mut(&key)) {
                    doc.text = text;
                    doc.version = None;
                }
                let saved_config = uri_to_path(&key)
                    .is_some_and(|p| p.file_name().is_some_and(|n| n == crate::config::FILE_NAME));
                if saved_config {
                    // The configuration changed: every open document may read it.
                    let mut keys: Vec<String> = self
                        .docs
                        .iter()
                        .filter(|(_, d)| d.markdown)
                        .map(|(k, _)| k.clone())
                        .collect();
                    keys.sort();
                    keys.iter().for_each(|k| self.mark(k));
                } else {
                    self.mark(&key);
                }
                Vec::new()
            }
            DidCloseTextDocument::METHOD => {
                let Ok(p) = serde_json::from_value::<DidCloseTextDocumentParams>(n.params) else {
                    return Vec::new();
                };
                let key = p.text_document.uri.as_str().to_string();
                let Some(doc) = self.docs.remove(&key) else {
                    return Vec::new();
                };
                let out = vec![publish(&doc.uri, None, Vec::new())];
                // Its siblings now read it from disk.
                if doc.markdown {
                    if let Some(other) = self.open_siblings(&doc).into_iter().next() {
                        self.mark(&other);
                    }
                }
                out
            }
            _ => Vec::new(),
        }
    }

    /// Open Markdown documents that share a check with `doc` (its group).
    fn open_siblings(&self, doc: &OpenDoc) -> Vec<String> {
        let Some(path) = &doc.path else {
            return Vec::new();
        };
        let Ok(cfg) = self.resolver().for_file(path) else {
            return Vec::new();
        };
        let members = members_of(&cfg, path);
        let mut keys: Vec<String> = self
            .docs
            .iter()
            .filter(|(_, d)| d.markdown && d.path.as_ref().is_some_and(|p| members.contains(p)))
            .map(|(k, _)| k.clone())
            .collect();
        keys.sort();
        keys
    }

    fn resolver(&self) -> Resolver {
        Resolver::new(self.config_file.as_deref())
    }

    fn mark(&mut self, key: &str) {
        if !self.dirty.iter().any(|k| k == key) {
            self.dirty.push(key.to_string());
        }
    }

    /// Check every document changed since the last flush.
    fn flush(&mut self) -> Vec<Message> {
        let dirty = std::mem::take(&mut self.dirty);
        dirty
            .iter()
            .flat_map(|k| self.recheck(k))
            .map(Into::into)
            .collect()
    }

    /// Check the document at `key` (with its group) and publish diagnostics for every
    /// open document of the group.
    fn recheck(&mut self, key: &str) -> Vec<Notification> {
        let Some(doc) = self.docs.get(key) else {
            return Vec::new();
        };
        if !doc.markdown {
            return Vec::new();
        }
        let results = catch_unwind(AssertUnwindSafe(|| self.check(doc))).unwrap_or_else(|_| {
            vec![(
                doc.uri.clone(),
                vec![failure(
                    "claimlint failed on this document (a bug: please report it)",
                )],
            )]
        });
        let mut out = Vec::with_capacity(results.len());
        for (uri, diagnostics) in results {
            if let Some(d) = self.docs.get_mut(uri.as_str()) {
                d.diagnostics = diagnostics.clone();
                out.push(publish(&uri, d.version, diagnostics));
            }
        }
        out
    }

    /// Diagnostics for `doc` and the other open documents checked with it.
    fn check(&self, doc: &OpenDoc) -> Vec<(Uri, Vec<Diagnostic>)> {
        let today = chrono::Local::now().date_naive();
        let Some(path) = &doc.path else {
            // Not a file (an unsaved buffer): checked alone, with the defaults.
            let label = doc.uri.as_str().to_string();
            let source = SourceFile::new(label, doc.text.clone());
            let opts = Options::new(today);
            let result = crate::check_source(&source, &opts).map(|(_, f)| f);
            return vec![(doc.uri.clone(), self.diagnostics(result, &[&source], doc))];
        };
        let cfg = match self.resolver().for_file(path) {
            Ok(c) => c,
            Err(e) => return vec![(doc.uri.clone(), vec![failure(&e.to_string())])],
        };
        if !cfg.selects(path) {
            return vec![(doc.uri.clone(), Vec::new())];
        }
        let members = members_of(&cfg, path);
        let mut sources = Vec::with_capacity(members.len());
        for m in &members {
            let label = m.to_string_lossy().into_owned();
            let open = self.docs.values().find(|d| d.path.as_ref() == Some(m));
            match open {
                Some(d) => sources.push(SourceFile::new(label, d.text.clone())),
                None => match crate::load(&label) {
                    Ok(s) => sources.push(s),
                    // An unreadable sibling is left out; the document itself is open.
                    Err(_) => continue,
                },
            }
        }
        let opts = Options {
            config_file: self.config_file.clone(),
            ..Options::new(today)
        }
        .under(cfg);
        let refs: Vec<&SourceFile> = sources.iter().collect();
        let result = if refs.len() == 1 {
            crate::check_source(refs[0], &opts).map(|(_, f)| f)
        } else {
            crate::check_group(&refs, &opts).map(|(_, f)| f)
        };
        let mut out = Vec::new();
        for (m, src) in members.iter().zip(&sources) {
            let Some(d) = self.docs.values().find(|d| d.path.as_ref() == Some(m)) else {
                continue;
            };
            let mine = match &result {
                Ok(findings) => Ok(findings
                    .iter()
                    .filter(|f| *f.file == *src.path)
                    .cloned()
                    .chain(findings.iter().filter_map(|f| {
                        // A finding in a sibling the editor does not show is shown
                        // here too, when it rests on this file.
                        let shown = self
                            .docs
                            .values()
                            .any(|o| o.path.as_deref() == Some(Path::new(&*f.file)) && o.markdown);
                        if shown { None } else { mirror(f, &src.path) }
                    }))
                    .collect()),
                Err(e) if d.uri == doc.uri => Err(crate::Error::Read {
                    path: src.path.clone(),
                    message: e.to_string(),
                }),
                Err(_) => continue,
            };
            out.push((d.uri.clone(), self.diagnostics(mine, &refs, d)));
        }
        out
    }

    /// Findings (all in `doc`) as diagnostics; `sources` resolve related spans.
    fn diagnostics(
        &self,
        findings: Result<Vec<Finding>, crate::Error>,
        sources: &[&SourceFile],
        doc: &OpenDoc,
    ) -> Vec<Diagnostic> {
        let findings = match findings {
            Ok(f) => f,
            Err(e) => return vec![failure(&e.to_string())],
        };
        let indexes: Vec<Utf16Index<'_>> =
            sources.iter().map(|s| Utf16Index::new(&s.text)).collect();
        let find = |file: &str| sources.iter().position(|s| s.path == file);
        let mut out = Vec::with_capacity(findings.len());
        for f in &findings {
            let Some(k) = find(&f.file) else { continue };
            let related: Vec<DiagnosticRelatedInformation> = f
                .related
                .iter()
                .filter_map(|r| {
                    let j = find(&r.file)?;
                    let uri = if j == k {
                        doc.uri.clone()
                    } else {
                        self.uri_of(Path::new(&*r.file))?
                    };
                    let message = match &r.variant {
                        Some(v) if !r.message.contains(&**v) => {
                            format!("{v}: {}", r.message)
                        }
                        _ => r.message.clone(),
                    };
                    Some(DiagnosticRelatedInformation {
                        location: Location {
                            uri,
                            range: indexes[j].range(&r.span),
                        },
                        message,
                    })
                })
                .collect();
            out.push(Diagnostic {
                range: indexes[k].range(&f.span),
                severity: Some(severity(f.severity)),
                code: Some(NumberOrString::String(f.code.to_string())),
                source: Some(SOURCE.to_string()),
                message: if f.help.is_empty() {
                    f.message.clone()
                } else {
                    format!("{}\nhelp: {}", f.message, f.help)
                },
                related_information: (!related.is_empty()).then_some(related),
                ..Diagnostic::default()
            });
        }
        out
    }

    /// The URI of a file: the editor's own when it has the file open.
    fn uri_of(&self, path: &Path) -> Option<Uri> {
        let path = absolute(path);
        self.docs
            .values()
            .find(|d| d.path.as_ref() == Some(&path))
            .map(|d| d.uri.clone())
            .or_else(|| path_to_uri(&path))
    }

    /// Quick fixes for the claimlint diagnostics published in the requested range.
    fn code_actions(&self, p: &CodeActionParams) -> Vec<CodeActionOrCommand> {
        let wanted = p.context.only.as_ref().is_none_or(|kinds| {
            kinds
                .iter()
                .any(|k| CodeActionKind::QUICKFIX.as_str().starts_with(k.as_str()))
        });
        let Some(doc) = self.docs.get(p.text_document.uri.as_str()) else {
            return Vec::new();
        };
        if !wanted {
            return Vec::new();
        }
        let index = Utf16Index::new(&doc.text);
        let mut out = Vec::new();
        for d in &doc.diagnostics {
            if !overlaps(&d.range, &p.range) {
                continue;
            }
            let Some(NumberOrString::String(code)) = &d.code else {
                continue;
            };
            if [CHECK_FAILED, suppress::UNUSED, suppress::INVALID].contains(&code.as_str()) {
                continue;
            }
            let line = d.range.start.line as usize;
            let Some(text) = index.line_text(line) else {
                continue;
            };
            let indent: String = text
                .chars()
                .take_while(|c| matches!(c, ' ' | '\t' | '>'))
                .collect();
            let eol = index.line_break(line);
            let at = Position {
                line: d.range.start.line,
                character: 0,
            };
            let edit =
                |comment: String| Some(insertion(&doc.uri, at, format!("{indent}{comment}{eol}")));
            out.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: format!("Suppress {code} on the next line"),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![d.clone()]),
                edit: edit(format!("<!-- claimlint-disable-next-line {code} -->")),
                ..CodeAction::default()
            }));
            out.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: format!("Accept this {code} with a reason"),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![d.clone()]),
                edit: edit(format!("<!-- claimlint-accept {code} reason=\"\" -->")),
                ..CodeAction::default()
            }));
        }
        out
    }
}

/// A workspace edit inserting `text` at `at` in one document.
// lsp-types keys `changes` by `Uri`, whose parsed form caches data in a `Cell`; its
// `Hash` and `Eq` read only the URI string, so the key cannot change under the map.
#[allow(clippy::mutable_key_type)]
fn insertion(uri: &Uri, at: Position, text: String) -> WorkspaceEdit {
    let mut changes = HashMap::new();
    changes.insert(
        uri.clone(),
        vec![TextEdit {
            range: lsp_types::Range { start: at, end: at },
            new_text: text,
        }],
    );
    WorkspaceEdit {
        changes: Some(changes),
        ..WorkspaceEdit::default()
    }
}

/// `f` (in another file) seen from `file`, where one of its related spans lies.
fn mirror(f: &Finding, file: &str) -> Option<Finding> {
    let r = f.related.iter().find(|r| &*r.file == file)?;
    let name = Path::new(&*f.file)
        .file_name()
        .map_or(f.file.to_string(), |n| n.to_string_lossy().into_owned());
    Some(Finding {
        file: r.file.clone(),
        span: r.span.clone(),
        variant: r.variant.clone(),
        message: format!("{name}: {}", f.message),
        related: vec![crate::report::Related {
            file: f.file.clone(),
            variant: f.variant.clone(),
            span: f.span.clone(),
            message: f.message.clone(),
        }],
        ..f.clone()
    })
}

/// Whether two ranges touch (a cursor at either end of a diagnostic counts).
fn overlaps(a: &lsp_types::Range, b: &lsp_types::Range) -> bool {
    let key = |p: &Position| (p.line, p.character);
    key(&a.start) <= key(&b.end) && key(&b.start) <= key(&a.end)
}

/// The files checked together with `path`: its configured group, or its language
/// versions found beside it, or itself alone. Absolute paths, in check order.
fn members_of(cfg: &Arc<Config>, path: &Path) -> Vec<PathBuf> {
    if let Some(g) = cfg.group_of(path) {
        let mut members: Vec<PathBuf> = crate::group_members(cfg, g)
            .iter()
            .map(|m| absolute(Path::new(m)))
            .collect();
        if !members.iter().any(|m| m == path) {
            members.push(path.to_path_buf());
        }
        return members;
    }
    let mut candidates = vec![path.to_path_buf()];
    let name = path.file_name();
    if let Some(dir) = path.parent() {
        candidates.extend(markdown_files(dir));
        // docs/en/guide.md beside docs/zh/guide.md.
        if let (Some(grand), Some(name)) = (dir.parent(), name) {
            if let Ok(entries) = std::fs::read_dir(grand) {
                for e in entries.flatten() {
                    let p = e.path().join(name);
                    if p.is_file() {
                        candidates.push(p);
                    }
                }
            }
        }
    }
    candidates.sort();
    candidates.dedup();
    candidates.retain(|c| c == path || (cfg.selects(c) && cfg.group_of(c).is_none()));
    let labels: Vec<String> = candidates
        .iter()
        .map(|c| c.to_string_lossy().into_owned())
        .collect();
    group::groups(&labels)
        .into_iter()
        .find(|g| g.iter().any(|&i| candidates[i] == path))
        .map(|g| g.into_iter().map(|i| candidates[i].clone()).collect())
        .unwrap_or_else(|| vec![path.to_path_buf()])
}

fn markdown_files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file() && group::is_markdown(p))
        .collect()
}

fn absolute(p: &Path) -> PathBuf {
    std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf())
}

fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    }
}

/// A diagnostic on the first character saying the document could not be checked.
fn failure(message: &str) -> Diagnostic {
    Diagnostic {
        range: lsp_types::Range::default(),
        severity: Some(DiagnosticSeverity::ERROR),
        code: Some(NumberOrString::String(CHECK_FAILED.to_string())),
        source: Some(SOURCE.to_string()),
        message: message.to_string(),
        ..Diagnostic::default()
    }
}

fn publish(uri: &Uri, version: Option<i32>, diagnostics: Vec<Diagnostic>) -> Notification {
    Notification::new(
        PublishDiagnostics::METHOD.to_string(),
        PublishDiagnosticsParams {
            uri: uri.clone(),
            diagnostics,
            version,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_columns_count_surrogate_pairs() {
        let text = "第一行\r\n🚀 火箭5次\n";
        let idx = Utf16Index::new(text);
        let p = idx.position(text.find('5').unwrap());
        assert_eq!((p.line, p.character), (1, 2 + 1 + 2));
        assert_eq!(idx.line_break(0), "\r\n");
        assert_eq!(idx.line_text(1), Some("🚀 火箭5次"));
    }

    #[test]
    fn lone_cr_ends_a_line_and_the_bom_is_not_a_column() {
        let text = "\u{feff}ab\rc";
        let idx = Utf16Index::new(text);
        let b = idx.position(text.find('b').unwrap());
        assert_eq!((b.line, b.character), (0, 1));
        let c = idx.position(text.find('c').unwrap());
        assert_eq!((c.line, c.character), (1, 0));
        // Past the end clamps; inside a character snaps back.
        let end = idx.position(99);
        assert_eq!((end.line, end.character), (1, 1));
        let t = "收入";
        let mid = Utf16Index::new(t).position(1);
        assert_eq!(mid.character, 0);
    }

    #[test]
    fn file_uris_round_trip_through_paths() {
        let p = Path::new("/tmp/报告 v2/README.zh-CN.md");
        let uri = path_to_uri(p).unwrap();
        assert!(uri.as_str().starts_with("file:///tmp/%E6%8A%A5"));
        assert_eq!(uri_to_path(uri.as_str()).unwrap(), p);
        assert_eq!(
            uri_to_path("file://localhost/a%20b.md").unwrap(),
            Path::new("/a b.md")
        );
        assert!(uri_to_path("untitled:Untitled-1").is_none());
        assert!(uri_to_path("file:///bad%zz").is_none());
    }
}
